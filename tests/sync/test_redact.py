"""Credentials in URLs are redacted wherever they could be shown; the registry's bootstrap switch is checked."""

import pytest

from g2l_core.config import ConfigError, parse_registry
from g2l_core.redact import redact_url, split_credentials


@pytest.mark.parametrize("text, shown", [
    ("https://ana:s3cret@git.example.com/t.git", "https://***@git.example.com/t.git"),
    ("clone of https://TOKEN@git.example.com/t.git failed", "clone of https://***@git.example.com/t.git failed"),
    ("ssh://git@host:22/t.git and http://u:p%40ss@h/x", "ssh://***@host:22/t.git and http://***@h/x"),
    ("git@github.com:acme/t.git", "git@github.com:acme/t.git"),  # scp-like: no secret in it
    ("/srv/git/t.git", "/srv/git/t.git"),
])
def test_redact_url(text, shown):
    assert redact_url(text) == shown


@pytest.mark.parametrize("url, parts", [
    ("https://ana:s3cret@git.example.com/t.git", ("https://git.example.com/t.git", "ana", "s3cret")),
    ("https://u:p%40ss@h/x.git", ("https://h/x.git", "u", "p@ss")),
    ("https://TOKEN@h/x.git", ("https://h/x.git", "TOKEN", None)),
    ("https://h/x.git", ("https://h/x.git", None, None)),
    ("/srv/git/t.git", ("/srv/git/t.git", None, None)),
])
def test_split_credentials(url, parts):
    assert split_credentials(url) == parts


def test_bootstrap_setting_is_a_boolean():
    text = "projects:\n  - name: p\n    glue: {url: /g}\n    target: {url: /t, bootstrap: %s}\n"
    assert parse_registry(text % "false")[0].target.bootstrap is False
    assert parse_registry(text % "true")[0].target.bootstrap is True
    with pytest.raises(ConfigError, match=r"projects\[0\] \(p\)\.target\.bootstrap: expected true or false, got 'no'"):
        parse_registry(text % "'no'")


def test_projects_listing_hides_credentials(tmp_path):
    from tests.dagster.test_cli import g2l

    registry = tmp_path / "projects.yaml"
    registry.write_text("projects:\n  - name: p\n    glue: {url: 'https://ana:s3cret@git.example.com/g.git'}\n"
                        "    target: {url: 'https://bot:tok3n@git.example.com/t.git'}\n")
    out = g2l("projects", "--projects-file", str(registry))
    assert out.returncode == 0 and "s3cret" not in out.stdout and "tok3n" not in out.stdout
    assert "https://***@git.example.com/g.git (main) -> https://***@git.example.com/t.git" in out.stdout
