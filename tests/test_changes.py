"""The "what changed" page compares the data with the previous version published at the same place."""
import codecs

import pytest
import yaml
from conftest import indicator_row, run_build

OBS = "observations/yuzhong-2019-work-report.csv"


@pytest.mark.slow
def test_a_new_version_lists_new_indicators_values_terms_and_changed_values(data_copy, warm_site):
    site, work = warm_site
    first = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "No earlier version was published at this address" in first

    meta = (data_copy / "dataset.yml").read_text(encoding="utf-8")
    was = yaml.safe_load(meta)["version"]
    new = f"{was}.1"  # the next version, whatever this one is
    (data_copy / "dataset.yml").write_text(meta.replace(f'version: "{was}"', f'version: "{new}"'), encoding="utf-8")
    with (data_copy / "indicators.csv").open("a", encoding="utf-8") as fh:
        fh.write(indicator_row("test-retail", "测试指标", "Test indicator", "%") + "\n")
    with (data_copy / OBS).open("a", encoding="utf-8") as fh:
        fh.write("test-retail,yuzhong,2018,estimate,8.5,about,增长8.5%左右,%,yuzhong-2019-work-report,社会消费品零售总额增长8.5%左右,,\n")
    text = (data_copy / OBS).read_text(encoding="utf-8")
    old = "gdp-growth,yuzhong,2018,estimate,1,about,增长1%左右,"
    assert old in text
    (data_copy / OBS).write_text(text.replace(old, "gdp-growth,yuzhong,2018,estimate,1,about,1%左右,"), encoding="utf-8")
    with (data_copy / "glossary.yml").open("a", encoding="utf-8") as fh:
        fh.write('\n- slug: "ce-shi"\n  term: "测试术语"\n  pinyin: "cè shì shù yǔ"\n  english: "test term"\n  kind: "concept"\n  definitions: []\n')
    # The earlier version as it was published before the CSV files had a byte-order mark: its archive keeps
    # the bytes it was cited with, while the current files get the mark.
    cited = {}
    for path in (site / "data" / "v" / was).glob("*.csv"):
        path.write_bytes(path.read_bytes().removeprefix(codecs.BOM_UTF8))
        cited[path.name] = path.read_bytes()
    assert run_build(data_copy, site, work=work).returncode == 0
    assert cited and {name: (site / "data" / "v" / was / name).read_bytes() for name in cited} == cited
    assert all((site / "data" / "v" / new / name).read_bytes().startswith(codecs.BOM_UTF8) for name in cited)
    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert f"Compared with version <strong>{was}</strong>" in page
    assert 'href="../indicators/test-retail/"' in page
    assert "增长1%左右 → 1%左右" in page
    assert 'href="../glossary/ce-shi/"' in page
    assert sorted(p.name for p in (site / "data" / "versions").iterdir()) == sorted([f"{was}.json", f"{new}.json"])
    # Each version keeps its data at its own address, and the indicator page tells the value's history.
    assert ",增长1%左右," in (site / "data" / "v" / was / "observations.csv").read_text(encoding="utf-8")  # the value_text column
    assert ",增长1%左右," not in (site / "data" / "v" / new / "observations.csv").read_text(encoding="utf-8-sig")
    indicator = (site / "indicators" / "gdp-growth" / "index.html").read_text(encoding="utf-8")
    revisions = indicator.split('id="revisions"')[1].split("</table>")[0]
    assert new in revisions and "增长1%左右" in revisions and "1%左右" in revisions
    assert f'href="../../versions/{new}/"' in revisions
    # A cited version can be browsed: its page lists the values as they were, and says which changed since.
    old_page = (site / "versions" / was / "index.html").read_text(encoding="utf-8")
    row = next(r for r in old_page.split("<tr ")[1:] if 'data-year="2018"' in r and ">增长1%左右<" in r and "gdp-growth" in r)
    assert 'data-now="changed"' in row and "now 1%左右" in row
    assert 'data-now="removed"' not in old_page and f'href="../../data/v/{was}/observations.csv"' in old_page
    new_page = (site / "versions" / new / "index.html").read_text(encoding="utf-8")
    assert f'href="../../versions/{was}/">{was}</a>: 1 new values, 1 changed, 0 removed' in new_page and "(the current version)" in new_page
    assert new_page.count('data-now="same"') == new_page.count("<tr data-filter=")
    assert f'href="../versions/{was}/"' in page
    feed = (site / "changes.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2 and feed.index(f"Version {new}") < feed.index(f"Version {was}:")
