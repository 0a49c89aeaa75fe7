"""The "what changed" page compares the data with the previous version published at the same place."""
import codecs
import csv

import pytest
import yaml
from conftest import edit_row, indicator_row, run_build


@pytest.mark.slow  # a whole build of the small data
def test_a_new_version_lists_new_indicators_values_terms_and_changed_values(small_copy, warm_small_site):
    data, (site, work) = small_copy, warm_small_site
    first = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "No earlier version was published at this address" in first

    meta = (data / "dataset.yml").read_text(encoding="utf-8")
    was = yaml.safe_load(meta)["version"]
    new = f"{was}.1"  # the next version, whatever this one is
    (data / "dataset.yml").write_text(meta.replace(f'version: "{was}"', f'version: "{new}"'), encoding="utf-8")
    with (data / "indicators.csv").open("a", encoding="utf-8") as fh:
        fh.write(indicator_row("test-retail", "测试指标", "Test indicator", "%") + "\n")
    # One value is written without its verb ("增长5.7%左右" becomes "5.7%左右"); a new indicator takes the
    # figure of the same sentence.
    obs, row = next((path, r) for path in sorted((data / "observations").glob("*.csv"))
                    for r in csv.DictReader(path.open(encoding="utf-8")) if r["kind"] == "estimate" and r["value_text"].startswith("增长"))
    was_text, now_text = row["value_text"], row["value_text"].removeprefix("增长")
    edit_row(obs, lambda r: r == row, value_text=now_text)
    with obs.open("a", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerow({**row, "indicator": "test-retail"}.values())
    with (data / "glossary.yml").open("a", encoding="utf-8") as fh:
        fh.write('\n- slug: "ce-shi"\n  term: "测试术语"\n  pinyin: "cè shì shù yǔ"\n  english: "test term"\n  kind: "concept"\n  definitions: []\n')
    # The earlier version as it was published before the CSV files had a byte-order mark: its archive keeps
    # the bytes it was cited with, while the current files get the mark.
    cited = {}
    for path in (site / "data" / "v" / was).glob("*.csv"):
        path.write_bytes(path.read_bytes().removeprefix(codecs.BOM_UTF8))
        cited[path.name] = path.read_bytes()
    assert run_build(data, site, work=work).returncode == 0
    assert cited and {name: (site / "data" / "v" / was / name).read_bytes() for name in cited} == cited
    assert all((site / "data" / "v" / new / name).read_bytes().startswith(codecs.BOM_UTF8) for name in cited)
    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert f"Compared with version <strong>{was}</strong>" in page
    assert 'href="../indicators/test-retail/"' in page
    assert f"{was_text} → {now_text}" in page
    assert 'href="../glossary/ce-shi/"' in page
    assert sorted(p.name for p in (site / "data" / "versions").iterdir()) == sorted([f"{was}.json", f"{new}.json"])
    # Each version keeps its data at its own address, and the indicator page tells the value's history.
    def value_text(version):
        with (site / "data" / "v" / version / "observations.csv").open(encoding="utf-8-sig") as fh:
            return next(r["value_text"] for r in csv.DictReader(fh) if (r["indicator_id"], r["district"], r["year"], r["kind"], r["source"])
                        == (row["indicator"], row["district"], row["year"], row["kind"], row["source"]))
    assert (value_text(was), value_text(new)) == (was_text, now_text)
    indicator = (site / "indicators" / row["indicator"] / "index.html").read_text(encoding="utf-8")
    revisions = indicator.split('id="revisions"')[1].split("</table>")[0]
    assert new in revisions and was_text in revisions and now_text in revisions
    assert f'href="../../versions/{new}/"' in revisions
    # A cited version can be browsed: its page lists the values as they were, and says which changed since.
    old_page = (site / "versions" / was / "index.html").read_text(encoding="utf-8")
    old_row = next(r for r in old_page.split("<tr ")[1:] if f'data-year="{row["year"]}"' in r and f">{was_text}<" in r and row["indicator"] in r)
    assert 'data-now="changed"' in old_row and f"now {now_text}" in old_row
    assert 'data-now="removed"' not in old_page and f'href="../../data/v/{was}/observations.csv"' in old_page
    new_page = (site / "versions" / new / "index.html").read_text(encoding="utf-8")
    assert f'href="../../versions/{was}/">{was}</a>: 1 new values, 1 changed, 0 removed' in new_page and "(the current version)" in new_page
    assert new_page.count('data-now="same"') == new_page.count("<tr data-filter=")
    assert f'href="../versions/{was}/"' in page
    feed = (site / "changes.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2 and feed.index(f"Version {new}") < feed.index(f"Version {was}:")
