"""Glue service calls in ``g2l convert``'s report, and what they cost files that make none."""

import json
import textwrap

from g2l_core.convert import ConvertOptions, convert_source
from g2l_core.convert.cli import main
from g2l_core.convert.registry import rule_index

JOB = textwrap.dedent('''\
    import boto3

    glue = boto3.client("glue")
    location = glue.get_table(DatabaseName="sales", Name="orders")["Table"]["StorageDescriptor"]["Location"]
    glue.start_job_run(JobName="next_job", Arguments={"--location": location})
''')


def test_a_flagged_call_is_a_review_note_and_a_flagged_decision_in_the_report(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "job.py").write_text(JOB)
    assert main(["convert", str(src), str(out)]) == 0
    report = json.loads((out / "g2l_report.json").read_text())
    (entry,) = report["files"]
    written = (out / "job.py").read_text().splitlines()
    marked = [i for i, line in enumerate(written, 1) if line.startswith("# g2l: review: glue client start_job_run:")]
    assert [n["line"] for n in entry["review_notes"]] == marked and len(marked) == 1
    assert entry["status"] == "converted" and entry["residue"] == []
    flagged = [d for d in report["decisions"] if d["action"] == "flagged"]
    assert [(d["api"], d["line"]) for d in flagged] == [("boto3 glue.start_job_run", 5)]
    assert report["summary"]["flagged"] == 1
    assert any(d["api"] == "boto3 glue.get_table" and d["action"] == "converted_with_helper" for d in report["decisions"])


def test_only_files_importing_boto3_or_awswrangler_pay_for_client_creation_and_wrangler_rules():
    index = rule_index()
    assert index.gated_keys["client"] == {"boto3", "awswrangler"}
    assert index.gated_keys["to_parquet"] == {"boto3", "awswrangler"}
    assert "get_table" not in index.gated_keys  # a library may get its Glue client from a caller
    plain = 'import pandas as pd\n\nclient = make("glue")\nclient.client("glue")\npd.DataFrame().to_parquet("x")\n'
    result = convert_source(plain, "lib.py", ConvertOptions())
    assert result.code == plain and not result.changed and result.decisions == []
