"""Source decoding shared by extraction and conversion: a file the inventory reads is a file that converts."""

from __future__ import annotations

import json

import pytest

from g2l_core.convert import ConvertOptions, convert_source
from g2l_core.extract import extract_module
from g2l_core.pytree import SourceDecodeError, decode_source, without_coding_line

LATIN1_JOB = (
    "# -*- coding: latin-1 -*-\n"
    "# Chargement des ventes (donn\xe9es brutes)\n"
    "from awsglue.context import GlueContext\n"
    "from pyspark.context import SparkContext\n"
    "\n"
    "glueContext = GlueContext(SparkContext.getOrCreate())\n"
    "ventes = glueContext.create_dynamic_frame.from_catalog(database='ventes', table_name='r\xe9gion')\n"
    "ventes.toDF().show()\n"
).encode("latin-1")


def test_latin1_job_is_inventoried_and_converted_alike():
    rows = extract_module(LATIN1_JOB, project="p", source_type="glue_job", file_path="jobs/ventes.py")
    job = rows[0]
    assert job["parse_error"] is None
    assert json.loads(job["glue_api_calls"]) == {"DynamicFrame.toDF": 1, "GlueContext": 1,
                                                 "create_dynamic_frame.from_catalog": 1}
    result = convert_source(LATIN1_JOB, "jobs/ventes.py", ConvertOptions())
    assert result.error is None
    # The output is UTF-8 text: the latin-1 declaration goes, the accented comment and names stay.
    assert result.code.splitlines()[0] == "# Chargement des ventes (donn\xe9es brutes)"
    assert "coding" not in result.code
    assert 'spark.read.table("main.ventes.`r\xe9gion`")' in result.code
    compile(result.code.encode("utf-8"), "ventes.py", "exec")


def test_latin1_file_with_nothing_to_convert_still_loses_its_declaration():
    source = "# vim: set fileencoding=latin-1 :\nx = '\xe9t\xe9'\n".encode("latin-1")
    result = convert_source(source, "plain.py", ConvertOptions())
    assert (result.code, result.changed) == ("x = '\xe9t\xe9'\n", True)


@pytest.mark.parametrize(("text", "expected"), [
    ("# -*- coding: latin-1 -*-\nx = 1\n", "x = 1\n"),
    ("#!/usr/bin/env python\n# coding=cp1252\nx = 1\n", "#!/usr/bin/env python\nx = 1\n"),
    ("# -*- coding: utf-8 -*-\nx = 1\n", "# -*- coding: utf-8 -*-\nx = 1\n"),  # still true: kept
    ("x = 1\n# coding: latin-1\n", "x = 1\n# coding: latin-1\n"),  # line 2 after code is no declaration
    ("x = 1\n\n\n# coding: latin-1\n", "x = 1\n\n\n# coding: latin-1\n"),
])
def test_without_coding_line(text, expected):
    assert without_coding_line(text) == expected


def test_bom_and_declarations_decode_like_python():
    assert decode_source(b"\xef\xbb\xbfx = '\xc3\xa9'\n") == ("x = '\xe9'\n", "utf-8-sig")
    assert decode_source(b"# coding: latin-1\nx = '\xe9'\n") == ("# coding: latin-1\nx = '\xe9'\n", "iso-8859-1")


@pytest.mark.parametrize(("data", "message"), [
    (b"x = 1\ny = '\xff'\n", "line 2: cannot decode source (invalid start byte)"),
    (b"# coding: klingon\nx = 1\n", "line 1: cannot decode source (unknown encoding: klingon)"),
])
def test_undecodable_sources_name_the_line(data, message):
    with pytest.raises(SourceDecodeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode_source(data)
    rows = extract_module(data, project="p", source_type="glue_job", file_path="bad.py")
    assert rows[0]["parse_error"] == message
    assert convert_source(data, "bad.py").error.startswith(f"bad.py:{message[5]}:")
