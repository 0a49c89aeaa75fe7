"""Rebuilds: skipped when nothing changed; after a change, only what changed is rebuilt, and the
result is the same as a full build."""
import re
import shutil

import pytest
from conftest import ROOT, digest, edit_row, lend_images, run_build

from govreports.pipeline import check
from govreports.publish import staging
from govreports.render import pagecache


def edit_note(path, which, text) -> str:
    """Give the first row of an observations file that `which` accepts a note; returns its indicator."""
    return edit_row(path, which, note=text)["indicator"]


def note_retail_sales(data, text) -> None:
    """A note on the real data's retail sales target of 渝中区's 2025 plan report."""
    edit_note(data / "observations" / "yuzhong-2025-plan-report.csv", lambda row: row["indicator"] == "retail-sales-growth", text)


def test_a_rebuild_with_nothing_changed_is_skipped_and_a_change_is_not(small_build, small_copy, warm_small_site):
    data = small_copy
    for stage in (f"checked {len(check(data).indicators)} indicators", "rendered", "MkDocs wrote the HTML", "indexed the pages for search"):
        assert stage in small_build.stdout  # progress, stage by stage
    site, work = warm_small_site
    stamp = (site / "index.html").stat().st_mtime_ns
    again = run_build(data, site, work=work)
    assert again.returncode == 0
    assert again.stdout.startswith("Nothing changed since the last build") and "Published" not in again.stdout
    assert (site / "index.html").stat().st_mtime_ns == stamp
    # Every page is remembered by its key, whichever process rendered it: a rebuild renders only what changed.
    keyed = pagecache.saved_keys(work / "cache" / "pages.marshal")
    checked = check(data)
    assert {f"indicator {i}" for i in checked.indicators} | {f"term {t}" for t in checked.terms} <= keyed.keys()
    path = sorted((data / "observations").glob("*.csv"))[0]
    indicator = edit_note(path, lambda row: True, "A note added after the first build.")
    changed = run_build(data, site, work=work)
    assert "Published" in changed.stdout
    # A note is not on the indicators' index, which is its own key: it is not rendered again.
    assert pagecache.saved_keys(work / "cache" / "pages.marshal")["indicators "] == keyed["indicators "]
    assert "; 0 chart images drawn anew" in changed.stdout  # a note is not in the chart: its image is not drawn again
    assert "A note added after the first build." in (site / "indicators" / indicator / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow  # a whole build of the small data
def test_a_rebuild_after_one_change_equals_a_full_build(small_copy, warm_small_site, tmp_path):
    (site, work), full, data = warm_small_site, tmp_path / "full", small_copy
    edit_note(sorted((data / "observations").glob("*.csv"))[-1], lambda row: True, "Checked again.")
    partial = run_build(data, site, work=work)
    assert partial.returncode == 0, partial.stderr
    # Only the changed page is rendered, rebuilt by MkDocs and indexed for search again.
    assert "1 files changed; " in partial.stdout and "unchanged files not rendered again" in partial.stdout, partial.stdout
    assert "unchanged pages carried over" in partial.stdout and re.search(r"\(1 of \d+ shards anew\)", partial.stdout), partial.stdout
    assert digest(site) == digest(forced_build(data, full))


@pytest.mark.slow  # five whole builds of the small data
def test_rebuilds_write_no_file_of_the_site_they_replace(small_copy, warm_small_site, tmp_path):
    """A rebuild starts from the site the last one replaced, the spare, whose unchanged files (its search index's and
    its chart images too) are links to the published site's files: it writes only new files, never through those links.
    A rebuild with --force first links the unchanged search index into the new site; the spare the next rebuild starts
    from then holds links to the published index, which each change of an indicator's English name makes search write
    anew. Last, a term is removed, whose card's image that spare holds: the image goes with its page."""
    (site, work), data = warm_small_site, small_copy
    for n, edit in enumerate(["", "name", "name", "term"]):
        published = digest(site)
        if edit == "name":
            edit_row(data / "indicators.csv", lambda row: True, name_en=f"Renamed indicator {n}")
        elif edit == "term":
            terms = remove_a_term(data)
        result = run_build(data, site, *([] if edit else ["--force"]), work=work)
        assert result.returncode == 0, result.stderr
        assert re.search(r"\((\d+) of \1 shards anew\)" if edit else r"\(0 of \d+ shards anew\)", result.stdout), result.stdout
        assert digest(work / staging.SPARE) == published  # the site it replaced, as it was published
    assert_removed(site, terms)
    assert digest(site) == digest(forced_build(data, tmp_path / "full"))


def forced_build(data, site, images=None):
    """A full build from nothing, in a work folder of its own; with the chart `images` an earlier build drew, if given."""
    if images:
        lend_images(images, site.parent / f"{site.name}-work")
    forced = run_build(data, site, "--force")
    assert forced.returncode == 0 and "carried over" not in forced.stdout and "not rendered again" not in forced.stdout
    assert re.search(r"\((\d+) of \1 shards anew\)", forced.stdout), forced.stdout
    return site


@pytest.mark.slow
def test_rebuilds_after_values_are_removed_and_restored_equal_full_builds(first_build, data_copy, warm_site, tmp_path):
    """Removing the estimates that judge a target changes the indicator's page, its downloads, the
    scoreboard, the counts on the home, index and source pages and the source's coverage."""
    site, work = warm_site
    path = data_copy / "observations" / "yuzhong-2025-plan-report.csv"
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    estimates = [line for line in lines if line.startswith("retail-sales-growth,yuzhong,2024,estimate,")]
    assert estimates  # in the annex tables and in the text
    path.write_text("".join(line for line in lines if line not in estimates), encoding="utf-8")
    removed = run_build(data_copy, site, work=work)
    assert removed.returncode == 0, removed.stderr
    assert "unchanged files not rendered again" in removed.stdout
    # Only the charts that changed are drawn again: the indicator's, and the scoreboard's if its counts moved.
    drawn = int(re.search(r"; (\d+) chart images drawn anew", removed.stdout).group(1))
    assert 1 <= drawn <= 2, removed.stdout
    [a] = [a for a in check(data_copy).assessments if (a.indicator, a.district, a.year) == ("retail-sales-growth", "yuzhong", 2024)]
    assert a.outcome is None and a.rule_status == "no-result"  # no figure left: only the report's own verdict settles it
    assert a.status == a.verdict["verdict"] == "missed"
    before = [line for line in first_build.stdout.splitlines() if line.startswith("Targets for 2024 in yuzhong")]
    assert before and before[0] in removed.stdout  # the scoreboard counts are the same: the verdict stands in for the figure
    assert digest(site) == digest(forced_build(data_copy, tmp_path / "full-removed", images=work / "cache" / "images"))
    path.write_text(original, encoding="utf-8")
    assert (work / staging.SPARE).is_dir()  # the site replaced, which the next build starts from instead of an empty folder
    restored = run_build(data_copy, site, work=work)
    assert restored.returncode == 0, restored.stderr
    assert digest(site) == digest(first_build.site)  # the data is as it was first built
    assert not [d for d in site.rglob("*") if d.is_dir() and not any(d.iterdir())]  # nor an empty folder left from the spare


def test_cached_pages_see_only_what_does_not_come_from_the_observations(data_copy):
    """A cached page is rendered again only when its key changes, and its key covers the
    observations only through what the page is given. So the dataset its templates see has none."""
    import jinja2

    from govreports import pipeline
    from govreports.render import engine as render

    data = pipeline.check(data_copy)
    env = render._environment(ROOT / "templates", data)
    for name in ("observations", "rows", "assessments", "scoreboard", "coverage", "differences", "tasks"):
        with pytest.raises(jinja2.UndefinedError):
            env.from_string(f"{{{{ data.{name}|length }}}}").render()
    assert env.from_string("{{ data.indicators|length }} {{ data.terms|length }}").render() == f"{len(data.indicators)} {len(data.terms)}"
    # Agencies are there for their names; the tasks they lead name indicators found through the observations.
    assert all(not a.leads and not a.shares for a in env.globals["data"].agencies.values())


@pytest.mark.slow  # a whole build of the small data
def test_a_term_that_is_removed_leaves_no_page_behind(small_copy, warm_small_site):
    site, work = warm_small_site
    terms = remove_a_term(small_copy)
    rebuilt = run_build(small_copy, site, work=work)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "carried over" in rebuilt.stdout
    assert_removed(site, terms)


def remove_a_term(data) -> tuple[dict, list[dict]]:
    """Remove from the glossary a term no other entry refers to; returns it and the terms there were."""
    import yaml

    path = data / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    terms = yaml.safe_load(text)
    gone = next(t for t in terms if text.count(t["slug"]) == 1)
    path.write_text(yaml.safe_dump([t for t in terms if t is not gone], allow_unicode=True, sort_keys=False), encoding="utf-8")
    return gone, terms


def assert_removed(site, terms: tuple[dict, list[dict]]) -> None:
    gone, all_terms = terms
    assert not (site / "glossary" / gone["slug"]).exists(), list((site / "glossary" / gone["slug"]).rglob("*"))  # its images too
    assert all((site / "glossary" / t["slug"] / "index.html").exists() for t in all_terms if t is not gone)


def test_mkdocs_reads_a_mirror_of_the_pages_and_the_files_they_may_link_to(tmp_path):
    """What MkDocs reads (mkdocs_site.what_mkdocs_reads) follows the staged folder: a page that is added, changed
    or removed there is so in the mirror, which holds links, never the staged files MkDocs has no use for."""
    from govreports.publish import mkdocs_site

    stage, docs = tmp_path / "docs", tmp_path / "mkdocs"
    files = {"index.md": "home", "indicators/gdp.md": "gdp", "indicators/gdp/cite.bib": "@misc{}", "assets/site.css": "body{}",
             "data/observations.csv": "id", "glossary/old.md": "old"}
    for rel, text in files.items():
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage / rel).write_text(text, encoding="utf-8")
    mkdocs_site._mirror(stage, docs, mkdocs_site.what_mkdocs_reads)
    (stage / "glossary" / "old.md").unlink()
    (stage / "glossary").rmdir()
    (stage / "indicators" / "gdp.md.new").write_text("gdp, changed", encoding="utf-8")
    (stage / "indicators" / "gdp.md.new").replace(stage / "indicators" / "gdp.md")  # as staging.sync writes
    mkdocs_site._mirror(stage, docs, mkdocs_site.what_mkdocs_reads)
    mirrored = sorted(str(p.relative_to(docs)) for p in docs.rglob("*"))
    assert mirrored == ["assets", "assets/site.css", "data", "data/observations.csv", "index.md", "indicators", "indicators/gdp.md"]
    assert all((docs / rel).samefile(stage / rel) for rel in mirrored if (docs / rel).is_file())
    assert (docs / "indicators" / "gdp.md").read_text(encoding="utf-8") == "gdp, changed"


