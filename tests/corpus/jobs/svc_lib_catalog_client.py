"""Catalog look-ups shared by the reporting jobs."""
from __future__ import annotations

import json

import boto3


class CatalogClient:
    """Thin wrapper over the Glue Data Catalog API."""

    def __init__(self, region: str = "us-east-1"):
        self.glue = boto3.client("glue", region_name=region)
        self.s3 = boto3.client("s3", region_name=region)

    def columns(self, database: str, table: str) -> list[str]:
        response = self.glue.get_table(DatabaseName=database, Name=table)
        return [c["Name"] for c in response["Table"]["StorageDescriptor"]["Columns"]]

    def partition_values(self, database: str, table: str) -> list[list[str]]:
        pages = self.glue.get_paginator("get_partitions").paginate(DatabaseName=database, TableName=table)
        return [p["Values"] for page in pages for p in page["Partitions"]]

    def save_manifest(self, bucket: str, key: str, database: str, table: str) -> None:
        manifest = {"columns": self.columns(database, table), "partitions": self.partition_values(database, table)}
        self.s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(manifest).encode("utf-8"))
