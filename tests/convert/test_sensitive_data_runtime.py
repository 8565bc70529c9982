"""Glue Studio's Detect Sensitive Data (``EntityDetector``), converted and run on a real Spark Connect session:
the converted job finds, masks and classifies the fixed-shape entity types as the Glue node does."""

from __future__ import annotations

import textwrap

import pytest

from g2l_core.convert import ConvertOptions, convert_source


def load(glue_code: str) -> dict:
    result = convert_source("from awsglueml.transforms import EntityDetector\n" + textwrap.dedent(glue_code),
                            "job.py", ConvertOptions())
    assert "EntityDetector" not in result.code and "awsglueml" not in result.code
    namespace: dict = {}
    exec(compile(result.code, "converted_job.py", "exec"), namespace)
    return namespace


def test_detect_finds_spans_and_redacts_with_detection_parameters(spark, helpers_on_path):
    job = load("""
        def run(frame):
            detector = EntityDetector()
            found = detector.detect(frame, ["EMAIL", "USA_SSN"], "DetectedEntities")
            params = {"EMAIL": [{"action": "REDACT", "actionOptions": {"redactText": "[email]"}}],
                      "USA_SSN": [{"action": "PARTIAL_REDACT",
                                   "actionOptions": {"numLeftCharsToExclude": 0, "numRightCharsToExclude": 4,
                                                     "redactChar": "*"}}]}
            return found, detector.detect(frame, params, "Found", "HIGH")
    """)
    df = spark.createDataFrame([(1, "mail ann@example.org now", "123-45-6789"), (2, "nothing", None)],
                               "id int, note string, ssn string")
    found, redacted = job["run"](df)
    first = found.orderBy("id").first()["DetectedEntities"]
    assert [(e["entityType"], e["start"], e["end"]) for e in first["note"]] == [("EMAIL", 5, 20)]
    assert [(e["entityType"], e["start"], e["end"]) for e in first["ssn"]] == [("USA_SSN", 0, 11)]
    rows = [tuple(r) for r in redacted.orderBy("id").select("note", "ssn").collect()]
    assert rows == [("mail [email] now", "*******6789"), ("nothing", None)]


def test_classify_columns_and_unknown_types(spark, helpers_on_path):
    job = load("""
        def classify(frame, types):
            return EntityDetector().classify_columns(frame, types, 1.0, 0.5)
    """)
    df = spark.createDataFrame([("a@b.io", "x"), ("c@d.io", "10.0.0.1"), ("-", "y")], "contact string, host string")
    assert job["classify"](df, ["EMAIL", "IP_ADDRESS"]) == {"contact": ["EMAIL"]}
    with pytest.raises(ValueError, match="PERSON_NAME"):
        job["classify"](df, ["PERSON_NAME"])
