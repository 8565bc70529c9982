#####################################################################
## Web analytics tables, kept as run in the Athena console.
## Partitions come from partition projection: no MSCK needed, but the
## runbook still calls it after a backfill.
#####################################################################

CREATE DATABASE IF NOT EXISTS web_analytics COMMENT 'Site traffic and campaign data';

-- Raw beacon hits, delivered by Firehose into hour folders (yyyy/MM/dd/HH)
CREATE EXTERNAL TABLE IF NOT EXISTS `web_analytics`.`beacon_hits` (
  `hit_id` string COMMENT 'uuid set by the beacon',
  `page_url` string,
  `referrer` string,
  `event_time` string,
  `visitor` struct<id:string, returning:boolean, segments:array<string>>
)
PARTITIONED BY (`hour_path` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json'='true', 'mapping.event_time'='ts')
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://acme-web-raw/beacons/'
TBLPROPERTIES (
  'projection.enabled'='true',
  'projection.hour_path.type'='date',
  'projection.hour_path.format'='yyyy/MM/dd/HH',
  'projection.hour_path.range'='2023/01/01/00,NOW',
  'projection.hour_path.interval'='1',
  'projection.hour_path.interval.unit'='HOURS',
  'storage.location.template'='s3://acme-web-raw/beacons/${hour_path}',
  'classification'='json'
);

/* Campaign sheet exported by marketing every morning (semicolon separated) */
CREATE EXTERNAL TABLE IF NOT EXISTS web_analytics.campaigns (
  campaign_code string,
  channel string,
  budget_eur decimal(12,2),
  starts_on date
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
WITH SERDEPROPERTIES ('separatorChar'=';', 'quoteChar'='"')
LOCATION 's3://acme-web-raw/campaigns/'
TBLPROPERTIES ('skip.header.line.count'='1');

CREATE OR REPLACE VIEW web_analytics.v_segment_hits AS
SELECT h.hit_id,
       date_parse(h.event_time, '%Y-%m-%dT%H:%i:%SZ') AS "HitTime",
       seg AS "Segment"
FROM (web_analytics.beacon_hits h CROSS JOIN UNNEST(h.visitor.segments) s (seg));

CREATE TABLE web_analytics.daily_pages
WITH (format = 'PARQUET', external_location = 's3://acme-web-curated/daily_pages/',
      partitioned_by = ARRAY['day'])
AS SELECT page_url, count(*) AS hits, substr(hour_path, 1, 10) AS day
FROM web_analytics.beacon_hits GROUP BY page_url, substr(hour_path, 1, 10);

MSCK REPAIR TABLE web_analytics.beacon_hits;
ALTER TABLE web_analytics.campaigns ADD IF NOT EXISTS PARTITION (dt='2024-01-01') LOCATION 's3://acme-web-raw/campaigns/2024-01-01/';
