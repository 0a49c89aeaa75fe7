import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def run_build(data: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--data", str(data), "--site", str(site)],
        capture_output=True, text=True, cwd=ROOT,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real data built once into a temporary site/."""
    site = tmp_path_factory.mktemp("published") / "site"
    result = run_build(DATA, site)
    assert result.returncode == 0, result.stderr
    assert "Published" in result.stdout
    return site
