-- Glue Data Catalog databases of the risk engine. Run once per account/region.
CREATE DATABASE IF NOT EXISTS `risk_raw`
COMMENT 'Raw risk inputs: trades, counterparty master, credit limits, return history'
LOCATION 's3://risk-data-lake/raw/';

CREATE DATABASE IF NOT EXISTS `risk_curated`
COMMENT 'Cleaned and derived risk data: market data, exposures, VaR'
LOCATION 's3://risk-data-lake/curated/';

CREATE DATABASE IF NOT EXISTS `risk_reporting`
COMMENT 'Tables behind the daily risk committee pack'
LOCATION 's3://risk-data-lake/reporting/';
