"""Record-level clean-up of device pings, typed for the IDE."""
from awsglue.dynamicframe import DynamicFrame
from awsglue.gluetypes import DynamicRecord


def normalise_ping(ping: DynamicRecord) -> DynamicRecord:
    ping["device_id"] = ping["device_id"].strip().upper()
    ping["battery_pct"] = min(int(ping["battery_pct"]), 100)
    return ping


def clean_pings(pings: DynamicFrame, ctx_name: str) -> DynamicFrame:
    return pings.map(f=normalise_ping, transformation_ctx=ctx_name)


def is_record(value) -> bool:
    return isinstance(value, DynamicRecord)
