"""Nightly rollup written mostly as Spark SQL over Glue catalog tables (two-part names in the SQL text)."""
import sys
from datetime import date, timedelta

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "run_date"])
glueContext = GlueContext(SparkContext.getOrCreate())
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

run_date = args["run_date"] or (date.today() - timedelta(days=1)).isoformat()

# dedupe the raw feed first; the view is session-local
spark.sql(f"""
    CREATE OR REPLACE TEMP VIEW latest_shipments AS
    SELECT * FROM (
        SELECT s.*, ROW_NUMBER() OVER (PARTITION BY shipment_id ORDER BY updated_at DESC) AS rn
        FROM logistics_raw.shipments s
        WHERE s.ingest_date = '{run_date}'
    ) WHERE rn = 1
""")

ROLLUP_SQL = """
INSERT OVERWRITE TABLE logistics_curated.daily_lane_volume PARTITION (ship_date)
SELECT l.origin_region,
       l.dest_region,
       COUNT(*)            AS shipments,
       SUM(ls.weight_kg)   AS weight_kg,   -- kilograms, as the carrier reports
       ls.ship_date
FROM latest_shipments ls
JOIN logistics_ref.lanes l ON ls.lane_id = l.lane_id
GROUP BY l.origin_region, l.dest_region, ls.ship_date
"""
spark.sql(ROLLUP_SQL)

late = spark.sql(
    "SELECT carrier_id, COUNT(*) AS late_count "
    "FROM latest_shipments WHERE delivered_at > promised_at "
    "GROUP BY carrier_id"
)
late.createOrReplaceTempView("late_by_carrier")
spark.sql(
    """MERGE INTO logistics_curated.carrier_scorecard t
       USING late_by_carrier s ON t.carrier_id = s.carrier_id
       WHEN MATCHED THEN UPDATE SET t.late_count = t.late_count + s.late_count
       WHEN NOT MATCHED THEN INSERT (carrier_id, late_count) VALUES (s.carrier_id, s.late_count)"""
)
job.commit()
