"""The staging folder keeps a file's time when its bytes did not change: MkDocs and the search index then
leave its page alone. A change anywhere in a large download must still be written."""
import os

import pytest

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


@pytest.mark.parametrize("known", [False, True], ids=["walked", "known"])
def test_prune_removes_what_is_not_wanted_and_the_folders_it_leaves_empty_but_the_folder_left_alone(tmp_path, known):
    """Whether it walks the stage or is told what the stage holds (as the build is, by the walk of its linking process)."""
    files = ["index.md", "indicators/gdp.md", "indicators/gone.md", "indicators/gone/embed/index.html", "old/deep/page.md",
             "data/observations.csv", "data/indicators/gone.csv"]
    stage = tmp_path / "stage"
    for rel in files:
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage / rel).write_text(rel, encoding="utf-8")
    wanted = {os.path.join(*rel.split("/")) for rel in ("index.md", "indicators/gdp.md")}

    removed = staging.prune(stage, wanted, leave="data", present=[os.path.join(*rel.split("/")) for rel in files] if known else None)

    assert removed == {os.path.join(*rel.split("/")) for rel in ("indicators/gone.md", "indicators/gone/embed/index.html", "old/deep/page.md")}
    left = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*"))
    assert left == ["data", "data/indicators", "data/indicators/gone.csv", "data/observations.csv", "index.md", "indicators", "indicators/gdp.md"]
    # Nothing left alone: the data files go too, and their folder.
    present = [os.path.join(*p.relative_to(stage).parts) for p in stage.rglob("*") if p.is_file()]
    staging.prune(stage, wanted, present=present if known else None)
    assert sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*")) == ["index.md", "indicators", "indicators/gdp.md"]
