import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ['JOB_NAME', 'TempDir'])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# Script generated for node Staff source
Staffsource_node1731000000001 = glueContext.create_dynamic_frame.from_catalog(database="hr", table_name="staff_csv", transformation_ctx="Staffsource_node1731000000001")

# Script generated for node Change Schema
ChangeSchema_node1731000000002 = ApplyMapping.apply(frame=Staffsource_node1731000000001, mappings=[("id", "string", "id", "int"), ("first_name", "string", "first_name", "string"), ("dept", "string", "dept", "string"), ("salary", "string", "salary", "decimal(12,2)")], transformation_ctx="ChangeSchema_node1731000000002")

# Script generated for node Redshift staff
Redshiftstaff_node1731000000003 = glueContext.write_dynamic_frame.from_options(frame=ChangeSchema_node1731000000002, connection_type="redshift", connection_options={"postactions": "BEGIN; MERGE INTO public.staff USING public.staff_temp_k2x9 ON staff.id = staff_temp_k2x9.id WHEN MATCHED THEN UPDATE SET first_name = staff_temp_k2x9.first_name, dept = staff_temp_k2x9.dept, salary = staff_temp_k2x9.salary WHEN NOT MATCHED THEN INSERT VALUES (staff_temp_k2x9.id, staff_temp_k2x9.first_name, staff_temp_k2x9.dept, staff_temp_k2x9.salary); DROP TABLE public.staff_temp_k2x9; END;", "redshiftTmpDir": "s3://aws-glue-assets-111122223333-us-west-2/temporary/", "useConnectionProperties": "true", "dbtable": "public.staff_temp_k2x9", "connectionName": "Redshift connection", "preactions": "CREATE TABLE IF NOT EXISTS public.staff (id INTEGER, first_name VARCHAR, dept VARCHAR, salary DECIMAL(12,2)); DROP TABLE IF EXISTS public.staff_temp_k2x9; CREATE TABLE public.staff_temp_k2x9 (id INTEGER, first_name VARCHAR, dept VARCHAR, salary DECIMAL(12,2));"}, transformation_ctx="Redshiftstaff_node1731000000003")

# Script generated for node Redshift departments
Redshiftdepartments_node1731000000004 = glueContext.create_dynamic_frame.from_options(connection_type="redshift", connection_options={"sampleQuery": "select dept, budget from public.departments where active = true", "redshiftTmpDir": args["TempDir"], "useConnectionProperties": "true", "connectionName": "Redshift connection"}, transformation_ctx="Redshiftdepartments_node1731000000004")

# Script generated for node Budgets out
Budgetsout_node1731000000005 = glueContext.write_dynamic_frame.from_options(frame=Redshiftdepartments_node1731000000004, connection_type="s3", format="parquet", connection_options={"path": "s3://hr-exports/budgets/"}, transformation_ctx="Budgetsout_node1731000000005")

job.commit()
