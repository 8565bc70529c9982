"""Liquidity stress: what it would cost to unwind each desk's positions under stressed markets.

Databricks-native process (no Glue counterpart). Reads the curated Unity Catalog tables produced by
the converted nightly jobs and writes main.risk_reporting.liquidity_stress (Delta).
"""

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()

# Stress scenarios: price haircut by rating bucket of the counterparty plus a fire-sale discount
# on positions larger than a day's volume. Reviewed quarterly by the liquidity risk committee.
SCENARIOS = [
    ("BASE", 0.00, 0.00),
    ("MODERATE", 0.05, 0.02),
    ("SEVERE", 0.15, 0.06),
]
RATING_MULTIPLIER = {"IG": 1.0, "HY": 1.5, "NR": 2.0}


def get_param(name, default):
    """Widget value on Databricks, default elsewhere (local runs, tests)."""
    try:
        dbutils.widgets.text(name, default)  # noqa: F821 - provided by the Databricks runtime
        return dbutils.widgets.get(name)  # noqa: F821
    except NameError:
        return default


catalog = get_param("catalog", "main")
business_date = get_param("business_date", "2024-03-28")

exposures = spark.read.table(f"{catalog}.risk_curated.exposures").where(F.col("business_date") == business_date)

scenarios = spark.createDataFrame(SCENARIOS, "scenario string, haircut double, fire_sale double")
multiplier = F.lit(RATING_MULTIPLIER["NR"])
for bucket, factor in RATING_MULTIPLIER.items():
    multiplier = F.when(F.col("rating_bucket") == bucket, F.lit(factor)).otherwise(multiplier)

stressed = (
    exposures.crossJoin(scenarios)
    .withColumn("abs_value_usd", F.abs("market_value_usd"))
    .withColumn(
        "liquidation_cost_usd",
        F.col("abs_value_usd") * (F.col("haircut") * multiplier + F.col("fire_sale")),
    )
)

result = (
    stressed.groupBy("desk", "scenario")
    .agg(
        F.round(F.sum("abs_value_usd"), 2).alias("gross_position_usd"),
        F.round(F.sum("liquidation_cost_usd"), 2).alias("liquidation_cost_usd"),
        F.count("trade_id").alias("position_count"),
    )
    .withColumn(
        "cost_pct",
        F.when(
            F.col("gross_position_usd") > 0,
            F.round(F.col("liquidation_cost_usd") * 100 / F.col("gross_position_usd"), 4),
        ),
    )
    .withColumn("business_date", F.lit(business_date))
)

(
    result.write.format("delta")
    .mode("overwrite")
    .option("replaceWhere", f"business_date = '{business_date}'")
    .partitionBy("business_date")
    .saveAsTable(f"{catalog}.risk_reporting.liquidity_stress")
)
