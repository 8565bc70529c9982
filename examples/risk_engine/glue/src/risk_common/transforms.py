"""DynamicFrame -> DynamicFrame steps reused by the ingest jobs."""

from awsglue.transforms import ApplyMapping, DropNullFields, Filter, ResolveChoice

# (source, source type, target, target type). Columns not listed here are dropped by ApplyMapping,
# which is how we get rid of trader_comment and settlement_date from the front-office extract.
TRADE_MAPPINGS = [
    ("trade_id", "string", "trade_id", "string"),
    ("book", "string", "book", "string"),
    ("desk", "string", "desk", "string"),
    ("counterparty_id", "string", "counterparty_id", "string"),
    ("instrument_id", "string", "instrument_id", "string"),
    ("side", "string", "side", "string"),
    ("quantity", "string", "quantity", "long"),
    ("price", "string", "trade_price", "double"),
    ("notional", "string", "notional", "decimal(18,2)"),
    ("currency", "string", "currency", "string"),
    ("trade_date", "string", "trade_date", "date"),
    ("status", "string", "status", "string"),
    ("as_of_date", "string", "business_date", "string"),
]

# Raw counterparties come from the onboarding system as JSON with a nested rating block.
COUNTERPARTY_MAPPINGS = [
    ("counterparty_id", "string", "counterparty_id", "string"),
    ("legal_name", "string", "legal_name", "string"),
    ("country", "string", "country_code", "string"),
    ("sector", "string", "sector", "string"),
    ("rating.grade", "string", "rating_grade", "string"),
    ("rating.agency", "string", "rating_agency", "string"),
    ("parent_id", "string", "parent_id", "string"),
    ("onboarded_at", "string", "onboarded_date", "date"),
]


def resolve_as_strings(frame, columns, transformation_ctx):
    """The csv reader infers a type per record; numbers with thousands separators come out as choice<long,string>.

    Collapse them to string first and let ApplyMapping do the real cast.
    """
    return ResolveChoice.apply(
        frame=frame,
        specs=[(column, "cast:string") for column in columns],
        transformation_ctx=transformation_ctx,
    )


def map_trades(frame, transformation_ctx="map_trades"):
    return ApplyMapping.apply(frame=frame, mappings=TRADE_MAPPINGS, transformation_ctx=transformation_ctx)


def map_counterparties(frame, transformation_ctx="map_counterparties"):
    return ApplyMapping.apply(frame=frame, mappings=COUNTERPARTY_MAPPINGS, transformation_ctx=transformation_ctx)


def keep_booked_trades(frame, transformation_ctx="keep_booked_trades"):
    # Cancelled / amended-away trades and zero-notional placeholders never reach the risk tables
    return Filter.apply(
        frame=frame,
        f=lambda row: row["notional"] > 0 and row["status"] == "BOOKED",
        transformation_ctx=transformation_ctx,
    )


def drop_null_fields(frame, transformation_ctx):
    return DropNullFields.apply(frame=frame, transformation_ctx=transformation_ctx)
