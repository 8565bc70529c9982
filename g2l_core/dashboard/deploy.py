"""The dashboard as a Databricks App: ``app.yaml``, a launcher and this package, written into the target
repository's bundle, plus the bundle resource that deploys it. In the App the page reads the stage tables
from Unity Catalog through the SQL warehouse, with the App's own service principal."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

PACKAGE = Path(__file__).parent
MODULES = ("__init__.py", "data.py", "readers.py", "uc_types.py", "page.py")
APP_FOLDER = "apps/g2l_dashboard"
REQUIREMENTS = ("streamlit>=1.40", "polars>=1.0", "altair>=5", "databricks-sdk>=0.40", "pyarrow", "pandas")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

LAUNCHER = '''"""Databricks App entry point: the g2l dashboard over the stage tables in Unity Catalog."""

from g2l_dashboard.page import main

main()
'''


def app_yaml(catalog: str, schema: str, warehouse_id: str) -> str:
    return (f'command: ["streamlit", "run", "app.py"]\n'
            f"env:\n"
            f"  - name: G2L_STAGES_CATALOG\n    value: \"{catalog}\"\n"
            f"  - name: G2L_STAGES_SCHEMA\n    value: \"{schema}\"\n"
            f"  - name: DATABRICKS_WAREHOUSE_ID\n    value: \"{warehouse_id}\"\n"
            f"  - name: STREAMLIT_BROWSER_GATHER_USAGE_STATS\n    value: \"false\"\n")


def bundle_resource(warehouse_id: str, folder: str = APP_FOLDER) -> str:
    """The App in the bundle; its SQL warehouse as an App resource, which gives the App's service principal
    CAN_USE on it (reading the stage tables also needs SELECT on their schema, granted in Unity Catalog)."""
    return ("resources:\n  apps:\n    g2l_dashboard:\n      name: g2l-dashboard\n"
            "      description: Glue to Lakehouse migration progress\n"
            f"      source_code_path: ../{folder}\n"
            "      resources:\n        - name: sql-warehouse\n"
            f"          sql_warehouse: {{id: \"{warehouse_id}\", permission: CAN_USE}}\n")


RESOURCE_FILE = "resources/g2l_dashboard.app.yml"


def app_files(catalog: str, warehouse_id: str, schema: str = "g2l_stages", folder: str = APP_FOLDER) -> dict[str, str]:
    """The App folder and its bundle resource, by path relative to the bundle root (text in, text out: a sync
    publishes them like any generated file; ``write_databricks_app`` writes them to a folder)."""
    for value, what in ((catalog, "catalog"), (schema, "schema")):
        if not _NAME.match(value):
            raise ValueError(f"dashboard app: {what} {value!r} is not a plain identifier")
    if not re.match(r"^[A-Za-z0-9_-]+$", warehouse_id):
        raise ValueError(f"dashboard app: warehouse_id {warehouse_id!r} is not a warehouse id")
    parts = PurePosixPath(folder).parts
    if not parts or PurePosixPath(folder).is_absolute() or any(p in ("..", ".") for p in parts):
        raise ValueError(f"dashboard app: folder {folder!r} must stay inside the bundle")
    app = PurePosixPath(folder)
    files = {str(app / "app.yaml"): app_yaml(catalog, schema, warehouse_id), str(app / "app.py"): LAUNCHER,
             str(app / "requirements.txt"): "\n".join(REQUIREMENTS) + "\n",
             RESOURCE_FILE: bundle_resource(warehouse_id, folder)}
    files.update({str(app / "g2l_dashboard" / m): (PACKAGE / m).read_text() for m in MODULES})
    return dict(sorted(files.items()))


def write_databricks_app(bundle_root: Path, catalog: str, warehouse_id: str, schema: str = "g2l_stages",
                         folder: str = APP_FOLDER) -> list[Path]:
    """Write the App folder and ``resources/g2l_dashboard.app.yml`` under ``bundle_root``; returns the files."""
    files = app_files(catalog, warehouse_id, schema, folder)
    root = bundle_root.resolve()
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return sorted(root / rel for rel in files)
