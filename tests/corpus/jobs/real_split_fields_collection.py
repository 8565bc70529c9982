import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ['JOB_NAME'])
glueContext = GlueContext(SparkContext.getOrCreate())
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

patients = glueContext.create_dynamic_frame.from_catalog(database="clinic", table_name="patients")

# personal data goes to the restricted bucket, the rest to analytics
split = SplitFields.apply(frame=patients, paths=["patient_id", "name", "ssn", "address"], name1="pii", name2="clinical")
pii = SelectFromCollection.apply(dfc=split, key="pii")
clinical = SelectFromCollection.apply(dfc=split, key="clinical")
clinical = clinical.resolveChoice(specs=[("weight_kg", "cast:double"), ("visits", "cast:int")])

glueContext.write_dynamic_frame.from_options(frame=pii, connection_type="s3", connection_options={"path": "s3://clinic-restricted/pii/"}, format="parquet")
glueContext.write_dynamic_frame.from_options(frame=clinical, connection_type="s3", connection_options={"path": "s3://clinic-analytics/clinical/"}, format="parquet")
job.commit()
