-- risk_curated: cleaned and derived data. Athena / Hive DDL.

-- Written by jobs/ingest_counterparties.py (write_dynamic_frame.from_catalog)
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_curated`.`counterparties` (
  `counterparty_id` string COMMENT 'Counterparty identifier',
  `counterparty_name` string COMMENT 'Registered legal name',
  `country_code` string COMMENT 'ISO 3166 alpha-2, upper case',
  `sector` string COMMENT 'GICS sector',
  `rating_grade` string COMMENT 'External rating grade',
  `rating_agency` string COMMENT 'Agency of rating_grade',
  `parent_id` string COMMENT 'Ultimate parent counterparty',
  `onboarded_date` date COMMENT 'Onboarding date',
  `rating_bucket` string COMMENT 'IG, HY or NR'
)
COMMENT 'Flat counterparty master'
STORED AS PARQUET
LOCATION 's3://risk-data-lake/curated/counterparties/'
TBLPROPERTIES ('classification'='parquet');

-- Written by jobs/load_market_data.py (write_dynamic_frame.from_catalog)
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_curated`.`fx_rates` (
  `currency` string COMMENT 'ISO 4217 currency',
  `usd_rate` double COMMENT 'USD per one unit of currency',
  `rate_source` string COMMENT 'Fixing provider'
)
COMMENT 'End-of-day FX fixings against USD'
PARTITIONED BY (`business_date` string)
STORED AS PARQUET
LOCATION 's3://risk-data-lake/curated/fx_rates/'
TBLPROPERTIES ('classification'='parquet');

-- Written by jobs/load_market_data.py (write_dynamic_frame.from_options, partitionKeys business_date)
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_curated`.`market_prices` (
  `instrument_id` string COMMENT 'Vendor instrument code',
  `isin` string COMMENT 'ISIN',
  `close_price` double COMMENT 'Close in price currency',
  `price_currency` string COMMENT 'ISO 4217 price currency',
  `usd_rate` double COMMENT 'FX fixing used for the conversion',
  `close_price_usd` double COMMENT 'Close converted to USD',
  `price_date` date COMMENT 'Pricing date reported by the vendor',
  `vendor` string COMMENT 'Price vendor'
)
COMMENT 'Close prices in USD for the risk run'
PARTITIONED BY (`business_date` string)
STORED AS PARQUET
LOCATION 's3://risk-data-lake/curated/market_prices/'
TBLPROPERTIES ('classification'='parquet');

-- Written by jobs/compute_exposures.py (getSink, glueparquet)
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_curated`.`exposures` (
  `trade_id` string COMMENT 'Front-office trade identifier',
  `desk` string COMMENT 'Desk owning the trade',
  `counterparty_id` string COMMENT 'Counterparty identifier',
  `instrument_id` string COMMENT 'Vendor instrument code',
  `side` string COMMENT 'BUY or SELL',
  `quantity` bigint COMMENT 'Units traded',
  `close_price_usd` double COMMENT 'Close used for valuation, USD',
  `market_value_usd` double COMMENT 'Signed market value, USD',
  `pfe_addon_usd` double COMMENT 'Potential future exposure add-on, USD',
  `exposure_usd` double COMMENT 'max(market value, 0) + PFE add-on, USD',
  `rating_bucket` string COMMENT 'IG, HY or NR at calculation time'
)
COMMENT 'Trade-level market value and credit exposure'
PARTITIONED BY (`business_date` string)
STORED AS PARQUET
LOCATION 's3://risk-data-lake/curated/exposures/'
TBLPROPERTIES ('classification'='parquet');

-- Written by jobs/compute_var.py (write_dynamic_frame.from_catalog)
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_curated`.`var_results` (
  `desk` string COMMENT 'Desk',
  `var_95_usd` double COMMENT '1-day 95% historical VaR, USD loss',
  `var_99_usd` double COMMENT '1-day 99% historical VaR, USD loss',
  `expected_shortfall_usd` double COMMENT 'Mean loss beyond the highest-confidence VaR, USD',
  `scenario_count` bigint COMMENT 'Number of scenarios used',
  `model_version` string COMMENT 'VaR model version'
)
COMMENT 'Historical-simulation VaR per desk'
PARTITIONED BY (`business_date` string)
STORED AS PARQUET
LOCATION 's3://risk-data-lake/curated/var_results/'
TBLPROPERTIES ('classification'='parquet');
