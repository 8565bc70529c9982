"""Names and locations shared by every risk engine job.

Keep database / bucket names here so a new environment only needs this file changed.
"""

# Glue Data Catalog databases
RAW_DB = "risk_raw"
CURATED_DB = "risk_curated"
REPORTING_DB = "risk_reporting"

# Landing buckets (vendor / upstream drops, read with from_options)
LANDING_TRADES_PATH = "s3://risk-landing/trades/"
LANDING_FX_RATES_PATH = "s3://risk-landing/fx_rates/"

# Data lake locations of tables we write with getSink / from_options
RAW_TRADES_PATH = "s3://risk-data-lake/raw/trades/"
CURATED_EXPOSURES_PATH = "s3://risk-data-lake/curated/exposures/"
REPORTING_LIMIT_BREACHES_PATH = "s3://risk-data-lake/reporting/limit_breaches/"
REPORTING_DAILY_SUMMARY_PATH = "s3://risk-data-lake/reporting/daily_risk_summary/"

PARTITION_KEY = "business_date"

# Credit limit thresholds, in percent of the approved limit
LIMIT_WARNING_PCT = 90.0
LIMIT_BREACH_PCT = 100.0

# Potential future exposure add-on per rating bucket (fraction of market value).
# Agreed with Credit Risk in RISK-412; NR counterparties get the punitive factor.
PFE_ADDON_FACTORS = {"IG": 0.05, "HY": 0.10, "NR": 0.15}

VAR_CONFIDENCE_LEVELS = (0.95, 0.99)
VAR_MODEL_VERSION = "hs-1.3"
