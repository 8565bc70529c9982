"""Python shell job: daily KPI table built with awswrangler (pandas), registered in the Glue catalog."""
import sys

import awswrangler as wr
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["database", "bucket", "day"])

orders = wr.athena.read_sql_query(
    f"SELECT customer_id, amount FROM orders WHERE order_date = date '{args['day']}'",
    database=args["database"],
)
rates = wr.s3.read_csv(f"s3://{args['bucket']}/reference/fx_rates.csv")  # plain S3 read, no catalog
kpis = orders.merge(rates, how="left", on="customer_id").groupby("customer_id", as_index=False).sum()
kpis["day"] = args["day"]

if not wr.catalog.does_table_exist(database=args["database"], table="daily_kpis"):
    print("first run: daily_kpis will be created")
wr.s3.to_parquet(
    df=kpis,
    path=f"s3://{args['bucket']}/marts/daily_kpis/",
    dataset=True,
    mode="overwrite_partitions",
    partition_cols=["day"],
    database=args["database"],
    table="daily_kpis",
)
