"""Property: whatever the data files hold, checking them either succeeds or raises DataError.

The data is a small but complete copy (one report, two indicators, one term) so that each
generated example checks in milliseconds.
"""
import csv
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import DATA

from govreports.errors import DataError
from govreports.load.read import TABLES
from govreports.pipeline import check

SOURCE = "yuzhong-2019-work-report"
FILES = [f"observations/{SOURCE}.csv", "indicators.csv", "sources.csv", "glossary.yml", "units.csv", "dataset.yml", "tasks.csv"]


def rows_of(name, keep):
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return [rows[0]] + [r for r in rows[1:] if keep(r)]


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny") / "data"
    (root / "texts").mkdir(parents=True)
    (root / "observations").mkdir()
    for name in [*TABLES, "dataset.yml"]:  # every table (the vocabularies whole), then the rest cut down below
        shutil.copy(DATA / name, root / name)
    shutil.copy(DATA / "texts" / f"{SOURCE}.txt", root / "texts")
    write_rows(root / "sources.csv", rows_of("sources.csv", lambda r: r[0] == SOURCE))
    write_rows(root / "indicators.csv", rows_of("indicators.csv", lambda r: r[0] in ("gdp", "gdp-growth")))
    write_rows(root / f"observations/{SOURCE}.csv", rows_of(f"observations/{SOURCE}.csv", lambda r: r[0] in ("gdp", "gdp-growth")))
    write_rows(root / "tasks.csv", rows_of("tasks.csv", lambda r: False))
    for name in ["glossary-ignore.csv", "glossary-versions.csv", "status-overrides.csv", "agencies.csv", "verdicts.csv", "synonyms.csv", "series-breaks.csv", "measure-pairs.csv"]:
        write_rows(root / name, rows_of(name, lambda r: False))
    (root / "glossary.yml").write_text(
        '- slug: "yi-wen-san-zhua-wu-cu"\n  term: "一稳三抓五促"\n  pinyin: "yī wěn sān zhuā wǔ cù"\n'
        '  english: "x"\n  kind: "slogan"\n  definitions: []\n', encoding="utf-8")
    check(root)  # the tiny copy is valid to begin with
    return root


def test_checking_any_data_raises_only_data_errors(tiny, tmp_path_factory):
    # Hypothesis is imported here, by the one test process that runs this, not by every one that collects it.
    pytest.importorskip("hypothesis", reason="the property tests need Hypothesis")
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from hypothesis.configuration import set_hypothesis_home_dir

    # Hypothesis keeps its files (a cache of the code's constants that saves it seconds a run) outside the checkout.
    set_hypothesis_home_dir(str(Path(tempfile.gettempdir()) / "govreports-tests-hypothesis"))
    edits = st.one_of(
        st.tuples(st.just("replace"), st.text(max_size=200)),
        st.tuples(st.just("insert"), st.text(alphabet=st.sampled_from(list(',"\n\r\t:-[]{}#&*!|>\'%@` 0123456789年亿元左右')), max_size=30)),
        st.tuples(st.just("bytes"), st.binary(max_size=100)),
    )

    # One copy, each example's edit undone after it: a copy of the folder an example took longer than its check.
    data = tmp_path_factory.mktemp("case") / "data"
    shutil.copytree(tiny, data)

    @settings(max_examples=150, deadline=None, database=None)
    @given(name=st.sampled_from(FILES), edit=edits, position=st.floats(0, 1))
    def check_edited(name, edit, position):
        path = data / name
        original = path.read_bytes()
        at = int(len(original) * position)
        kind, stuff = edit
        if kind == "replace":
            path.write_text(stuff, encoding="utf-8")
        elif kind == "insert":
            path.write_bytes(original[:at] + stuff.encode("utf-8") + original[at:])
        else:
            path.write_bytes(original[:at] + stuff + original[at:])
        try:
            check(data)
        except DataError as e:
            assert e.problems and all(str(p) for p in e.problems)
        finally:
            path.write_bytes(original)

    check_edited()
