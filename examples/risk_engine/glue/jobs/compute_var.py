"""Historical-simulation VaR per desk.

Today's positions (risk_curated.exposures) are revalued under every daily return in
risk_raw.historical_returns. Output: risk_curated.var_results.
"""

import sys

from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job

from risk_common.config import CURATED_DB, RAW_DB
from risk_common.readers import read_catalog_table
from risk_common.risk_math import VarModel
from risk_common.writers import append_to_catalog

args = getResolvedOptions(sys.argv, ["JOB_NAME", "business_date", "confidence_levels"])
business_date = args["business_date"]
# e.g. --confidence_levels 0.95,0.99
confidence_levels = [float(level) for level in args["confidence_levels"].split(",")]

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

exposures = read_catalog_table(
    glueContext, CURATED_DB, "exposures", business_date=business_date, transformation_ctx="exposures"
)
returns = read_catalog_table(glueContext, RAW_DB, "historical_returns", transformation_ctx="historical_returns")
returns = ResolveChoice.apply(frame=returns, specs=[("daily_return", "cast:double")], transformation_ctx="returns_resolve")

model = VarModel(confidence_levels=confidence_levels)
pnl = model.scenario_pnl(exposures.toDF(), returns.toDF())
var_df = model.summarise(pnl, business_date)

var_results = DynamicFrame.fromDF(var_df, glueContext, "var_results")
append_to_catalog(glueContext, var_results, CURATED_DB, "var_results", transformation_ctx="write_var_results")

job.commit()
