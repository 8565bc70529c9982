"""The Streamlit page: totals across projects, what needs a human now, and each project over time."""

from __future__ import annotations

import os

import altair as alt
import polars as pl
import streamlit as st

from .data import (latest_progress, last_sync, needs_human, progress_over_time, project_names, totals)
from .readers import STAGE_TABLES, StageReader, reader_from_environment

STATUS_COLUMNS = ("validated", "flagged", "failed", "pending")
REFRESH_S = 60
TABLE_ROWS = 50


@st.cache_data(ttl=REFRESH_S, show_spinner="Reading the stage tables")
def load(_reader: StageReader, source: str) -> dict:
    """Every stage table the page needs, and the versions of ``migration_progress``; ``source`` keys the cache."""
    tables = {name: _reader.table(name) for name in STAGE_TABLES}
    tables["progress_versions"] = _reader.versions("migration_progress")
    return tables


def status_bars(progress: pl.DataFrame) -> alt.Chart:
    present = [c for c in STATUS_COLUMNS if c in progress.columns]
    long = progress.select("project", *present).unpivot(index="project", variable_name="status",
                                                       value_name="entities")
    return alt.Chart(long.to_pandas()).mark_bar().encode(
        x=alt.X("entities:Q", stack="zero", title="Glue entities"), y=alt.Y("project:N", title=None),
        color=alt.Color("status:N", sort=list(STATUS_COLUMNS),
                        scale=alt.Scale(domain=list(STATUS_COLUMNS),
                                        range=["#2e7d32", "#f9a825", "#c62828", "#9e9e9e"])),
        tooltip=["project", "status", "entities"])


def over_time(history: pl.DataFrame) -> alt.Chart:
    return alt.Chart(history.with_columns(pl.col("at").dt.replace_time_zone(None)).to_pandas()).mark_line(
        point=True).encode(x=alt.X("at:T", title=None, axis=alt.Axis(format="%Y-%m-%d %H:%M")), y=alt.Y("value:Q", title="Glue entities"),
                           color=alt.Color("figure:N", title=None), tooltip=["figure", "value", "at"])


def render(reader: StageReader, source: str) -> None:
    st.set_page_config(page_title="g2l migration", layout="wide")
    st.title("Glue to Lakehouse migration")
    data = load(reader, source)
    progress = latest_progress(data["migration_progress"])
    human = needs_human(data["converted_code"], data["validation_results"], data["schema_drift"], data["uc_ddl"])
    synced = last_sync(progress, data["glue_repo"], data["sync_history"])
    history = progress_over_time(data["progress_versions"], data["sync_history"])
    names = project_names(progress, data["converted_code"], data["glue_repo"])
    st.caption(f"Stage tables: {source}")
    if not names:
        st.info("No project has run yet: run `g2l run` (or the g2l_pipeline job) first.")
        return

    total = totals(progress)
    st.header("All projects")
    cols = st.columns(6)
    cols[0].metric("Projects", total.get("projects", 0))
    cols[1].metric("Glue entities", total.get("glue_entities", 0))
    cols[2].metric("Validated", total.get("validated", 0), help="converted, not flagged, every check passed")
    cols[3].metric("Progress", f"{total.get('progress_pct', 0.0):.0f}%")
    cols[4].metric("Open drift", total.get("open_drift", 0))
    cols[5].metric("Needs a human", human.height)
    if progress.height:
        st.altair_chart(status_bars(progress), width="stretch")

    st.header("Needs a human now")
    if human.height:
        st.table(human.head(TABLE_ROWS).to_pandas().set_index("project"))
        if human.height > TABLE_ROWS:
            st.caption(f"{human.height - TABLE_ROWS} more in the stage tables")
    else:
        st.success("Nothing is waiting for a person.")

    st.header("Last sync")
    st.table(synced.with_columns(pl.col("last_sync").dt.strftime("%Y-%m-%d %H:%M UTC")).to_pandas()
             .set_index("project"))

    for name in names:
        st.header(f"Project {name}")
        row = progress.filter(pl.col("project") == name)
        if row.height:
            r = row.row(0, named=True)
            cols = st.columns(5)
            for col, key in zip(cols, ("glue_entities", "validated", "flagged", "conflicts", "open_drift")):
                col.metric(key.replace("_", " ").capitalize(), r.get(key, 0))
        sync_row = synced.filter(pl.col("project") == name)
        if sync_row.height:
            s = sync_row.row(0, named=True)
            when = s["last_sync"].strftime("%Y-%m-%d %H:%M UTC") if s["last_sync"] else "never"
            st.markdown(f"Last sync {when}, Glue commit `{s['glue_commit'] or '-'}`, "
                        f"target commit `{s['sync_commit'] or '-'}`")
        mine = history.filter(pl.col("project") == name)
        if mine.height:
            st.altair_chart(over_time(mine), width="stretch")
        open_items = human.filter(pl.col("project") == name)
        st.markdown(f"{open_items.height} item{' needs' if open_items.height == 1 else 's need'} a human")


def main() -> None:
    reader = reader_from_environment(dict(os.environ))
    source = os.environ.get("G2L_STAGES") or ".".join(
        filter(None, (os.environ.get("G2L_STAGES_CATALOG"), os.environ.get("G2L_STAGES_SCHEMA", "g2l_stages"))))
    render(reader, source)
