import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job


def get_job_args():
    # tables is a comma separated list passed by the workflow
    return getResolvedOptions(sys.argv, ['JOB_NAME', 'source_db', 'tables', 'target_bucket'])


def create_glue_context():
    return GlueContext(SparkContext.getOrCreate())


def read_table(glue_context, database, table_name, partition_predicate=None):
    frame = glue_context.create_dynamic_frame.from_catalog(database=database,
                                                           table_name=table_name,
                                                           push_down_predicate=partition_predicate)
    return frame


def write_table(glue_context, frame, bucket, table_name):
    glue_context.write_dynamic_frame.from_options(
        frame=frame,
        connection_type="s3",
        connection_options={"path": f"s3://{bucket}/curated/{table_name}/"},
        format="parquet",
    )


def main():
    args = get_job_args()
    glue_context = create_glue_context()
    job = Job(glue_context)
    job.init(args['JOB_NAME'], args)
    for table_name in args['tables'].split(','):
        frame = read_table(glue_context, args['source_db'], table_name.strip())
        print(f"{table_name}: {frame.count()} rows")
        write_table(glue_context, frame, args['target_bucket'], table_name.strip())
    job.commit()


if __name__ == "__main__":
    main()
