from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO_FILES = ["glue/jobs/ingest_claims.py", "glue/jobs/enrich_claims.py", "glue/jobs/publish_claims.py",
              "glue/jobs/alert.py", "tests/jobs/alert.py", "README.md"]
PARAMETERS = {"ArtifactBucket": "claims-artifacts", "artifact_bucket": "claims-artifacts"}


def fixture_text(*names: str) -> dict[str, str]:
    return {name: (FIXTURES / name).read_text() for name in names}


@pytest.fixture
def claims_files():
    return fixture_text
