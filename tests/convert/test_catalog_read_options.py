"""A catalog read whose ``additional_options`` are known only at run time (a dict built by library code):
the converted read applies its partition predicates as Glue's pruning did, ignores listing-only keys and
refuses keys it cannot honour, on a real Spark session."""

import pytest

from g2l_core.convert.helpers import g2l_helpers as h


@pytest.mark.parametrize("options, dates", [
    (None, ["2024-01-01", "2024-01-02"]),
    ({}, ["2024-01-01", "2024-01-02"]),
    ({"catalogPartitionPredicate": "ship_date = '2024-01-02'"}, ["2024-01-02"]),
    ({"push_down_predicate": "ship_date = '2024-01-01'", "groupFiles": "inPartition"}, ["2024-01-01"]),
    ({"push_down_predicate": ""}, ["2024-01-01", "2024-01-02"]),
])
def test_partition_predicates_filter_rows(spark, options, dates):
    df = spark.createDataFrame([("a", "2024-01-01"), ("b", "2024-01-02")], "id string, ship_date string")
    got = sorted(r.ship_date for r in h.catalog_read_options(df, options).collect())
    assert got == dates


def test_unknown_option_raises_naming_it(spark):
    df = spark.createDataFrame([("a",)], "id string")
    with pytest.raises(ValueError, match="sampleQuery"):
        h.catalog_read_options(df, {"sampleQuery": "select 1", "groupFiles": "inPartition"})
