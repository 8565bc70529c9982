"""The pipeline's stages as plain functions: one module per stage, each with one entry point the Dagster
asset of the same stage calls. Domain decisions (file status, progress rules, where DDL is applied,
residue) live here, so the orchestration layer only shapes frames and metadata.
"""
