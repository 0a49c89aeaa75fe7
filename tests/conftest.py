"""Shared fixtures. Every test works under a temporary folder: the real data is copied once per
session (a build records glossary dates in its data folder), builds stage into their own work folder,
and the session fails if the checkout changed while it ran."""
import atexit
import csv
import fcntl
import functools
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreports.load.read import TABLES  # noqa: E402

REPO_DATA = ROOT / "data"
RAM_DISK, RAM_NEEDED = "/dev/shm", 8 << 30  # the whole suite's files peak near 2 GB; a run keeps the last run's too


def _on_a_ram_disk() -> bool:
    """Whether the tests' temporary files go to a RAM-backed folder: when TMPDIR does not say where, the machine
    has one, and it and the memory have room. A file is created there in a sixth of the time it takes on this
    disk (14 against 91 µs), and the tests create hundreds of thousands (the quick suite: 25 → 19 s)."""
    if "TMPDIR" in os.environ or not os.path.isdir(RAM_DISK):
        return False
    with open("/proc/mounts", encoding="utf-8") as mounts:
        if not any(line.split()[1:3] == [RAM_DISK, "tmpfs"] for line in mounts):
            return False
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        available = next(int(line.split()[1]) << 10 for line in meminfo if line.startswith("MemAvailable:"))
    disk = os.statvfs(RAM_DISK)
    return min(available, disk.f_bavail * disk.f_frsize) >= RAM_NEEDED


if _on_a_ram_disk():
    os.environ["TMPDIR"] = RAM_DISK  # for this process, the test processes and the builds they start
    tempfile.tempdir = None
if sys.dont_write_bytecode and not sys.pycache_prefix:
    # Where the environment asks Python to write no bytecode beside the sources (PYTHONDONTWRITEBYTECODE), every test
    # process and every build it starts compiled the package and the test modules anew. Their bytecode goes to a
    # folder outside the checkout instead, kept between runs (the quick suite: 17.2-17.5 → 15.1-17.1 s).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix = os.path.join(tempfile.gettempdir(), "govreports-tests-bytecode")
    sys.dont_write_bytecode = False
_SESSION = Path(tempfile.mkdtemp(prefix="govreports-tests-"))
atexit.register(shutil.rmtree, _SESSION, ignore_errors=True)
DATA = _SESSION / "data"  # the real data, as the tests read and build it
shutil.copytree(REPO_DATA, DATA)
INDICATOR_COLUMNS = TABLES["indicators.csv"]
# Screenshots of the browser tests; set TEST_ARTIFACTS to keep them.
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS") or _SESSION / "artifacts")
# Caches and files that running Python and pytest may leave, which are no change to the checkout.
_NOT_THE_CHECKOUT = {".git", ".venv", "__pycache__"}
# The build's own folders (site/, build/): tens of thousands of files after a build. A build into one of them
# changes the folder or one of its entries, so those are all that is compared.
_OUTPUTS = {"site", "build"}


