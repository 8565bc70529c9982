"""Write the parquet files of the sample risk engine data (run once, commit the output).

Two kinds of files:
- inputs that arrive as parquet: landing/prices and raw/historical_returns;
- seed snapshots of the tables the jobs produce for 2024-03-28 (raw/trades, curated/counterparties,
  curated/market_prices, curated/exposures, curated/var_results, reporting/limit_breaches), derived here
  from the text inputs with the same rules as the jobs, so every job can be run on its own.

Schemas follow glue/ddl/*.sql exactly. Usage: python make_parquet.py
"""

import csv
import json
import math
import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

DATA = Path(__file__).resolve().parent / "glue" / "data"
BUSINESS_DATE = "2024-03-28"
PARTITION = f"business_date={BUSINESS_DATE}"

IG = {"AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-"}
PFE_ADDON = {"IG": 0.05, "HY": 0.10, "NR": 0.15}
CONFIDENCE_LEVELS = (0.95, 0.99)
LIMIT_WARNING_PCT, LIMIT_BREACH_PCT = 90.0, 100.0

PRICES = [
    # instrument_id, isin, close_price, currency, vendor, volume
    ("AAPL.OQ", "US0378331005", 171.48, "USD", "REFINITIV", 65672690),
    ("SAP.DE", "DE0007164600", 180.88, "EUR", "REFINITIV", 1932418),
    ("BP.L", "GB0007980591", 4.963, "GBP", "REFINITIV", 38211054),
    ("7203.T", "JP3633400001", 3790.0, "JPY", "REFINITIV", 21455300),
    ("UST10Y.GOV", "US91282CJZ59", 98.53125, "USD", "TRADEWEB", 0),
    ("NESN.SW", "CH0038863350", 102.38, "CHF", "REFINITIV", 5120345),
    # no HKD fixing in the FX file: dropped by the inner join in load_market_data
    ("0700.HK", "KYG875721634", 283.4, "HKD", "REFINITIV", 17650021),
]


