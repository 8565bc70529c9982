import re
from pathlib import Path

import pytest

from g2l_core.config import ConfigError, GlueSource, load_registry, parse_registry, has_role, registry_warnings
from g2l_core.redact import redact_url

GOOD = """
projects:
  - name: risk_engine
    glue: {url: remotes/glue.git, seed: seeds/glue, paths: [jobs/], ddl_paths: [ddl/]}
    target: {url: "git@example.com:team/dbx.git", native: [jobs/new.py]}
    schema_map: {risk_raw: bronze}
    path_map: {"s3://lake/": lake/, "s3://vol/": /Volumes/main/raw/vol/}
"""


def test_parses_with_defaults_and_resolves_local_paths(tmp_path):
    [p] = parse_registry(GOOD, "projects.yaml", tmp_path)
    assert p.name == "risk_engine"
    assert p.glue.url == str(tmp_path / "remotes/glue.git")
    assert p.glue.seed == str(tmp_path / "seeds/glue")
    assert p.glue.branch == "main" and p.glue.paths == ("jobs/",)
    assert p.target.url == "git@example.com:team/dbx.git"  # git URLs stay as written
    assert p.target.sync_branch == "g2l/sync" and p.target.native == ("jobs/new.py",)
    assert p.catalog == "main" and p.params == "argv"
    code, ddl = p.convert_options(), p.ddl_options()
    assert code.uc_schema("risk_raw") == "bronze" and code.uc_schema("Other") == "other"
    assert ddl.target_schema("RISK_RAW") == "bronze" and ddl.catalog == code.catalog == p.catalog
    assert p.path_map == {"s3://lake/": str(tmp_path / "lake"), "s3://vol/": "/Volumes/main/raw/vol/"}


@pytest.mark.parametrize("text, message", [
    ("projects: {}", "projects.yaml: projects: expected a list"),
    ("projects:\n  - name: x\n    glue: {url: a}\n    target: {url: b}\n    colour: red",
     "projects.yaml: projects[0] (x).colour: unknown key"),
    ("projects:\n  - name: x\n    glue: {branch: main}\n    target: {url: b}",
     "projects.yaml: projects[0] (x).glue.url: is required"),
    ("projects:\n  - name: 9x\n    glue: {url: a}\n    target: {url: b}",
     "projects.yaml: projects[0].name: '9x' must start with a letter"),
    ("projects:\n  - name: x\n    glue: {url: a, paths: jobs/}\n    target: {url: b}",
     "projects.yaml: projects[0] (x).glue.paths: expected a list of strings"),
    ("projects:\n  - name: x\n    glue: {url: a}\n    target: {url: b}\n    params: env",
     "projects.yaml: projects[0] (x).params: 'env' is not one of argv, widgets"),
    ("projects:\n  - name: x\n    glue: {url: a}\n    target: {url: b}\n  - name: x\n    glue: {url: a}\n    target: {url: b}",
     "projects.yaml: projects[1].name: duplicate project name 'x'"),
    ("projects:\n  - name: x\n    glue: [a]\n", "projects.yaml: projects[0] (x).glue: expected a mapping"),
    ("projects:\n  - name: x\n   glue: {url: a}", "projects.yaml: line 3: not valid YAML"),
    ("projects:\n  - name: x\n    glue: {url: a}\n    target: {url: b}\n    catalog: 'my-cat'",
     "projects.yaml: projects[0] (x).catalog: 'my-cat' is not a valid Unity Catalog name"),
])
def test_bad_registry_names_the_key(text, message):
    with pytest.raises(ConfigError) as err:
        parse_registry(text, "projects.yaml", Path("/tmp"))
    assert str(err.value).startswith(message)


def test_env_var_overrides_registry_path(tmp_path, monkeypatch):
    reg = tmp_path / "other.yaml"
    reg.write_text("projects:\n  - name: alt\n    glue: {url: g}\n    target: {url: t}\n")
    monkeypatch.setenv("G2L_PROJECTS", str(reg))
    assert [p.name for p in load_registry()] == ["alt"]
    monkeypatch.setenv("G2L_PROJECTS", str(tmp_path / "missing.yaml"))
    with pytest.raises(ConfigError, match="missing.yaml: project registry not found"):
        load_registry()


def test_bundled_registry_is_valid_and_has_the_sample():
    projects = load_registry(Path(__file__).resolve().parents[2] / "projects.yaml")
    sample = projects[0]
    assert sample.name == "risk_engine"
    assert Path(sample.glue.seed, "jobs").is_dir()
    assert Path(sample.target.seed).is_dir()


VALIDATION_BASE = "projects:\n  - name: x\n    glue: {url: a}\n    target: {url: b}\n    validation: "


