"""The dashboard in a real headless Chromium over the stage tables of a real sample run."""

import polars as pl

from tests.dashboard.cdp import Browser
from tests.ui.conftest import OUTPUT, free_port


def test_the_page_shows_the_sample_figures(dashboard, sample_stages, chromium, tmp_path):
    progress = pl.read_delta(str(sample_stages / "stages" / "migration_progress")).row(0, named=True)
    flagged = pl.read_delta(str(sample_stages / "stages" / "converted_code")).filter(
        pl.col("status") == "flagged")["source_path"].to_list()
    assert flagged, "the sample has a flagged file: the needs-a-human table must show it"
    browser = Browser(chromium, free_port(), tmp_path / "profile")
    try:
        text = browser.open_until(dashboard, "Project risk_engine", *flagged, progress["glue_commit"][:12],
                                  "items need a human" if len(flagged) > 1 else "1 item needs a human")
        OUTPUT.mkdir(exist_ok=True)
        shot = browser.screenshot(OUTPUT / "dashboard.png")
    finally:
        browser.close()
    assert "Glue to Lakehouse migration" in text, text[:2000]
    assert f"Glue entities\n\n{progress['glue_entities']}" in text, text[:2000]
    assert f"Validated\n\n{progress['validated']}" in text, text[:2000]
    assert f"{progress['progress_pct']:.0f}%" in text
    for path in flagged:
        assert path in text
    assert progress["glue_commit"][:12] in text and progress["sync_commit"][:12] in text
    assert "Traceback" not in text and "Error" not in text.split("Needs a human now")[0]
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20_000
