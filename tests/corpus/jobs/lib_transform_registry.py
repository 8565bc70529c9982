"""Named transforms the config-driven job looks up by name."""
from awsglue.transforms import ApplyMapping, DropNullFields, Filter, RenameField, SelectFields

TRANSFORMS = {}


def register(name):
    def wrap(fn):
        TRANSFORMS[name] = fn
        return fn

    return wrap


@register("map")
def map_columns(frame, spec):
    return ApplyMapping.apply(frame=frame, mappings=[tuple(m) for m in spec["mappings"]])


@register("select")
def select_columns(frame, spec):
    return SelectFields.apply(frame=frame, paths=spec["columns"])


@register("rename")
def rename_column(frame, spec):
    return RenameField.apply(frame=frame, old_name=spec["from"], new_name=spec["to"])


@register("drop_nulls")
def drop_null_fields(frame, spec):
    # drops columns that are null in every record, not rows
    return DropNullFields.apply(frame=frame)


@register("filter")
def filter_rows(frame, spec):
    column, value = spec["column"], spec["equals"]
    return Filter.apply(frame=frame, f=lambda row: row[column] == value)


def apply_all(frame, steps):
    for step in steps:
        frame = TRANSFORMS[step["type"]](frame, step)
    return frame
