import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT))

from govreports.load import TABLES  # noqa: E402

INDICATOR_COLUMNS = TABLES["indicators.csv"]


def indicator_row(iid: str, name_zh: str, name_en: str, unit: str, category: str = "economy", **cells) -> str:
    """A line of indicators.csv with every column, whatever columns the table has today."""
    values = {"id": iid, "name_zh": name_zh, "name_en": name_en, "unit": unit, "category": category,
              "higher_is_better": "true", **cells}
    return ",".join(values.get(c, "") for c in INDICATOR_COLUMNS)


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