def test_the_page_cache_keys_pages_by_content_and_spells_out_a_shared_part_once(tmp_path, monkeypatch):
    """An indicator's rows are a part of the inputs of several pages: they are spelled out once per build, and
    a page's key follows what its parts hold, not which objects they are (nor whether one object is held twice)."""

    spell, spelled = pagecache.spelled_out, []
    monkeypatch.setattr(pagecache, "spelled_out", lambda part: spelled.append(part) or spell(part))

    def key(*inputs, cache=None):
        cache = cache or pagecache.PageCache(tmp_path / "pages.marshal", tmp_path, "shared")
        cache.current("indicator gdp", inputs, ["indicators/gdp.md"])
        return cache.now["indicator gdp"][0]

    rows, cache = [{"id": "gdp-1", "value": 1}], pagecache.PageCache(tmp_path / "pages.marshal", tmp_path, "shared")
    first = key(rows, [], cache=cache)
    cache.current("compare gdp", (rows, []), ["compare/gdp.md"])
    assert sum(part is rows for part in spelled) == 1
    assert key([{"id": "gdp-1", "value": 1}], []) == first
    assert key([{"id": "gdp-1", "value": 2}], []) != first
    row = {"id": "gdp-1", "value": 1}
    assert key([row, row], []) == key([row, dict(row)], [])


