{
  "Name": "sessions_landing",
  "DatabaseName": "web_analytics",
  "Owner": "hadoop",
  "Retention": 0,
  "StorageDescriptor": {
    "Columns": [
      {"Name": "session_id", "Type": "string"},
      {"Name": "started_at", "Type": "bigint"},
      {"Name": "pages", "Type": "int"}
    ],
    "Location": "s3://acme-web-raw/sessions/",
    "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
    "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
    "Compressed": false,
    "NumberOfBuckets": -1,
    "SerdeInfo": {
      "SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe",
      "Parameters": {"case.insensitive": "TRUE", "dots.in.keys": "FALSE", "ignore.malformed.json": "FALSE"}
    },
    "BucketColumns": [],
    "SortColumns": [],
    "Parameters": {},
    "StoredAsSubDirectories": false
  },
  "PartitionKeys": [],
  "TableType": "EXTERNAL_TABLE",
  "Parameters": {"EXTERNAL": "TRUE", "classification": "json"}
}
