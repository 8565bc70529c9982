"""Lake Formation governed table: write inside a transaction."""
import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext.getOrCreate())

tx_id = glueContext.start_transaction(read_only=False)
try:
    orders = glueContext.create_dynamic_frame.from_catalog(
        database="governed", table_name="orders_staging", additional_options={"transactionId": tx_id}
    )
    glueContext.write_dynamic_frame.from_catalog(
        frame=orders,
        database="governed",
        table_name="orders",
        additional_options={"transactionId": tx_id},
    )
    glueContext.commit_transaction(tx_id)
except Exception:
    glueContext.cancel_transaction(tx_id)
    raise
