"""Glue connectors (Redshift, JDBC, Kinesis, Kafka, Spark connectors, Snowflake, MongoDB, DynamoDB, Data
Quality) -> Databricks reads and writes, as plans independent of the syntax tree (``plan.Plan``, one
module per family, ``dispatch`` picks the family); ``render`` turns a plan into code; ``rules`` holds the
rule modules that put them into the converter's rule table. Submodules are imported where used (no
imports here: a package that imports its modules would sit in an import circle with them).
"""
