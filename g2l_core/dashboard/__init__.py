"""The leadership dashboard: one Streamlit page over the Delta stage tables.

The package is self-contained (relative imports, no other g2l module) so that the same files deploy as a
Databricks App folder next to an ``app.py`` launcher.
"""
