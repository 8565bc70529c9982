"""Cleansing steps of the customer pipeline, written against Glue's built-in transforms."""

from awsglue.transforms import *
from awsglue.dynamicframe import DynamicFrame

CUSTOMER_MAPPING = [
    ("id", "string", "customer_id", "long"),
    ("name", "string", "full_name", "string"),
    ("signup", "string", "signup_date", "date"),
]


def clean_customers(frame: DynamicFrame) -> DynamicFrame:
    mapped = ApplyMapping.apply(frame=frame, mappings=CUSTOMER_MAPPING, transformation_ctx="mapped")
    no_nulls = DropNullFields.apply(frame=mapped, transformation_ctx="no_nulls")
    active = Filter.apply(frame=no_nulls, f=lambda row: row["customer_id"] is not None)
    return SelectFields.apply(frame=active, paths=["customer_id", "full_name", "signup_date"])


def rename_all(frame: DynamicFrame, renames: dict) -> DynamicFrame:
    for old, new in renames.items():
        frame = RenameField.apply(frame=frame, old_name=old, new_name=new)
    return frame


def drop_columns(frame: DynamicFrame, columns: list) -> DynamicFrame:
    return DropFields.apply(frame, columns)