def test_validation_section_parses_with_text_params():
    [p] = parse_registry(VALIDATION_BASE + (
        '{reference_data: data/, lake_roots: {"s3://lake/": "", "s3://landing/": landing/}, '
        "params: {business_date: 2024-03-28, level: 0.95}, jobs: [jobs/a.py], timeout_seconds: 60}"))
    v = p.validation
    assert v.reference_data == "data/" and v.jobs == ("jobs/a.py",) and v.timeout_seconds == 60
    assert v.lake_roots == {"s3://lake/": "", "s3://landing/": "landing/"}
    # YAML reads the date and the number as date/float; job arguments are text
    assert v.params == {"business_date": "2024-03-28", "level": "0.95"}
    assert v.code_paths == ("src/",)
    [plain] = parse_registry(VALIDATION_BASE.replace("    validation: ", ""))
    assert plain.validation is None


@pytest.mark.parametrize("section, message", [
    ("{reference_data: data/, bogus: 1}", "projects[0] (x).validation.bogus: unknown key"),
    ("[data/]", "projects[0] (x).validation: expected a mapping"),
    ("{lake_roots: {lake: data/}}", "projects[0] (x).validation.lake_roots: 'lake' is not a lake URL prefix"),
    ("{lake_roots: [a]}", "projects[0] (x).validation.lake_roots: expected a mapping of strings"),
    ("{params: {business_date: [1]}}", "projects[0] (x).validation.params: expected a mapping of strings"),
    ("{timeout_seconds: soon}", "projects[0] (x).validation.timeout_seconds: expected a positive number"),
    ("{timeout_seconds: 0}", "projects[0] (x).validation.timeout_seconds: expected a positive number"),
    ("{jobs: jobs/a.py}", "projects[0] (x).validation.jobs: expected a list of strings"),
    ("{reference_data: ''}", "projects[0] (x).validation.reference_data: expected a non-empty string"),
])
def test_bad_validation_section_names_the_key(section, message):
    with pytest.raises(ConfigError) as err:
        parse_registry(VALIDATION_BASE + section)
    assert message in str(err.value)


@pytest.mark.parametrize("path, role", [
    ("jobs/load.py", "code"), ("src/lib/util.py", "code"), ("jobs/README.md", "other"), ("tools/x.py", "other"),
    ("ddl/tables.sql", "ddl"), ("ddl/helpers.py", "ddl"), ("jobs/job_config.json", "job_definitions"),
    ("infra/glue_jobs.yaml", "job_definitions"), ("infra/tf/jobs.tf", "job_definitions"),
    ("infra/tf/jobs.py", "other"), ("ddl/cfn.yaml", "ddl"),
    ("jobs/scala/src/main/scala/GlueApp.scala", "scala"), ("tools/Gen.scala", "other"),
])
def test_glue_file_roles_follow_the_registry_paths(path, role):
    glue = GlueSource(url="x", paths=("jobs/", "src/"), ddl_paths=("ddl/",),
                      job_definitions=("infra/*.yaml", "infra/tf/*.tf", "jobs/job_config.json"))
    assert glue.role(path) == role


@pytest.mark.parametrize("path, role, plays", [
    ("infra/stack.yaml", "job_definitions+ddl", {"job_definitions", "ddl"}),
    ("jobs/job_config.json", "job_definitions", {"job_definitions"}),
    ("infra/readme.md", "ddl", {"ddl"}),
    ("infra/tables_stack.py", "code+ddl", {"code", "ddl"}),
    ("infra/notebook.ipynb", "code+ddl", {"code", "ddl"}),
    ("jobs/load.py", "code", {"code"}),
])
def test_a_file_named_by_two_settings_plays_both(path, role, plays):
    glue = GlueSource(url="x", paths=("jobs/", "infra/"), ddl_paths=("infra/",),
                      job_definitions=("infra/*.yaml", "jobs/job_config.json"))
    assert glue.role(path) == role
    assert {r for r in ("code", "ddl", "job_definitions") if has_role(glue.role(path), r)} == plays


def test_ddl_vars_reach_the_ddl_options(tmp_path):
    [p] = parse_registry(GOOD + "    ddl_vars: {env: prod, year: 2024}\n", "projects.yaml", tmp_path)
    assert p.ddl_options().ddl_vars == {"env": "prod", "year": "2024"}
    assert parse_registry(GOOD, "projects.yaml", tmp_path)[0].ddl_options().ddl_vars == {}
    with pytest.raises(ConfigError, match=r"projects\[0\] \(risk_engine\)\.ddl_vars: expected a mapping"):
        parse_registry(GOOD + "    ddl_vars: [env]\n", "projects.yaml", tmp_path)


def test_convert_options_carry_the_project_settings_and_bookmarks(tmp_path):
    [p] = parse_registry(GOOD, "projects.yaml", tmp_path)
    options = p.convert_options({"jobs/a.py": True})
    assert options.bookmarks_enabled("jobs/a.py") and not options.bookmarks_enabled("jobs/b.py")
    assert options.map_path("s3://vol/x") == "/Volumes/main/raw/vol/x" and options.params == "argv"


