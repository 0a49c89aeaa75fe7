"""Two builds at once on one site: the second says so in one line and waits for the first (publish/lock.py)."""
import subprocess
import sys
import time

from conftest import ROOT

from govreports.publish import lock


def test_a_second_build_of_the_same_site_waits_until_the_first_is_done(tmp_path):
    site, work, data = tmp_path / "site", tmp_path / "work", tmp_path / "no-data"
    with lock.exclusive(site, work):
        build = subprocess.Popen([sys.executable, "-u", str(ROOT / "build.py"), "--data", str(data), "--site", str(site), "--work", str(work)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        first = build.stdout.readline()
        assert "Another build" in first and "waiting" in first, first
        time.sleep(0.5)
        assert build.poll() is None  # it waits while the first build holds the site
    out, err = build.communicate(timeout=60)
    # Then it goes ahead: here, with nothing to build from, it stops with its one-line problem.
    assert build.returncode == 1 and "data folder not found" in err, out + err


def test_the_next_build_does_not_wait_while_the_old_site_is_deleted(tmp_path):
    """The old site is deleted by a process of its own after the swap; it must not hold the build's lock,
    or a preview's next rebuild would wait for the deletion."""
    import fcntl

    from govreports.publish import staging

    site, work = tmp_path / "site", tmp_path / "work"
    site.mkdir()
    for n in range(3000):  # enough that deleting it outlasts the check below
        (site / f"{n}.html").write_text("x")
    with lock.exclusive(site, work):
        for _ in range(2):  # the first swap keeps the old site as the spare; the second puts that spare in the trash
            staging.swap(staging.new_output(site, tmp_path / "no-spare")[0], site, work)
    assert any((work / "trash").iterdir())  # still being deleted
    for path in (tmp_path / ".site-build.lock", work / ".lock"):
        with open(path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises BlockingIOError if still held