def round_half_up(value, digits):
    """Spark's round() is HALF_UP; Python's is half-even."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def write(rows, schema, relative):
    path = DATA / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path, compression="snappy")
    print(f"{relative}: {table.num_rows} rows")


def d(text):
    return date.fromisoformat(text)


def bucket(grade):
    if grade in IG:
        return "IG"
    if grade is None or grade == "NR":
        return "NR"
    return "HY"


def business_days_before(end, count):
    days, day = [], end
    while len(days) < count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return sorted(days)


def main():
    # --- inputs ------------------------------------------------------------------------------------
    write(
        [
            {"instrument_id": i, "isin": s, "close_price": p, "currency": c, "price_date": BUSINESS_DATE,
             "vendor": v, "volume": vol}
            for i, s, p, c, v, vol in PRICES
        ],
        pa.schema([("instrument_id", pa.string()), ("isin", pa.string()), ("close_price", pa.float64()),
                   ("currency", pa.string()), ("price_date", pa.string()), ("vendor", pa.string()),
                   ("volume", pa.int64())]),
        "landing/prices/prices_20240328.parquet",
    )

    rng = random.Random(20240328)
    vol = {"AAPL.OQ": 0.016, "SAP.DE": 0.013, "BP.L": 0.015, "7203.T": 0.018, "UST10Y.GOV": 0.004}
    scenario_dates = business_days_before(d(BUSINESS_DATE), 40)
    returns = [
        {"instrument_id": inst, "scenario_date": day, "daily_return": round(rng.uniform(-2.5, 2.5) * sigma, 6)}
        for day in scenario_dates
        for inst, sigma in vol.items()
    ]
    write(
        returns,
        pa.schema([("instrument_id", pa.string()), ("scenario_date", pa.date32()), ("daily_return", pa.float64())]),
        "raw/historical_returns/part-0.parquet",
    )

    # --- raw.trades (ingest_trades) --------------------------------------------------------------------
    with open(DATA / "landing/trades/trades_20240328_1805.csv", newline="") as fh:
        landing = list(csv.DictReader(fh, delimiter="|"))
    trades = [
        {"trade_id": r["trade_id"], "book": r["book"], "desk": r["desk"], "counterparty_id": r["counterparty_id"],
         "instrument_id": r["instrument_id"], "side": r["side"], "quantity": int(r["quantity"]),
         "trade_price": float(r["price"]), "notional": Decimal(r["notional"]), "currency": r["currency"],
         "trade_date": d(r["trade_date"]), "status": r["status"]}
        for r in landing
        if Decimal(r["notional"]) > 0 and r["status"] == "BOOKED"
    ]
    write(
        trades,
        pa.schema([("trade_id", pa.string()), ("book", pa.string()), ("desk", pa.string()),
                   ("counterparty_id", pa.string()), ("instrument_id", pa.string()), ("side", pa.string()),
                   ("quantity", pa.int64()), ("trade_price", pa.float64()), ("notional", pa.decimal128(18, 2)),
                   ("currency", pa.string()), ("trade_date", pa.date32()), ("status", pa.string())]),
        f"raw/trades/{PARTITION}/part-0.parquet",
    )

    # --- curated.counterparties (ingest_counterparties) ----------------------------------------------
    with open(DATA / "raw/counterparties/counterparties_20240328.json") as fh:
        raw_cps = [json.loads(line) for line in fh if line.strip()]
    counterparties = [
        {"counterparty_id": c["counterparty_id"], "counterparty_name": c["legal_name"],
         "country_code": c["country"].upper(), "sector": c["sector"], "rating_grade": c["rating"]["grade"],
         "rating_agency": c["rating"]["agency"], "parent_id": c["parent_id"],
         "onboarded_date": d(c["onboarded_at"]), "rating_bucket": bucket(c["rating"]["grade"])}
        for c in raw_cps
    ]
    write(
        counterparties,
        pa.schema([("counterparty_id", pa.string()), ("counterparty_name", pa.string()),
                   ("country_code", pa.string()), ("sector", pa.string()), ("rating_grade", pa.string()),
                   ("rating_agency", pa.string()), ("parent_id", pa.string()), ("onboarded_date", pa.date32()),
                   ("rating_bucket", pa.string())]),
        "curated/counterparties/part-0.parquet",
    )

    # --- curated.market_prices (load_market_data) ---------------------------------------------------
    with open(DATA / "landing/fx_rates/fx_fixings_20240328.json") as fh:
        fx = {r["base_ccy"]: (float(r["rate"]), r["source"]["provider"])
              for r in json.load(fh)["rates"] if r["as_of_date"] == BUSINESS_DATE}
    market_prices = [
        {"instrument_id": i, "isin": s, "close_price": p, "price_currency": c, "usd_rate": fx[c][0],
         "close_price_usd": round_half_up(p * fx[c][0], 6), "price_date": d(BUSINESS_DATE), "vendor": v}
        for i, s, p, c, v, _ in PRICES
        if c in fx
    ]
    write(
        market_prices,
        pa.schema([("instrument_id", pa.string()), ("isin", pa.string()), ("close_price", pa.float64()),
                   ("price_currency", pa.string()), ("usd_rate", pa.float64()), ("close_price_usd", pa.float64()),
                   ("price_date", pa.date32()), ("vendor", pa.string())]),
        f"curated/market_prices/{PARTITION}/part-0.parquet",
    )

    # --- curated.exposures (compute_exposures) ------------------------------------------------------
    close_usd = {p["instrument_id"]: p["close_price_usd"] for p in market_prices}
    buckets = {c["counterparty_id"]: c["rating_bucket"] for c in counterparties}
    exposures = []
    for t in trades:
        if t["instrument_id"] not in close_usd:
            continue
        sign = -1 if t["side"] == "SELL" else 1
        mv = round_half_up(sign * t["quantity"] * close_usd[t["instrument_id"]], 2)
        rb = buckets.get(t["counterparty_id"], "NR")
        addon = round_half_up(abs(mv) * PFE_ADDON[rb], 2)
        exposures.append(
            {"trade_id": t["trade_id"], "desk": t["desk"], "counterparty_id": t["counterparty_id"],
             "instrument_id": t["instrument_id"], "side": t["side"], "quantity": t["quantity"],
             "close_price_usd": close_usd[t["instrument_id"]], "market_value_usd": mv, "pfe_addon_usd": addon,
             "exposure_usd": round_half_up(max(mv, 0.0) + addon, 2), "rating_bucket": rb}
        )
    write(
        exposures,
        pa.schema([("trade_id", pa.string()), ("desk", pa.string()), ("counterparty_id", pa.string()),
                   ("instrument_id", pa.string()), ("side", pa.string()), ("quantity", pa.int64()),
                   ("close_price_usd", pa.float64()), ("market_value_usd", pa.float64()),
                   ("pfe_addon_usd", pa.float64()), ("exposure_usd", pa.float64()), ("rating_bucket", pa.string())]),
        f"curated/exposures/{PARTITION}/part-0.parquet",
    )

    # --- curated.var_results (compute_var) ----------------------------------------------------------
    var_rows = []
    for desk in sorted({e["desk"] for e in exposures}):
        pnl = {}
        for e in (e for e in exposures if e["desk"] == desk):
            for r in (r for r in returns if r["instrument_id"] == e["instrument_id"]):
                pnl[r["scenario_date"]] = pnl.get(r["scenario_date"], 0.0) + e["market_value_usd"] * r["daily_return"]
        ordered = sorted(pnl.items(), key=lambda kv: (kv[1], kv[0]))
        n = len(ordered)

        def tail(c):
            return max(1, math.ceil(round(n * (1.0 - c), 9)))

        row = {"desk": desk}
        for c in CONFIDENCE_LEVELS:
            row[f"var_{int(round(c * 100))}_usd"] = round_half_up(-ordered[tail(c) - 1][1], 2)
        worst = tail(max(CONFIDENCE_LEVELS))
        row["expected_shortfall_usd"] = round_half_up(-sum(v for _, v in ordered[:worst]) / worst, 2)
        row.update({"scenario_count": n, "model_version": "hs-1.3"})
        var_rows.append(row)
    write(
        var_rows,
        pa.schema([("desk", pa.string()), ("var_95_usd", pa.float64()), ("var_99_usd", pa.float64()),
                   ("expected_shortfall_usd", pa.float64()), ("scenario_count", pa.int64()),
                   ("model_version", pa.string())]),
        f"curated/var_results/{PARTITION}/part-0.parquet",
    )

    # --- reporting.limit_breaches (check_credit_limits) ---------------------------------------------
    names = {c["counterparty_id"]: c["counterparty_name"] for c in counterparties}
    totals = {}
    for e in exposures:
        total, count = totals.get(e["counterparty_id"], (0.0, 0))
        totals[e["counterparty_id"]] = (total + e["exposure_usd"], count + 1)
    with open(DATA / "raw/credit_limits/credit_limits_20240328.csv", newline="") as fh:
        limits = list(csv.DictReader(fh))
    breaches = []
    for lim in limits:
        cp, limit_usd = lim["counterparty_id"], float(lim["limit_usd"])
        if cp not in totals or limit_usd <= 0:
            continue
        total = round_half_up(totals[cp][0], 2)
        util = total / limit_usd * 100
        print(f"  {cp} {lim['limit_type']:<15} exposure {total:>14,.2f} limit {limit_usd:>14,.2f} {util:6.1f}%")
        if round_half_up(util, 2) >= LIMIT_WARNING_PCT and lim["limit_status"] == "ACTIVE":
            breaches.append(
                {"counterparty_id": cp, "counterparty_name": names.get(cp), "limit_type": lim["limit_type"],
                 "total_exposure_usd": total, "limit_usd": limit_usd, "utilisation_pct": round_half_up(util, 2),
                 "breach_level": "BREACH" if util >= LIMIT_BREACH_PCT else "WARNING", "trade_count": totals[cp][1]}
            )
    write(
        breaches,
        pa.schema([("counterparty_id", pa.string()), ("counterparty_name", pa.string()), ("limit_type", pa.string()),
                   ("total_exposure_usd", pa.float64()), ("limit_usd", pa.float64()),
                   ("utilisation_pct", pa.float64()), ("breach_level", pa.string()), ("trade_count", pa.int64())]),
        f"reporting/limit_breaches/{PARTITION}/part-0.parquet",
    )


if __name__ == "__main__":
    main()