@pytest.mark.parametrize("path, role", [
    ("tests/test_load.py", "other"), ("jobs/tests/helpers.py", "other"), ("jobs/test_load.py", "other"),
    ("jobs/load_test.py", "other"), ("jobs/conftest.py", "other"), ("jobs/contest.py", "code"),
    ("jobs/attestation.py", "code"), ("ddl/tests/t.sql", "other"),
])
def test_default_exclude_keeps_test_files_out(path, role):
    assert GlueSource(url="x", paths=("jobs/", "tests/")).role(path) == role


def test_exclude_is_a_registry_setting(tmp_path):
    text = GOOD.replace("paths: [jobs/]", "paths: [jobs/], exclude: [jobs/legacy/, '*_old.py']")
    [p] = parse_registry(text, "projects.yaml", tmp_path)
    assert p.glue.exclude == ("jobs/legacy/", "*_old.py")
    assert p.glue.role("jobs/legacy/a.py") == "other" and p.glue.role("jobs/a_old.py") == "other"
    assert p.glue.role("jobs/test_a.py") == "code"  # an explicit list replaces the default


@pytest.mark.parametrize("text, shown", [
    ("https://ci-bot:ghp_secret@github.com/acme/glue.git", "https://***@github.com/acme/glue.git"),
    ("git@github.com:acme/glue.git", "git@github.com:acme/glue.git"),
    ("fatal: could not read from https://tok@host/x.git (exit 128)", "fatal: could not read from https://***@host/x.git (exit 128)"),
    ("/srv/git/glue.git", "/srv/git/glue.git"),
])
def test_redact_url_hides_credentials(text, shown):
    assert redact_url(text) == shown


@pytest.mark.parametrize("setting, message", [
    ("target: {url: b, ddl_dir: ../outside}", "projects[0] (x).target.ddl_dir: '../outside' must be a path inside the repository"),
    ("target: {url: b, ddl_dir: /etc}", "projects[0] (x).target.ddl_dir: '/etc' must be a path inside"),
    ("target: {url: b, native: [jobs/, ../../x]}", "projects[0] (x).target.native: '../../x' must be a path inside"),
    ("target: {url: b, sync_branch: main}", "projects[0] (x).target.sync_branch: 'main' is the base branch"),
])
def test_settings_that_must_stay_inside_the_repository(setting, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_registry(f"projects:\n  - name: x\n    glue: {{url: a}}\n    {setting}\n", "projects.yaml", Path("/r"))


def test_a_folder_or_binary_registry_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="is a folder; G2L_PROJECTS"):
        load_registry(tmp_path)
    binary = tmp_path / "projects.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    with pytest.raises(ConfigError, match="projects.yaml: not a text file"):
        load_registry(binary)


def test_projects_writing_the_same_schema_are_reported(tmp_path):
    text = """projects:
  - {name: a, glue: {url: a}, target: {url: b}, schema_map: {raw: bronze}}
  - {name: b, glue: {url: c}, target: {url: d}, schema_map: {landing: bronze}}
  - {name: c, glue: {url: e}, target: {url: f}, catalog: other, schema_map: {raw: bronze}}
"""
    [warning] = registry_warnings(parse_registry(text, "projects.yaml", tmp_path))
    assert warning.startswith("projects a and b both write main.bronze")


def test_projects_converting_the_same_repository_into_one_catalog_are_reported(tmp_path):
    text = """projects:
  - {name: a, glue: {url: /srv/glue.git}, target: {url: b}}
  - {name: b, glue: {url: /srv/glue.git, branch: dev}, target: {url: d}}
  - {name: c, glue: {url: /srv/glue.git}, target: {url: f}, catalog: dev}
  - {name: d, glue: {url: /srv/glue.git}, target: {url: f}, schema_map: {risk_raw: d_raw}}
"""
    [warning] = registry_warnings(parse_registry(text, "projects.yaml", tmp_path))
    assert warning == ("projects a and b convert the same Glue repository into catalog main with the same "
                       "schema_map: every table of one is a table of the other (give one of them another catalog "
                       "or schema_map)")


def test_a_yaml_alias_bomb_in_the_registry_is_refused_with_the_file_named():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    with pytest.raises(ConfigError, match=r"^bomb.yaml: refused: "):
        parse_registry(bomb, "bomb.yaml")


@pytest.mark.parametrize("written, stored, top_script_role", [
    ("[.]", ("",), "code"), ("[./]", ("",), "code"), ("[./jobs/, ././src/]", ("jobs/", "src/"), "other"),
    ("[jobs/]", ("jobs/",), "other"),
])
def test_paths_written_relative_to_the_repository_root_select_what_they_say(tmp_path, written, stored, top_script_role):
    [p] = parse_registry(GOOD.replace("paths: [jobs/]", f"paths: {written}"), "projects.yaml", tmp_path)
    assert p.glue.paths == stored
    assert p.glue.role("etl_job.py") == top_script_role
    assert p.glue.role("jobs/load.py") == "code"
