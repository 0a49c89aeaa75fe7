"""Safe and reproducible output: text is escaped, two builds are identical, publishing is atomic."""
import hashlib
import os
import shutil
import subprocess
import sys

import pytest
from conftest import DATA, ROOT, digest, lend_images, render, run_build

SCRIPT = '<script>alert("x")</script>'


def test_html_in_data_and_sources_is_shown_as_text(data_copy, tmp_path):
    source = "yuzhong-2019-work-report"
    text = data_copy / "texts" / f"{source}.txt"
    paragraph = f"测试段落：{SCRIPT}<b>粗体</b>，空气质量优良天数达到999天。"
    text.write_text(text.read_text(encoding="utf-8") + "\n" + paragraph + "\n", encoding="utf-8")
    with (data_copy / "observations" / f"{source}.csv").open("a", encoding="utf-8") as fh:
        fh.write(f'air-quality-days,yuzhong,2018,result,999,,999天,天,{source},"{paragraph.replace(chr(34), chr(34) * 2)}",,"note with {SCRIPT.replace(chr(34), chr(34) * 2)}"\n')
    with (data_copy / "glossary.yml").open("a", encoding="utf-8") as fh:
        fh.write(f"""
- slug: "ce-shi"
  term: '测试段落：{SCRIPT}'
  pinyin: "cè shì"
  english: '{SCRIPT} test'
  kind: "concept"
  definitions:
    - source: {source}
      quote: '{paragraph}'
""")
    bodies = render(data_copy, tmp_path, ("indicator", "air-quality-days"), ("term", "ce-shi"), ("source", source), ("glossary", ""))
    pages = dict(zip(["indicator", "term", "source", "glossary index"], bodies.values()))
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert "<b>粗体</b>" not in html, name
        assert "&lt;script&gt;alert" in html or "\\u003cscript>alert" in html, name
    assert "&lt;b&gt;粗体&lt;/b&gt;" in pages["source"]
    assert "note with &lt;script&gt;" in pages["indicator"]


@pytest.mark.slow
def test_two_builds_from_the_same_inputs_are_identical(built_site, tmp_path):
    """Byte for byte, apart from the sitemap, whose lastmod dates are the day of the build. The second
    build starts from nothing: its own staging folder and caches, so nothing is carried over but the chart
    images, drawn again only where a chart's picture differs (test_take_away_charts draws them)."""
    again = tmp_path / "site"
    lend_images(built_site.parent / "work" / "cache" / "images", tmp_path / "own-work")
    assert run_build(DATA, again, work=tmp_path / "own-work").returncode == 0
    assert digest(again) == digest(built_site)


@pytest.mark.slow  # a whole build of the small data
def test_a_build_on_one_core_writes_the_same_site(small_build, tmp_path):
    """The pages are shared out among the cores, each process taking the next as it is ready (parallel.share), so
    which process renders a page differs from build to build: a build on one core, where one process does it all,
    writes the same site byte for byte."""
    work = tmp_path / "work"
    lend_images(small_build.site.parent / "work" / "cache" / "images", work)
    one_core = subprocess.run([sys.executable, str(ROOT / "build.py"), "--data", str(small_build.data), "--site", str(tmp_path / "site"),
                               "--work", str(work)], capture_output=True, text=True, cwd=ROOT,
                              preexec_fn=lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}))
    assert one_core.returncode == 0, one_core.stderr
    assert digest(tmp_path / "site") == digest(small_build.site)


def publish_earlier(tmp_path):
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("published earlier", encoding="utf-8")
    return site


def a_copy_of_the_code(tmp_path):
    """The code, templates, content and MkDocs configuration (which names its hooks in govreports/), for a test to break."""
    root = tmp_path / "repo"
    for name in ("govreports", "templates", "content"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def left_as_it_was(site):
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # no temporary folder left beside it
    return digest(site) == {"index.html": hashlib.sha256(b"published earlier").hexdigest()}


def test_a_broken_template_stops_the_build_with_its_name_and_line(small_data, tmp_path):
    from govreports.errors import BuildError
    from govreports.pipeline import run

    root = a_copy_of_the_code(tmp_path)
    template = root / "templates" / "home.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines[2] += "{{ no_such_variable.x }}"
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = publish_earlier(tmp_path)
    with pytest.raises(BuildError) as e:
        run(small_data, site, root=root, work=tmp_path / "work")
    assert str(e.value) == "index.md: templates/home.md.j2:3: UndefinedError: 'no_such_variable' is undefined"
    assert left_as_it_was(site)
    assert (tmp_path / "work" / "spare").is_dir()  # what it had linked and built is the next build's to start from


def test_a_template_edited_between_two_renders_in_one_process_is_compiled_anew(small_data, tmp_path):
    """Compiled templates are kept in memory between renders: an edit must still show."""
    from govreports.pipeline import check, render_pages
    from govreports.render import pages

    root, checked, staged = a_copy_of_the_code(tmp_path), check(small_data), pages.KIND["glossary"].staged("")
    render_pages(small_data, tmp_path / "first", {("glossary", "")}, root=root, checked=checked)
    template = root / "templates" / "glossary_index.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nEdited between the renders.\n", encoding="utf-8")
    render_pages(small_data, tmp_path / "second", {("glossary", "")}, root=root, checked=checked)
    assert "Edited between the renders." not in (tmp_path / "first" / staged).read_text(encoding="utf-8")
    assert "Edited between the renders." in (tmp_path / "second" / staged).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_build_that_fails_in_mkdocs_leaves_the_site_as_it_was(tmp_path):
    """Publishing is atomic: MkDocs builds into a temporary folder that replaces site/ only on success."""
    from govreports.pipeline import run

    root = a_copy_of_the_code(tmp_path)
    (root / "content" / "broken.md").write_text("# Broken\n\n[a link to nothing](no-such-page.md)\n", encoding="utf-8")
    site = publish_earlier(tmp_path)
    with pytest.raises(Exception, match="no-such-page.md"):
        run(DATA, site, root=root, work=tmp_path / "work")
    assert left_as_it_was(site)
    assert (tmp_path / "work" / "spare").is_dir()  # what it had linked and built is the next build's to start from
