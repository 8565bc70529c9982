-- risk_raw: tables loaded as delivered (plus typing). Athena / Hive DDL.

-- Written by jobs/ingest_trades.py (getSink, glueparquet, catalog updated on write)
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_raw`.`trades` (
  `trade_id` string COMMENT 'Front-office trade identifier',
  `book` string COMMENT 'Trading book',
  `desk` string COMMENT 'Desk owning the book',
  `counterparty_id` string COMMENT 'Key into counterparties',
  `instrument_id` string COMMENT 'Vendor instrument code (RIC style)',
  `side` string COMMENT 'BUY or SELL',
  `quantity` bigint COMMENT 'Units traded',
  `trade_price` double COMMENT 'Execution price in trade currency',
  `notional` decimal(18,2) COMMENT 'quantity * price in trade currency',
  `currency` string COMMENT 'ISO 4217 trade currency',
  `trade_date` date COMMENT 'Execution date',
  `status` string COMMENT 'FO booking status'
)
COMMENT 'Booked trades from the front-office extract'
PARTITIONED BY (`business_date` string)
STORED AS PARQUET
LOCATION 's3://risk-data-lake/raw/trades/'
TBLPROPERTIES ('classification'='parquet', 'parquet.compression'='SNAPPY');

-- Onboarding system export, one JSON document per line. Read by jobs/ingest_counterparties.py
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_raw`.`counterparties` (
  `counterparty_id` string COMMENT 'Counterparty identifier',
  `legal_name` string COMMENT 'Registered legal name',
  `country` string COMMENT 'ISO 3166 country of incorporation',
  `sector` string COMMENT 'GICS sector',
  `rating` struct<agency:string,grade:string,outlook:string> COMMENT 'Current external rating',
  `parent_id` string COMMENT 'Ultimate parent counterparty, if any',
  `aliases` array<string> COMMENT 'Other names used in confirmations',
  `onboarded_at` string COMMENT 'Onboarding date, yyyy-MM-dd'
)
COMMENT 'Counterparty master as exported by onboarding'
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json'='true')
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://risk-data-lake/raw/counterparties/'
TBLPROPERTIES ('classification'='json');

-- Credit Risk uploads the approved limits as csv. Read by jobs/check_credit_limits.py
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_raw`.`credit_limits` (
  `counterparty_id` string COMMENT 'Counterparty identifier',
  `limit_type` string COMMENT 'PRE_SETTLEMENT or SETTLEMENT',
  `limit_usd` decimal(18,2) COMMENT 'Approved limit in USD',
  `limit_status` string COMMENT 'ACTIVE or SUSPENDED',
  `approved_by` string COMMENT 'Approving credit officer',
  `review_date` string COMMENT 'Next review date, yyyy-MM-dd'
)
COMMENT 'Approved counterparty credit limits'
ROW FORMAT DELIMITED
  FIELDS TERMINATED BY ','
  LINES TERMINATED BY '\n'
STORED AS TEXTFILE
LOCATION 's3://risk-data-lake/raw/credit_limits/'
TBLPROPERTIES ('classification'='csv', 'skip.header.line.count'='1');

-- Daily returns per instrument used as VaR scenarios. Read by jobs/compute_var.py
CREATE EXTERNAL TABLE IF NOT EXISTS `risk_raw`.`historical_returns` (
  `instrument_id` string COMMENT 'Vendor instrument code',
  `scenario_date` date COMMENT 'Date of the observed return',
  `daily_return` double COMMENT 'Close-to-close simple return'
)
COMMENT 'Historical daily returns (scenario set for historical-simulation VaR)'
STORED AS PARQUET
LOCATION 's3://risk-data-lake/raw/historical_returns/'
TBLPROPERTIES ('classification'='parquet');
