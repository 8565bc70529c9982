import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue import DynamicFrame


def sparkUnion(glueContext, unionType, mapping, transformation_ctx) -> DynamicFrame:
    for alias, frame in mapping.items():
        frame.toDF().createOrReplaceTempView(alias)
    result = spark.sql("(select * from source1) UNION " + unionType + " (select * from source2)")
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
    for alias, frame in mapping.items():
        frame.toDF().createOrReplaceTempView(alias)
    result = spark.sql(query)
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


args = getResolvedOptions(sys.argv, ['JOB_NAME'])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

# Script generated for node Campus A courses
CampusAcourses_node1712000000001 = glueContext.create_dynamic_frame.from_catalog(database="lms", table_name="campus_a_course", transformation_ctx="CampusAcourses_node1712000000001")

# Script generated for node Campus B courses
CampusBcourses_node1712000000002 = glueContext.create_dynamic_frame.from_catalog(database="lms", table_name="campus_b_course", transformation_ctx="CampusBcourses_node1712000000002")

# Script generated for node Align A
SqlQuery101 = '''
select id as course_id, fullname as title, 'A' as campus from myDataSource
'''
AlignA_node1712000000003 = sparkSqlQuery(glueContext, query = SqlQuery101, mapping = {"myDataSource":CampusAcourses_node1712000000001}, transformation_ctx = "AlignA_node1712000000003")

# Script generated for node Align B
SqlQuery102 = '''
select course_code as course_id, name as title, 'B' as campus from myDataSource
'''
AlignB_node1712000000004 = sparkSqlQuery(glueContext, query = SqlQuery102, mapping = {"myDataSource":CampusBcourses_node1712000000002}, transformation_ctx = "AlignB_node1712000000004")

# Script generated for node Union
Union_node1712000000005 = sparkUnion(glueContext, unionType = "ALL", mapping = {"source1": AlignA_node1712000000003, "source2": AlignB_node1712000000004}, transformation_ctx = "Union_node1712000000005")

# Script generated for node Distinct titles
Distincttitles_node1712000000006 = sparkUnion(glueContext, unionType = "DISTINCT", mapping = {"source1": AlignA_node1712000000003, "source2": AlignB_node1712000000004}, transformation_ctx = "Distincttitles_node1712000000006")

# Script generated for node All courses
Allcourses_node1712000000007 = glueContext.write_dynamic_frame.from_options(frame=Union_node1712000000005, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lms-curated/courses/", "partitionKeys": ["campus"]}, format_options={"compression": "snappy"}, transformation_ctx="Allcourses_node1712000000007")

# Script generated for node Titles
Titles_node1712000000008 = glueContext.write_dynamic_frame.from_options(frame=Distincttitles_node1712000000006, connection_type="s3", format="json", connection_options={"path": "s3://lms-curated/titles/", "partitionKeys": []}, transformation_ctx="Titles_node1712000000008")

job.commit()
