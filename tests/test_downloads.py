"""Downloads that open anywhere (issue 25): CSV files Excel reads as UTF-8, the whole dataset as one
workbook and as one SQLite database, all read back with the tools a reader would use."""
import codecs
import json
import sqlite3

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def site(build):
    return build.site


@pytest.fixture(scope="module")
def dataset(build):
    return build.dataset


@pytest.fixture(scope="module")
def package(site):
    return json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))


def current_csv_files(site):
    """Every CSV of the current version: the data folder but the archives of versions (data/v/)."""
    return sorted(p for p in (site / "data").rglob("*.csv") if "v" not in p.relative_to(site / "data").parts[:1])


def test_every_csv_starts_with_a_byte_order_mark_and_pandas_reads_it(site, dataset):
    files = current_csv_files(site)
    assert len(files) >= len(dataset.indicators) // 2
    for path in files:
        assert path.read_bytes().startswith(codecs.BOM_UTF8), path
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert not frame.columns[0].startswith("\ufeff"), path  # the mark is read as a signature, not as a column name
    observations = pd.read_csv(site / "data" / "observations.csv", dtype=str, keep_default_na=False)
    assert len(observations) == len(dataset.rows)
    assert set(observations["indicator_zh"]) >= {i.name_zh for i in dataset.indicators.values() if dataset.records_of(i.id)}


def test_frictionless_reads_every_table_of_the_package_and_sample_indicator_files(site, package, dataset):
    """The package as a whole is validated in test_open_data; here each table reads with its Chinese intact."""
    from frictionless import Package, Resource  # imported here: at the top it took every test process 0.17 s

    whole = Package(str(site / "data" / "datapackage.json"))
    tables = {r["name"]: whole.get_resource(r["name"]).read_rows() for r in package["resources"]}
    assert len(tables["observations"]) == len(dataset.rows) and len(tables["glossary"]) == len(dataset.terms)
    assert {r["indicator_id"]: r["name_zh"] for r in tables["indicators"]} == {i.id: i.name_zh for i in dataset.indicators.values()}
    for path in sorted((site / "data" / "indicators").glob("*.csv"))[::40]:
        rows = Resource(str(path)).read_rows()
        assert rows and {r["indicator_id"] for r in rows} == {path.stem}, path


@pytest.mark.slow
def test_frictionless_reads_every_csv(first_build):
    from frictionless import Resource

    for path in current_csv_files(first_build.site):
        assert Resource(str(path)).read_rows(), path


def test_the_workbook_has_a_readme_and_a_sheet_per_table(site, package, dataset):
    import openpyxl

    path = site / "data" / "dataset.xlsx"
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["README"] + [r["name"] for r in package["resources"]]
    readme = {row[0]: row[1] for row in book["README"].iter_rows(values_only=True)}
    meta = dataset.meta
    assert meta["version"] in readme["版本 Version"] and meta["licence"] in readme["许可 Licence"]
    assert meta["version"] in readme["引用 How to cite"] and "Source" in " ".join(readme)
    sheets = pd.read_excel(path, sheet_name=None)
    for resource in package["resources"]:
        csv = pd.read_csv(site / "data" / resource["path"], dtype=str, keep_default_na=False)
        assert list(sheets[resource["name"]].columns) == list(csv.columns), resource["name"]
        assert len(sheets[resource["name"]]) == len(csv), resource["name"]
    # A value a row lacks is a blank cell, as Excel's ISBLANK and COUNTBLANK take it, not an empty text.
    assert not any(cell == "" for name in book.sheetnames[1:] for row in book[name].iter_rows(values_only=True) for cell in row)
    observations = sheets["observations"]
    assert len(observations) == len(dataset.rows)
    assert observations["value"].dtype == float and observations["year"].dtype == int  # numbers, not text
    assert set(sheets["indicators"]["name_zh"]) == {i.name_zh for i in dataset.indicators.values()}


def test_the_database_joins_targets_to_indicators_and_searches_the_quotes(site, dataset):
    db = sqlite3.connect(site / "data" / "dataset.sqlite")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    joined = db.execute("""SELECT t.indicator_id, i.name_en, t.year, t.status, o.quote FROM targets t
                           JOIN indicators i ON i.indicator_id = t.indicator_id JOIN observations o ON o.id = t.target_id""").fetchall()
    assert len(joined) == len(dataset.assessments)
    assert {(iid, name) for iid, name, *_ in joined} == {(a.indicator, dataset.indicators[a.indicator].name_en) for a in dataset.assessments}
    # Any three characters of a quote find every value whose quote holds them, as LIKE would.
    words = dataset.rows[0]["quote"][2:6]
    found = db.execute("SELECT o.id FROM observations_fts JOIN observations o ON o.rowid = observations_fts.rowid "
                       "WHERE observations_fts MATCH ?", [f'"{words}"']).fetchall()
    assert len(found) == sum(words in r["quote"] for r in dataset.rows) >= 1
    definition = next(d.quote for t in dataset.terms.values() for d in t.definitions)[:5]
    slugs = db.execute("SELECT g.slug FROM glossary_definitions_fts f JOIN glossary_definitions d ON d.rowid = f.rowid "
                       "JOIN glossary g ON g.slug = d.slug WHERE glossary_definitions_fts MATCH ?", [f'"{definition}"']).fetchall()
    assert slugs and all(any(definition in d.quote for d in dataset.terms[s].definitions) for (s,) in slugs)
    about = dict(db.execute("SELECT key, value FROM about"))
    assert dataset.meta["licence"] in about["许可 Licence"] and dataset.meta["version"] in about["引用 How to cite"]
