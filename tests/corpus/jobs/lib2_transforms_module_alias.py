"""Order transforms using the transforms module under an alias, and aliased class imports."""

import awsglue.transforms as T
from awsglue.dynamicframe import DynamicFrame
from awsglue.transforms import ApplyMapping as Mapping


def normalise(orders: DynamicFrame) -> DynamicFrame:
    typed = Mapping.apply(
        frame=orders,
        mappings=[("order_id", "string", "order_id", "long"), ("total", "string", "total", "double")],
    )
    return T.DropNullFields.apply(frame=typed)


def only_large(orders: DynamicFrame, threshold: float) -> DynamicFrame:
    return T.Filter.apply(frame=orders, f=lambda r: r["total"] > threshold)


def join_customers(orders: DynamicFrame, customers: DynamicFrame) -> DynamicFrame:
    return T.Join.apply(orders, customers, "customer_id", "customer_id")
