"""Risk calculations on Spark DataFrames.

Plain PySpark on purpose: Quant Dev unit-tests this module without a Glue runtime.
"""

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from risk_common.config import PFE_ADDON_FACTORS, VAR_CONFIDENCE_LEVELS, VAR_MODEL_VERSION

INVESTMENT_GRADE = ["AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-"]
HIGH_YIELD = ["BB+", "BB", "BB-", "B+", "B", "B-", "CCC+", "CCC", "CCC-", "CC", "C", "D"]


def rating_bucket(grade_col):
    """IG / HY / NR bucket of an agency grade column."""
    return (
        F.when(grade_col.isin(INVESTMENT_GRADE), F.lit("IG"))
        .when(grade_col.isin(HIGH_YIELD), F.lit("HY"))
        .otherwise(F.lit("NR"))
    )


class ExposureCalculator:
    """Trade-level market value and credit exposure in USD."""

    def __init__(self, addon_factors=None):
        self.addon_factors = addon_factors or PFE_ADDON_FACTORS

    def market_value(self, trades: DataFrame) -> DataFrame:
        # SELL positions carry a negative market value
        sign = F.when(F.col("side") == "SELL", F.lit(-1)).otherwise(F.lit(1))
        return trades.withColumn(
            "market_value_usd",
            F.round(sign * F.col("quantity") * F.col("close_price_usd"), 2),
        )

    def _addon_factor(self, bucket_col):
        expr = F.lit(self.addon_factors["NR"])
        for bucket, factor in self.addon_factors.items():
            expr = F.when(bucket_col == bucket, F.lit(factor)).otherwise(expr)
        return expr

    def exposures(self, trades: DataFrame, counterparties: DataFrame) -> DataFrame:
        """Replacement cost (positive MtM only) plus a rating-driven PFE add-on."""
        buckets = counterparties.select("counterparty_id", "rating_bucket").dropDuplicates(["counterparty_id"])
        valued = self.market_value(trades).join(buckets, on="counterparty_id", how="left")
        valued = valued.withColumn("rating_bucket", F.coalesce(F.col("rating_bucket"), F.lit("NR")))
        valued = valued.withColumn(
            "pfe_addon_usd",
            F.round(F.abs(F.col("market_value_usd")) * self._addon_factor(F.col("rating_bucket")), 2),
        )
        return valued.withColumn(
            "exposure_usd",
            F.round(F.greatest(F.col("market_value_usd"), F.lit(0.0)) + F.col("pfe_addon_usd"), 2),
        )


class VarModel:
    """Historical-simulation VaR per desk: revalue today's positions under each past daily return."""

    def __init__(self, confidence_levels=VAR_CONFIDENCE_LEVELS, model_version=VAR_MODEL_VERSION):
        self.confidence_levels = tuple(sorted(confidence_levels))
        self.model_version = model_version

    def scenario_pnl(self, exposures: DataFrame, returns: DataFrame) -> DataFrame:
        """One row per desk and scenario date with the simulated P&L."""
        pnl = (
            exposures.join(returns, on="instrument_id", how="inner")
            .groupBy("desk", "scenario_date")
            .agg(F.sum(F.col("market_value_usd") * F.col("daily_return")))
        )
        # groupBy/agg names the sum column "sum((market_value_usd * daily_return))"; rename positionally
        return pnl.toDF("desk", "scenario_date", "pnl_usd")

    def _tail_rank(self, confidence):
        # round first: 40 * (1 - 0.95) is 2.0000000000000018 in floating point and would ceil to 3
        tail = F.ceil(F.round(F.col("scenario_count") * F.lit(1.0 - confidence), 9))
        return F.greatest(F.lit(1), tail.cast("int"))

    def summarise(self, pnl: DataFrame, business_date: str) -> DataFrame:
        """VaR at each confidence level and expected shortfall at the highest one, as positive USD losses."""
        by_loss = Window.partitionBy("desk").orderBy(F.col("pnl_usd").asc(), F.col("scenario_date").asc())
        ranked = (
            pnl.withColumn("loss_rank", F.row_number().over(by_loss))
            .withColumn("scenario_count", F.count(F.lit(1)).over(Window.partitionBy("desk")))
        )
        aggs = []
        for confidence in self.confidence_levels:
            label = f"var_{int(round(confidence * 100))}_usd"
            at_rank = F.when(F.col("loss_rank") == self._tail_rank(confidence), -F.col("pnl_usd"))
            aggs.append(F.round(F.max(at_rank), 2).alias(label))
        worst = self.confidence_levels[-1]
        in_tail = F.when(F.col("loss_rank") <= self._tail_rank(worst), -F.col("pnl_usd"))
        aggs.append(F.round(F.avg(in_tail), 2).alias("expected_shortfall_usd"))
        aggs.append(F.max("scenario_count").cast("bigint").alias("scenario_count"))
        return (
            ranked.groupBy("desk")
            .agg(*aggs)
            .withColumn("model_version", F.lit(self.model_version))
            .withColumn("business_date", F.lit(business_date))
        )

