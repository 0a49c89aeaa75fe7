"""The staging folder keeps a file's time when its bytes did not change: MkDocs and the search index then
leave its page alone. A change anywhere in a large download must still be written."""
import os

from govreports.publish import staging


def _stage(tmp_path, files: dict[str, bytes]):
    fresh, stage = tmp_path / "fresh", tmp_path / "stage"
    for root in (fresh, stage):
        (root / "data").mkdir(parents=True)
    for rel, content in files.items():
        (stage / rel).write_bytes(content)
        os.utime(stage / rel, (1, 1))
    return fresh, stage


def test_sync_writes_a_file_whose_bytes_changed_far_into_it_and_keeps_the_time_of_one_that_did_not(tmp_path):
    big = os.urandom(3 << 20)  # past the blocks the comparison reads at a time
    changed_late = big[:-1] + bytes([big[-1] ^ 1])
    fresh, stage = _stage(tmp_path, {"data/big.sqlite": big, "data/same.csv": big, "data/linked.json": b"{}"})
    (fresh / "data" / "big.sqlite").write_bytes(changed_late)
    (fresh / "data" / "same.csv").write_bytes(big)
    os.link(stage / "data" / "linked.json", fresh / "data" / "linked.json")  # as a version's archived downloads are

    changed = staging.sync(fresh, stage, within="data")

    assert changed == {os.path.join("data", "big.sqlite")}
    assert (stage / "data" / "big.sqlite").read_bytes() == changed_late
    assert os.stat(stage / "data" / "same.csv").st_mtime == 1
    assert os.stat(stage / "data" / "linked.json").st_mtime == 1


def test_sync_removes_a_staged_file_that_is_neither_fresh_nor_kept(tmp_path):
    fresh, stage = _stage(tmp_path, {"data/old.csv": b"a", "data/kept.csv": b"b"})

    changed = staging.sync(fresh, stage, kept={os.path.join("data", "kept.csv")}, within="data")

    assert changed == {os.path.join("data", "old.csv")}
    assert sorted(p.name for p in (stage / "data").iterdir()) == ["kept.csv"]
