"""The project registry (``projects.yaml``): which Glue repositories migrate to which targets, and how.

Every error names the file and the key path (``projects[0].glue.url``) so a bad registry is fixed in
one look. Relative paths in ``url``/``seed`` resolve against the registry's folder.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from g2l_core.extract.scala_source import SCALA_SUFFIXES
from g2l_core.gitrepo import matches_any, unsafe_path
from g2l_core.notebook import is_code_source
from g2l_core.options import PARAM_MODES, BundleOptions, ConvertOptions, DdlOptions, StreamTable
from g2l_core.safe_yaml import MAX_BYTES as MAX_YAML_BYTES
from g2l_core.safe_yaml import BoundedLoader, YamlLimitError

DEFAULT_REGISTRY = Path(__file__).resolve().parents[1] / "projects.yaml"
NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,62}$")
CODE, DDL, JOB_DEFINITIONS, OTHER = "code", "ddl", "job_definitions", "other"
UNSAFE = "unsafe"  # a tree entry whose path climbs out of its folder (gitrepo.unsafe_path): never read or written
# A Scala Glue script (Glue runs Scala and Python jobs): inventoried and reported as not converted, since
# g2l converts PySpark only.
SCALA = "scala"
# Test files mock awsglue; they are not jobs and converting them gives broken code. Jupyter's checkpoints
# are autosaved copies of notebooks.
DEFAULT_EXCLUDE = ("tests/", "test/", "test_*.py", "*_test.py", "conftest.py", ".ipynb_checkpoints/")


def excluded(path: str, patterns: Iterable[str]) -> bool:
    """``folder/`` matches that folder at any depth; a glob with ``/`` matches the whole path, one without
    it the file name."""
    parts = path.split("/")
    for pattern in patterns:
        if pattern.endswith("/"):
            if pattern.rstrip("/") in parts[:-1] or path.startswith(pattern):
                return True
        elif fnmatch.fnmatchcase(path if "/" in pattern else parts[-1], pattern):
            return True
    return False


class ConfigError(ValueError):
    """The registry is missing, unreadable, or has a bad key; the message names file and key."""


@dataclass(frozen=True)
class GlueSource:
    url: str
    branch: str = "main"
    paths: tuple[str, ...] = ("jobs/", "src/")
    ddl_paths: tuple[str, ...] = ("ddl/",)
    job_definitions: tuple[str, ...] = ()  # globs: get-jobs or create-job JSON, CloudFormation, Terraform, job_config JSON
    job_parameters: Mapping[str, str] = field(default_factory=dict)  # template parameters / Terraform variables
    seed: str | None = None
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    job_config: str | None = None  # the older single-file setting (also one of ``job_definitions``), for messages

    def setting_of(self, pattern: str) -> str:
        """The registry key a ``job_definitions`` entry came from, to name it in a message."""
        return "glue.job_config" if pattern == self.job_config else "glue.job_definitions"

    def role(self, path: str) -> str:
        """What a file of the Glue repository is to g2l: unsafe (its path climbs out of its folder), a job
        definition (matched by ``job_definitions``), code to convert, DDL, a Scala script under ``paths`` (counted,
        never converted), or other (outside ``paths``/``ddl_paths``, or matching ``exclude``). A CloudFormation
        template often holds both the jobs and the tables: matched by both settings, it is ``job_definitions+ddl``
        (``has_role``); a module under both ``paths`` and ``ddl_paths`` is ``code+ddl``, so a repository naming
        one folder for both loses no code. Code is a Python module or a Jupyter notebook (``.ipynb``, Glue
        interactive sessions and Glue Studio).
        Inventory, conversion and the jobs stage all go by it."""
        if unsafe_path(path):
            return UNSAFE
        ddl = path.startswith(tuple(self.ddl_paths)) and not excluded(path, self.exclude)
        if self.job_definitions and matches_any(path, self.job_definitions):
            return f"{JOB_DEFINITIONS}+{DDL}" if ddl else JOB_DEFINITIONS
        if excluded(path, self.exclude):
            return OTHER
        code = is_code_source(path) and path.startswith(tuple(self.paths))
        if ddl and code:
            return f"{CODE}+{DDL}"  # both settings name it: still converted, and read for CDK tables
        if ddl:
            return DDL
        if code:
            return CODE
        if path.endswith(SCALA_SUFFIXES) and path.startswith(tuple(self.paths)):
            return SCALA
        return OTHER


def has_role(role: str, wanted: str) -> bool:
    """Whether a file of ``role`` (``GlueSource.role``, possibly ``a+b``) plays ``wanted``."""
    return wanted in role.split("+")


@dataclass(frozen=True)
class TargetRepo:
    url: str
    branch: str = "main"
    sync_branch: str = "g2l/sync"
    native: tuple[str, ...] = ()
    ddl_dir: str = "uc_ddl"
    seed: str | None = None
    bootstrap: bool = True  # an empty target repository gets its base branch (one README commit)


STAGE_SCHEMA = "g2l_stages"


@dataclass(frozen=True)
class DatabricksTarget:
    """Where DDL is applied when a project runs against a real workspace (Statement Execution API), and
    where g2l publishes its stage tables for the dashboard App (``stage_tables``: ``catalog.schema``,
    default ``<project catalog>.g2l_stages``)."""

    host: str
    warehouse_id: str
    token_env: str = "DATABRICKS_TOKEN"
    stage_tables: str = f"main.{STAGE_SCHEMA}"

    @property
    def stage_location(self) -> tuple[str, str]:
        catalog, schema = self.stage_tables.split(".")
        return catalog, schema


@dataclass(frozen=True)
class ValidationSettings:
    """How converted jobs are run on reference data and compared with what the Glue jobs produced.

    ``reference_data`` is a folder of the Glue repository (read at the validated commit) laid out like the
    data lake; ``lake_roots`` maps each lake prefix (``s3://bucket/``) to its sub-folder there. ``params``
    are passed to every job as ``--name value`` and select the partitions compared (a partition column
    named like a parameter is compared for that value only). ``jobs`` lists the job files to run (default:
    the scripts of ``glue.job_definitions``, else ``jobs/*.py``).
    """

    reference_data: str = "data/"
    lake_roots: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, str] = field(default_factory=dict)
    jobs: tuple[str, ...] = ()
    code_paths: tuple[str, ...] = ("src/",)
    timeout_seconds: int = 300


@dataclass(frozen=True)
class Project:
    name: str
    glue: GlueSource
    target: TargetRepo
    catalog: str = "main"
    schema_map: Mapping[str, str] = field(default_factory=dict)
    path_map: Mapping[str, str] = field(default_factory=dict)
    params: str = "argv"
    external_tables: bool = False
    databricks: DatabricksTarget | None = None
    validation: ValidationSettings | None = None
    bundle: BundleOptions = field(default_factory=BundleOptions)
    ddl_vars: Mapping[str, str] = field(default_factory=dict)  # values of templated names in DDL sources
    secret_scope: str = ConvertOptions.secret_scope
    secret_key_pattern: str = ConvertOptions.secret_key_pattern

    def convert_options(self, bookmarks: Mapping[str, bool] | None = None,
                        stream_tables: Mapping[str, StreamTable] | None = None) -> ConvertOptions:
        """Conversion settings of this project; ``bookmarks`` come from the Glue job definitions,
        ``stream_tables`` from its DDL (``g2l_core.ddl.streams``)."""
        return ConvertOptions(catalog=self.catalog, schema_map=dict(self.schema_map), path_map=dict(self.path_map),
                              params=self.params, bookmarks=dict(bookmarks or {}), secret_scope=self.secret_scope,
                              secret_key_pattern=self.secret_key_pattern, stream_tables=dict(stream_tables or {}))

    def ddl_options(self) -> DdlOptions:
        return DdlOptions(catalog=self.catalog, schema_map=dict(self.schema_map), external=self.external_tables,
                          ddl_vars=dict(self.ddl_vars))


_GLUE_KEYS = {"url", "branch", "paths", "ddl_paths", "job_definitions", "job_config", "job_parameters", "seed",
              "exclude"}
_TARGET_KEYS = {"url", "branch", "sync_branch", "native", "ddl_dir", "seed", "bootstrap"}
_PROJECT_KEYS = {
    "name", "glue", "target", "catalog", "schema_map", "path_map", "params", "external_tables", "databricks",
    "validation", "bundle", "ddl_vars", "secrets",
}
_BUNDLE_KEYS = {"name", "cloud", "compute", "node_types", "spark_version", "hosts", "autoscale"}
_SECRETS_KEYS = {"scope", "key_pattern"}
_DATABRICKS_KEYS = {"host", "warehouse_id", "token_env", "stage_tables"}
_UC_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_VALIDATION_KEYS = {"reference_data", "lake_roots", "params", "jobs", "code_paths", "timeout_seconds"}


class _Reader:
    def __init__(self, source: str, base: Path):
        self.source = source
        self.base = base

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.source}: {key}: {problem}")

    def mapping(self, value, key: str, allowed: set[str]) -> dict:
        if value is None:
            raise self.fail(key, "is required")
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a mapping, got {type(value).__name__}")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return value

    def string(self, value, key: str, *, required: bool = True, default: str | None = None) -> str | None:
        if value is None:
            if required:
                raise self.fail(key, "is required")
            return default
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected a non-empty string, got {value!r}")
        return value

    def strings(self, value, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        if value is None:
            return default
        if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"expected a list of strings, got {value!r}")
        return tuple(value)

    def string_map(self, value, key: str) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise self.fail(key, f"expected a mapping of strings to strings, got {value!r}")
        return dict(value)

    def repo_path(self, value: str, key: str) -> str:
        """A path inside a repository: relative, without ``..``. ``./jobs/`` is ``jobs/``; ``.`` and ``./`` are
        the whole repository (``""``), as a user writes it for a repository that keeps its scripts at the top."""
        parts = value.replace("\\", "/").split("/")
        if value.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", value) or ".." in parts:
            raise self.fail(key, f"{value!r} must be a path inside the repository (relative, without '..')")
        path = value.replace("\\", "/")
        while path.startswith("./"):
            path = path[2:]
        return "" if path == "." else path

    def repo_paths(self, value, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.repo_path(v, key) for v in self.strings(value, key, default))

    def location(self, value: str) -> str:
        """Local paths resolve against the registry's folder; git URLs stay as written."""
        if re.match(r"^[a-z][a-z0-9+.\-]*://", value) or re.match(r"^[\w.\-]+@[\w.\-]+:", value):
            return value
        path = Path(os.path.expandvars(os.path.expanduser(value)))
        return str(path if path.is_absolute() else (self.base / path).resolve())


def _project(r: _Reader, raw, idx: int) -> Project:
    key = f"projects[{idx}]"
    if not isinstance(raw, dict):
        raise r.fail(key, f"expected a mapping, got {type(raw).__name__}")
    name = r.string(raw.get("name"), f"{key}.name")
    if not NAME_RE.match(name):
        raise r.fail(f"{key}.name", f"{name!r} must start with a letter and hold only letters, digits, '_' or '-'")
    key = f"projects[{idx}] ({name})"
    raw = r.mapping(raw, key, _PROJECT_KEYS)

    g = r.mapping(raw.get("glue"), f"{key}.glue", _GLUE_KEYS)
    glue = GlueSource(
        url=r.location(r.string(g.get("url"), f"{key}.glue.url")),
        branch=r.string(g.get("branch"), f"{key}.glue.branch", required=False, default="main"),
        paths=r.repo_paths(g.get("paths"), f"{key}.glue.paths", ("jobs/", "src/")),
        ddl_paths=r.repo_paths(g.get("ddl_paths"), f"{key}.glue.ddl_paths", ("ddl/",)),
        job_definitions=_job_definitions(r, g, f"{key}.glue"),
        job_parameters=r.string_map(_texts(g.get("job_parameters")), f"{key}.glue.job_parameters"),
        seed=_opt_location(r, g.get("seed"), f"{key}.glue.seed"),
        exclude=r.strings(g.get("exclude"), f"{key}.glue.exclude", DEFAULT_EXCLUDE),
        job_config=_opt_repo_path(r, g.get("job_config"), f"{key}.glue.job_config"),
    )
    t = r.mapping(raw.get("target"), f"{key}.target", _TARGET_KEYS)
    target = TargetRepo(
        url=r.location(r.string(t.get("url"), f"{key}.target.url")),
        branch=r.string(t.get("branch"), f"{key}.target.branch", required=False, default="main"),
        sync_branch=r.string(t.get("sync_branch"), f"{key}.target.sync_branch", required=False, default="g2l/sync"),
        native=r.repo_paths(t.get("native"), f"{key}.target.native", ()),
        ddl_dir=r.repo_path(r.string(t.get("ddl_dir"), f"{key}.target.ddl_dir", required=False, default="uc_ddl"),
                            f"{key}.target.ddl_dir"),
        seed=_opt_location(r, t.get("seed"), f"{key}.target.seed"),
        bootstrap=_flag(r, t.get("bootstrap", True), f"{key}.target.bootstrap"),
    )
    if target.sync_branch == target.branch:
        raise r.fail(f"{key}.target.sync_branch", f"{target.sync_branch!r} is the base branch; g2l commits only to "
                     "its own branch (default g2l/sync), never to the branch people merge into")
    params = r.string(raw.get("params"), f"{key}.params", required=False, default="argv")
    if params not in PARAM_MODES:
        raise r.fail(f"{key}.params", f"{params!r} is not one of {', '.join(PARAM_MODES)}")
    external = raw.get("external_tables", False)
    if not isinstance(external, bool):
        raise r.fail(f"{key}.external_tables", f"expected true or false, got {external!r}")
    catalog = r.string(raw.get("catalog"), f"{key}.catalog", required=False, default="main")
    if not _UC_NAME.match(catalog):
        raise r.fail(f"{key}.catalog", f"{catalog!r} is not a valid Unity Catalog name")
    databricks = None
    if raw.get("databricks") is not None:
        d = r.mapping(raw["databricks"], f"{key}.databricks", _DATABRICKS_KEYS)
        stage_tables = r.string(d.get("stage_tables"), f"{key}.databricks.stage_tables", required=False,
                                default=f"{catalog}.{STAGE_SCHEMA}")
        if len(stage_tables.split(".")) != 2 or not all(_UC_NAME.match(p) for p in stage_tables.split(".")):
            raise r.fail(f"{key}.databricks.stage_tables", f"{stage_tables!r} must be catalog.schema (two plain "
                         "Unity Catalog names: letters, digits, '_')")
        databricks = DatabricksTarget(
            host=r.string(d.get("host"), f"{key}.databricks.host"),
            warehouse_id=r.string(d.get("warehouse_id"), f"{key}.databricks.warehouse_id"),
            token_env=r.string(d.get("token_env"), f"{key}.databricks.token_env", required=False, default="DATABRICKS_TOKEN"),
            stage_tables=stage_tables,
        )
    validation = _validation(r, raw["validation"], f"{key}.validation") if raw.get("validation") is not None else None
    bundle = _bundle(r, raw.get("bundle"), f"{key}.bundle", name, databricks)
    secrets = _secrets(r, raw.get("secrets"), f"{key}.secrets")
    return Project(
        name=name,
        glue=glue,
        target=target,
        catalog=catalog,
        schema_map=r.string_map(raw.get("schema_map"), f"{key}.schema_map"),
        path_map={k: _path_target(r, v) for k, v in r.string_map(raw.get("path_map"), f"{key}.path_map").items()},
        params=params,
        external_tables=external,
        databricks=databricks,
        validation=validation,
        bundle=bundle,
        ddl_vars=r.string_map(_texts(raw.get("ddl_vars")), f"{key}.ddl_vars"),
        **secrets,
    )


def _secrets(r: _Reader, raw, key: str) -> dict[str, str]:
    """``secrets: {scope, key_pattern}``: where converted jobs find Glue connection credentials."""
    if raw is None:
        return {}
    s = r.mapping(raw, key, _SECRETS_KEYS)
    out = {"secret_scope": r.string(s.get("scope"), f"{key}.scope", required=False, default=ConvertOptions.secret_scope),
           "secret_key_pattern": r.string(s.get("key_pattern"), f"{key}.key_pattern", required=False,
                                          default=ConvertOptions.secret_key_pattern)}
    try:
        ConvertOptions(**out)
    except ValueError as exc:
        setting, _, problem = str(exc).partition(": ")
        raise r.fail(f"{key}.{'scope' if setting == 'secret_scope' else 'key_pattern'}", problem) from None
    return out


def _job_definitions(r: _Reader, g: dict, key: str) -> tuple[str, ...]:
    """``job_definitions`` globs; the older single ``job_config`` path is one more entry."""
    globs = r.repo_paths(g.get("job_definitions"), f"{key}.job_definitions", ())
    old = _opt_repo_path(r, g.get("job_config"), f"{key}.job_config")
    return globs + ((old,) if old and old not in globs else ())


def _texts(value):
    """YAML reads 10 as a number and 2024-03-28 as a date; parameter values are text."""
    if isinstance(value, dict):
        return {k: x if isinstance(x, (str, dict, list)) or x is None else str(x) for k, x in value.items()}
    return value


def _bundle(r: _Reader, raw, key: str, project: str, databricks: DatabricksTarget | None) -> BundleOptions:
    b = r.mapping(raw, key, _BUNDLE_KEYS) if raw is not None else {}
    autoscale = b.get("autoscale", False)
    if not isinstance(autoscale, bool):
        raise r.fail(f"{key}.autoscale", f"expected true or false, got {autoscale!r}")
    default_hosts = {"dev": databricks.host, "prod": databricks.host} if databricks else {}
    values = dict(
        name=r.string(b.get("name"), f"{key}.name", required=False, default=project),
        cloud=r.string(b.get("cloud"), f"{key}.cloud", required=False, default="aws"),
        compute=r.string(b.get("compute"), f"{key}.compute", required=False, default="job_cluster"),
        node_types=r.string_map(b.get("node_types"), f"{key}.node_types"),
        spark_version=r.string(b.get("spark_version"), f"{key}.spark_version", required=False),
        hosts=r.string_map(b.get("hosts"), f"{key}.hosts") or default_hosts,
        autoscale=autoscale,
    )
    try:
        return BundleOptions(**values)
    except ValueError as exc:
        field_name, _, problem = str(exc).partition(": ")
        raise r.fail(f"{key}.{field_name}", problem) from None


def _validation(r: _Reader, raw, key: str) -> ValidationSettings:
    v = r.mapping(raw, key, _VALIDATION_KEYS)
    params = v.get("params")
    if isinstance(params, dict):  # YAML reads 2024-03-28 as a date and 0.95 as a float: arguments are text
        params = {k: x if isinstance(x, (str, dict, list)) or x is None else str(x) for k, x in params.items()}
    timeout = v.get("timeout_seconds", 300)
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout <= 0:
        raise r.fail(f"{key}.timeout_seconds", f"expected a positive number of seconds, got {timeout!r}")
    lake_roots = r.string_map(v.get("lake_roots"), f"{key}.lake_roots")
    for prefix in lake_roots:
        if not re.match(r"^[a-z][a-z0-9+.\-]*://", prefix):
            raise r.fail(f"{key}.lake_roots", f"{prefix!r} is not a lake URL prefix such as 's3://bucket/'")
    return ValidationSettings(
        reference_data=r.repo_path(r.string(v.get("reference_data"), f"{key}.reference_data", required=False,
                                            default="data/"), f"{key}.reference_data"),
        lake_roots=lake_roots,
        params=r.string_map(params, f"{key}.params"),
        jobs=r.strings(v.get("jobs"), f"{key}.jobs", ()),
        code_paths=r.repo_paths(v.get("code_paths"), f"{key}.code_paths", ("src/",)),
        timeout_seconds=timeout,
    )


def _flag(r: _Reader, value, key: str) -> bool:
    if not isinstance(value, bool):
        raise r.fail(key, f"expected true or false, got {value!r}")
    return value


def _opt_repo_path(r: _Reader, value, key: str) -> str | None:
    value = r.string(value, key, required=False)
    return None if value is None else r.repo_path(value, key)


def _opt_location(r: _Reader, value, key: str) -> str | None:
    value = r.string(value, key, required=False)
    return None if value is None else r.location(value)


def _path_target(r: _Reader, value: str) -> str:
    """Targets that look like local paths resolve like urls; s3://, /Volumes/..., abfss:// stay."""
    if value.startswith(("/Volumes/", "dbfs:/")) or "://" in value:
        return value
    return r.location(value)


def parse_registry(text: str, source: str = "projects.yaml", base: Path | None = None) -> list[Project]:
    r = _Reader(source, base or Path.cwd())
    if len(text) > MAX_YAML_BYTES:
        raise ConfigError(f"{source}: {len(text)} bytes is over the {MAX_YAML_BYTES}-byte limit for a registry")
    try:
        data = yaml.load(text, Loader=BoundedLoader)  # noqa: S506 - a SafeLoader that bounds alias expansion
    except (YamlLimitError, RecursionError) as exc:
        raise ConfigError(f"{source}: refused: {exc or 'nested too deeply'}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "document"
        raise ConfigError(f"{source}: {where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        data = {"projects": []}
    data = r.mapping(data, "(top level)", {"projects"})
    raw_projects = data.get("projects")
    if raw_projects is None:
        raw_projects = []
    if not isinstance(raw_projects, list):
        raise r.fail("projects", f"expected a list of projects, got {type(raw_projects).__name__}")
    projects = [_project(r, p, i) for i, p in enumerate(raw_projects)]
    seen: set[str] = set()
    for i, p in enumerate(projects):
        if p.name in seen:
            raise r.fail(f"projects[{i}].name", f"duplicate project name {p.name!r}")
        seen.add(p.name)
    return projects


def registry_path(path: str | os.PathLike | None = None) -> Path:
    return Path(path or os.environ.get("G2L_PROJECTS") or DEFAULT_REGISTRY)


def load_registry(path: str | os.PathLike | None = None) -> list[Project]:
    """Read and validate the registry (``G2L_PROJECTS`` overrides the default ``projects.yaml``)."""
    p = registry_path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{p}: project registry not found (set G2L_PROJECTS or create it)") from None
    except IsADirectoryError:
        raise ConfigError(f"{p}: is a folder; G2L_PROJECTS (or --projects-file) must name the registry file, "
                          f"e.g. {p / 'projects.yaml'}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: not a text file (byte {exc.start} is not UTF-8); the registry is a YAML file") from None
    return parse_registry(text, str(p), p.parent)


def registry_warnings(projects: list[Project]) -> list[str]:
    """Things in a valid registry that are likely mistakes: two projects writing the same Unity Catalog
    schema (same catalog, a ``schema_map`` target in common) would overwrite each other's tables."""
    out = []
    for i, a in enumerate(projects):
        for b in projects[i + 1:]:
            if a.catalog != b.catalog:
                continue
            for schema in sorted(set(a.schema_map.values()) & set(b.schema_map.values())):
                out.append(f"projects {a.name} and {b.name} both write {a.catalog}.{schema}: tables of the same "
                           "name overwrite each other (give one of them another catalog or schema_map target)")
            if a.glue.url == b.glue.url and a.schema_map == b.schema_map:
                out.append(f"projects {a.name} and {b.name} convert the same Glue repository into catalog "
                           f"{a.catalog} with the same schema_map: every table of one is a table of the other "
                           "(give one of them another catalog or schema_map)")
    return out


def find_project(projects: list[Project], name: str) -> Project:
    for p in projects:
        if p.name == name:
            return p
    known = ", ".join(p.name for p in projects) or "none"
    raise ConfigError(f"project {name!r} is not in the registry (known: {known})")
