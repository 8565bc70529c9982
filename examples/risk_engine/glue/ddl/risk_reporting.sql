-- risk_reporting: tables behind the daily risk committee pack. Athena / Hive DDL.

-- Written by jobs/check_credit_limits.py (getSink, glueparquet)
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_reporting`.`limit_breaches` (
  `counterparty_id` string COMMENT 'Counterparty identifier',
  `counterparty_name` string COMMENT 'Registered legal name',
  `limit_type` string COMMENT 'PRE_SETTLEMENT or SETTLEMENT',
  `total_exposure_usd` double COMMENT 'Sum of trade exposures, USD',
  `limit_usd` double COMMENT 'Approved limit, USD',
  `utilisation_pct` double COMMENT 'total_exposure_usd / limit_usd * 100',
  `breach_level` string COMMENT 'WARNING (>= 90%) or BREACH (>= 100%)',
  `trade_count` bigint COMMENT 'Trades contributing to the exposure'
)
COMMENT 'Counterparties at or above the warning level of an active limit'
PARTITIONED BY (`business_date` string)
STORED AS PARQUET
LOCATION 's3://risk-data-lake/reporting/limit_breaches/'
TBLPROPERTIES ('classification'='parquet');

-- Written by jobs/daily_risk_report.py (write_dynamic_frame.from_options, partitionKeys business_date)
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_reporting`.`daily_risk_summary` (
  `desk` string COMMENT 'Desk',
  `trade_count` bigint COMMENT 'Trades on the desk',
  `gross_market_value_usd` double COMMENT 'Sum of absolute market values, USD',
  `net_market_value_usd` double COMMENT 'Sum of signed market values, USD',
  `credit_exposure_usd` double COMMENT 'Sum of credit exposures, USD',
  `var_95_usd` double COMMENT '1-day 95% VaR, USD',
  `var_99_usd` double COMMENT '1-day 99% VaR, USD',
  `expected_shortfall_usd` double COMMENT 'Expected shortfall, USD',
  `breach_count` bigint COMMENT 'Counterparties in BREACH traded by the desk',
  `var_model_version` string COMMENT 'VaR model version'
)
COMMENT 'Desk-level daily risk summary'
PARTITIONED BY (`business_date` string)
STORED AS PARQUET
LOCATION 's3://risk-data-lake/reporting/daily_risk_summary/'
TBLPROPERTIES ('classification'='parquet');
