"""Open data: a valid Frictionless Data Package, per-indicator downloads, a sitemap."""
import csv
import json
import re

import pytest
import yaml
from conftest import edit_row, run_build


def test_the_data_package_is_valid(build):
    Package = pytest.importorskip("frictionless", reason="the data package is validated with frictionless").Package
    built_site = build.site
    descriptor = built_site / "data" / "datapackage.json"
    report = Package(str(descriptor)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    with (build.data / "sources.csv").open(encoding="utf-8") as fh:
        registered = sum(1 for _ in csv.DictReader(fh))
    assert package["version"] and package["licenses"] and len(package["sources"]) == registered
    # Every table of the downloads is described (and so validated above).
    assert {r["path"] for r in package["resources"]} == {p.name for p in (built_site / "data").glob("*.csv")}


def test_each_indicator_page_links_its_own_csv_and_json(build):
    built_site, iid = build.site, build.dataset.rows[0]["indicator_id"]
    page = (built_site / "indicators" / iid / "index.html").read_text(encoding="utf-8")
    assert f'href="../../data/indicators/{iid}.csv"' in page and f'href="../../data/indicators/{iid}.json"' in page
    rows = list(csv.DictReader((built_site / "data" / "indicators" / f"{iid}.csv").open(encoding="utf-8-sig")))
    record = json.loads((built_site / "data" / "indicators" / f"{iid}.json").read_text(encoding="utf-8"))
    assert len(rows) == len(record["observations"]) == len(build.dataset.records_of(iid))
    assert {r["indicator_id"] for r in rows} == {iid}
    assert all(o["paragraph"] and o["quote"] for o in record["observations"])
    assert all(o["value"] is None or isinstance(o["value"], float) for o in record["observations"])  # numbers, not text
    assert [o["value_text"] for o in record["observations"]] == [r["value_text"] for r in rows]


@pytest.mark.slow  # a whole build of the small data
def test_a_site_with_an_address_has_a_sitemap_of_every_page(small_copy, tmp_path):
    data, site, address = small_copy, tmp_path / "site", "https://reports.example.org/"
    path = data / "dataset.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('site_url: ""', f'site_url: "{address}"'), encoding="utf-8")
    assert run_build(data, site).returncode == 0
    listed = set(re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    folders = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    # Every page but the embeds, which are made to be framed in other sites' pages.
    assert listed == {address + (f"{f}/" if f != "." else "") for f in folders if not f.endswith("/embed")}
    assert f"Sitemap: {address}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    # A rebuild after one change gives MkDocs that page alone (and the navigation's): the sitemap still lists them all.
    sitemap = (site / "sitemap.xml").read_bytes()
    edit_row(sorted((data / "observations").glob("*.csv"))[0], lambda row: True, note="Checked again.")
    rebuilt = run_build(data, site)
    assert "1 files changed; " in rebuilt.stdout and "unchanged pages carried over" in rebuilt.stdout, rebuilt.stdout
    assert (site / "sitemap.xml").read_bytes() == sitemap
    term = next(t["slug"] for t in yaml.safe_load((data / "glossary.yml").read_text(encoding="utf-8")))
    cite = json.loads((site / "glossary" / term / "cite.json").read_text(encoding="utf-8"))[0]
    assert cite["URL"] == f"{address}glossary/{term}/"