def test_a_rebuild_takes_the_pinyin_of_names_it_has_seen_from_its_kept_results(small_data, tmp_path, monkeypatch):
    """pypinyin (0.16 s to import, a quarter of a millisecond a name) is needed only for a name no build has seen."""
    import json
    import sys

    from conftest import render

    out = tmp_path / "out"
    first = render(small_data, out, ("indicators", ""))
    kept = [json.loads(key) for key in json.loads((out / ".cache" / "kept.json").read_text(encoding="utf-8"))]
    assert {name for made_by, name in kept if made_by.startswith("pypinyin ")} == {i.name_zh for i in check(small_data).indicators.values()}
    monkeypatch.setitem(sys.modules, "pypinyin", None)  # an import of it would now fail
    written = (out / ".cache" / "kept.json").stat().st_mtime_ns
    assert render(small_data, out, ("indicators", "")) == first
    assert (out / ".cache" / "kept.json").stat().st_mtime_ns == written  # nothing new was made: the file is not written again


def test_the_tables_of_the_whole_dataset_are_written_again_only_when_a_value_of_theirs_changed(small_data, tmp_path):
    """A note is in no download: after a note is edited, the workbook (20 s at 10,000 indicators) is kept."""
    from govreports.publish import downloads
    from govreports.render.pagecache import PageCache

    data, out = shutil.copytree(small_data, tmp_path / "data"), tmp_path / "out"

    def write(reuse: bool = True) -> None:
        cache = PageCache(tmp_path / "pages.marshal", out, "shared", reuse=reuse)
        downloads.write_downloads(check(data), out, cache)
        cache.save()

    write()
    book = out / "data" / downloads.WORKBOOK
    book.write_bytes(b"as written by the first build")
    # A build with --force keeps them too, and each indicator's files: their keys spell out what they hold.
    [csv_file] = sorted((out / "data" / "indicators").glob("*.csv"))[:1]
    csv_file.write_bytes(b"as written by the first build")
    write(reuse=False)
    assert book.read_bytes() == csv_file.read_bytes() == b"as written by the first build"
    edit_note(sorted((data / "observations").glob("*.csv"))[0], lambda row: True, "A note, which no table holds.")
    write()
    assert book.read_bytes() == b"as written by the first build"
    indicator = edit_row(data / "indicators.csv", lambda row: True, name_en="A name the tables hold")["id"]
    write()
    assert book.read_bytes().startswith(b"PK")  # an xlsx file, written again
    assert "A name the tables hold" in (out / "data" / "indicators.csv").read_text(encoding="utf-8-sig"), indicator