def _checkout() -> dict[str, str]:
    files = {}
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in _NOT_THE_CHECKOUT]
        if folder == str(ROOT):
            outputs = [d for d in subfolders if d in _OUTPUTS]
            subfolders[:] = [d for d in subfolders if d not in _OUTPUTS]
            names = [*names, *outputs, *(os.path.join(d, entry) for d in outputs for entry in os.listdir(ROOT / d))]
        for name in names:
            stat = os.lstat(os.path.join(folder, name))
            files[os.path.relpath(os.path.join(folder, name), ROOT)] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return files


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The tests of an xdist_group run in one worker, where their module's fixture builds a site once. pytest 9.2
    made xdist's loadgroup silently spread them over every worker (pytest-xdist issue 1386), each building it."""
    if getattr(config.option, "loadgroup", False):
        spread = [item.nodeid for item in items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
        if spread:
            warnings.warn(f"--dist loadgroup did not keep {spread[0]} in its group's worker: pin a pytest it supports", stacklevel=1)


def pytest_sessionstart(session):
    session.config._checkout_before = _checkout()
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        _delete_old_temporary_folders_meanwhile(session.config)


_CLEANUP = """import sys, pathlib
from _pytest.pathlib import cleanup_numbered_dir
cleanup_numbered_dir(pathlib.Path(sys.argv[1]), "pytest-", int(sys.argv[2]), float(sys.argv[3]))"""


def _delete_old_temporary_folders_meanwhile(config) -> None:
    """pytest deletes the temporary folders of the runs before the last few when a run ends, in the run's time
    (seconds after a run with whole builds): a process of its own does the same while the tests run."""
    factory = config._tmp_path_factory
    if factory._given_basetemp is not None:
        return
    from _pytest.pathlib import LOCK_TIMEOUT

    basetemp = factory.getbasetemp()
    keep = 1 if str(basetemp).startswith(RAM_DISK) else factory._retention_count  # memory is kept for this run's only
    subprocess.Popen([sys.executable, "-c", _CLEANUP, str(basetemp.parent), str(keep),
                      str(basetemp.stat().st_mtime - LOCK_TIMEOUT)],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.hookimpl(trylast=True)  # after pytest-xdist has ended its workers
def pytest_sessionfinish(session, exitstatus):
    for build in getattr(session.config, "_build_processes", ()):
        if build.poll() is None and exitstatus == pytest.ExitCode.INTERRUPTED:
            os.killpg(build.pid, signal.SIGTERM)  # the run was stopped: so is the build it started in the background
    before, after = session.config._checkout_before, _checkout()
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    if changed:
        print(f"\nThe tests changed the checkout ({len(changed)} files), which they must leave as they found it: "
              + ", ".join(changed[:10]), file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if session.exitstatus == pytest.ExitCode.OK and not os.environ.get("PYTEST_XDIST_WORKER"):
        _free_the_memory(session.config)


def _free_the_memory(config) -> None:
    """The folders of a run that passed, in memory, are deleted as it ends, by a process of its own (not in the run's
    time): up to 2 GB after the whole suite. A failed run's stay to be looked at, until the next run starts."""
    factory = config._tmp_path_factory
    if factory._given_basetemp is None and str(factory.getbasetemp()).startswith(RAM_DISK):
        subprocess.Popen(["rm", "-rf", str(factory.getbasetemp())], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)


def indicator_row(iid: str, name_zh: str, name_en: str, unit: str, category: str = "economy", **cells) -> str:
    """A line of indicators.csv with every column, whatever columns the table has today."""
    values = {"id": iid, "name_zh": name_zh, "name_en": name_en, "unit": unit, "category": category,
              "higher_is_better": "true", **cells}
    return ",".join(values.get(c, "") for c in INDICATOR_COLUMNS)


def source_row(sid: str, district: str, year: int, **cells) -> str:
    """A line of sources.csv with every column, whatever columns the table has today."""
    values = {"id": sid, "district": district, "year": str(year), "title": "测试报告", "kind": "work-report", "date": str(year),
              "date_note": "test", "file": f"{sid}.txt", "url_note": "test", **cells}
    return ",".join(values.get(c, "") for c in TABLES["sources.csv"])


@functools.cache
def real_data():
    """The real data, checked and modelled as a build reads it, once per test process."""
    from govreports.pipeline import check

    return check(DATA)


@pytest.fixture(scope="session")
def data():
    return real_data()


@pytest.fixture(scope="session")
def real_downloads(data, request) -> Path:
    """The real data's downloads, in data/ of a folder as in a built site, written without the pages: once for
    all the test processes of a run (the first to take the lock writes them; a second each)."""
    from govreports.publish import downloads
    from govreports.render.pagecache import PageCache

    out = _shared(request.config) / "downloads"
    written = out.parent / "downloads.written"
    with open(out.parent / "downloads.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if writing failed
        if not written.exists():
            shutil.rmtree(out, ignore_errors=True)
            downloads.write_downloads(data, out, PageCache(out / ".cache" / "pages.marshal", out, "", reuse=False))
            written.touch()
    return out


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def run_build(data: Path, site: Path, *args: str, work: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """build.py as a reader runs it, staging into a work folder beside `site` (its own caches), with `env`
    added to the environment."""
    work = work or site.parent / f"{site.name}-work"
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--data", str(data), "--site", str(site), "--work", str(work), *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})},
    )


def lend_images(images: Path, work: Path) -> None:
    """Give a build from nothing, staging into `work`, the chart images an earlier build drew in `images` (its work
    folder's cache/images). They are kept under a hash of each chart's SVG and of the renderer, which the build
    writes anew: an image is taken only for the same picture, and about 13 s of drawing the real data's are saved."""
    from govreports.publish import staging

    shutil.copytree(images, work / "cache" / "images", copy_function=staging.link_or_copy, ignore=shutil.ignore_patterns("*.pickle"))


# A small synthetic data folder (benchmarks/synth_data.py) for the tests that look at a whole built site:
# it has every kind of page and builds in seconds. The same tests run on the real data among the slow ones.
SMALL = {"indicators": 30, "districts": 3, "years": 3}
# The fixtures that wait for a whole build of the real data ("real") or of the small data ("small").
SITE_FIXTURES = {"real": {"first_build", "built_site", "warm_site"}, "small": {"small_build", "warm_small_site"}}


def generate_small(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth_data import generate

    generate(folder, **SMALL)
    return folder


@pytest.fixture(scope="session")
def small_data(tmp_path_factory) -> Path:
    """The small data, for a test that runs a stage of the build on it (and does not change it)."""
    return generate_small(tmp_path_factory.mktemp("small") / "data")


def _builds_needed(item) -> set[str]:
    names = set(getattr(item, "fixturenames", ()))
    needed = {which for which, fixtures in SITE_FIXTURES.items() if fixtures & names}
    if "build" in names:  # the parametrised fixture: the build of its parameter
        needed.add(item.callspec.params["build"])
    return needed


def pytest_collection_finish(session):
    """Start building the data as soon as the tests are known to need it, in the background: the tests
    that do not need it run meanwhile. With pytest-xdist the workers of a run share each build."""
    for which in set().union(*(_builds_needed(item) for item in session.items)):
        _build_folder(session.config, which, start=True)


def _shared(config) -> Path:
    """The folder every test process of the run sees (with pytest-xdist, the one above each worker's own)."""
    factory = config._tmp_path_factory
    return factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") else factory.getbasetemp()


def _build_folder(config, which: str, start: bool = False) -> Path:
    folder = _shared(config) / f"{which}-build"
    folder.mkdir(parents=True, exist_ok=True)
    if start:
        try:
            (folder / "started").touch(exist_ok=False)  # the first worker to get here builds
        except FileExistsError:
            return folder
        # The small data is written where every worker reads it, and kept until the session's folders go.
        data = generate_small(folder / "data") if which == "small" else DATA
        (folder / "data-folder").write_text(str(data), encoding="utf-8")
        command = [sys.executable, str(ROOT / "build.py"), "--data", str(data), "--site", str(folder / "site"), "--work", str(folder / "work")]
        with open(folder / "stdout", "w") as out, open(folder / "stderr", "w") as err:
            processes = config.__dict__.setdefault("_build_processes", [])
            processes.append(subprocess.Popen(["sh", "-c", '"$@"; echo $? > "$0"', str(folder / "status"), *command],
                                              stdout=out, stderr=err, cwd=ROOT, start_new_session=True))
    return folder


def _finished_build(config, which: str) -> subprocess.CompletedProcess:
    """The build of `which` data, once it is done: its output, `site`, and the `data` folder it read."""
    folder = _build_folder(config, which, start=True)
    deadline = time.monotonic() + 900
    while not (folder / "status").is_file() or not (folder / "status").read_text().strip():
        assert time.monotonic() < deadline, f"the build of the {which} data did not finish"
        time.sleep(0.2)
    result = subprocess.CompletedProcess("build.py", int((folder / "status").read_text()), (folder / "stdout").read_text(encoding="utf-8"),
                                         (folder / "stderr").read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert "Published" in result.stdout
    result.site, result.data = folder / "site", Path((folder / "data-folder").read_text(encoding="utf-8"))
    return result


@pytest.fixture(scope="session")
def first_build(request) -> subprocess.CompletedProcess:
    """The real data built once into a temporary site/, from nothing (its own staging folder and caches)."""
    return _finished_build(request.config, "real")


@pytest.fixture(scope="session")
def small_build(request) -> subprocess.CompletedProcess:
    """The small synthetic data built once, from nothing."""
    return _finished_build(request.config, "small")


@pytest.fixture(scope="session", params=["small", pytest.param("real", marks=pytest.mark.slow)])
def build(request) -> subprocess.CompletedProcess:
    """A whole build, for a test of what every built site must hold: of the small data in the quick suite,
    of the real data too among the slow tests. `build.dataset` is its data, checked."""
    result = _finished_build(request.config, request.param)
    from govreports.pipeline import check

    result.dataset = check(result.data)
    return result


@pytest.fixture
def small_copy(small_build, tmp_path) -> Path:
    """A private copy of the small data that a test may change."""
    return Path(shutil.copytree(small_build.data, tmp_path / "data"))


def edit_row(path: Path, which, **cells) -> dict:
    """Set `cells` in the first row of a CSV file that `which(row)` accepts; returns the row as changed."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if which(r))
    row.update(cells)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return row


@pytest.fixture(scope="session")
def built_site(first_build) -> Path:
    return first_build.site


def warm_copy(build, tmp_path: Path) -> tuple[Path, Path]:
    site, work = tmp_path / "site", tmp_path / "site-work"
    shutil.copytree(build.site, site, symlinks=True)
    shutil.copytree(build.site.parent / "work", work, symlinks=True)
    return site, work


@pytest.fixture
def warm_site(first_build, tmp_path) -> tuple[Path, Path]:
    """A private copy of the built site and of its work folder (staged pages, caches), so that a build
    after a change is the incremental rebuild a reader gets."""
    return warm_copy(first_build, tmp_path)


@pytest.fixture
def warm_small_site(small_build, tmp_path) -> tuple[Path, Path]:
    """The same of the small data's build."""
    return warm_copy(small_build, tmp_path)


def render(data: Path, out: Path, *pages: tuple[str, str], checked=None) -> dict[tuple[str, str], str]:
    """Only the pages named (kind, key), rendered from `data` without MkDocs or search: each page's HTML
    body. Quicker than a build for a test that looks at what a few pages show. `checked`: the data as
    checked, where the test has it (the real data's is made once)."""
    from govreports.pipeline import render_pages
    from govreports.render import pages as kinds

    render_pages(data, out, set(pages), checked=checked or (real_data() if data == DATA else None))
    # A staged page: front matter, a line of JSON for MkDocs (title, head tags …), then the HTML.
    return {(kind, key): (out / kinds.KIND[kind].staged(key)).read_text(encoding="utf-8").split("\n", 4)[4] for kind, key in pages}


def digest(folder: Path, skip=("sitemap.xml", "sitemap.xml.gz")) -> dict[str, str]:
    """Every file of a folder by its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in skip}
