import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)

# small reference list kept in code
regions = [{"code": "EU", "name": "Europe"}, {"code": "NA", "name": "North America"}, {"code": "AP", "name": "Asia Pacific"}]
rdd = sc.parallelize(regions)
regions_dyf = glueContext.create_dynamic_frame.from_rdd(rdd, "regions")
glueContext.write_dynamic_frame.from_catalog(frame=regions_dyf, database="reference", table_name="regions")
