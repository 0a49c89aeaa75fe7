"""Safe and reproducible output: text is escaped, two builds are identical, publishing is atomic."""
import hashlib

from conftest import DATA, run_build

SCRIPT = '<script>alert("x")</script>'


def fingerprint(site, skip=("sitemap.xml", "sitemap.xml.gz")):
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and p.name not in skip}


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
    site = tmp_path / "site"
    result = run_build(data_copy, site)
    assert result.returncode == 0, result.stderr
    pages = {
        "indicator": (site / "indicators/air-quality-days/index.html").read_text(encoding="utf-8"),
        "term": (site / "glossary/ce-shi/index.html").read_text(encoding="utf-8"),
        "source": (site / f"sources/{source}/index.html").read_text(encoding="utf-8"),
        "glossary index": (site / "glossary/index.html").read_text(encoding="utf-8"),
    }
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert "<b>粗体</b>" not in html, name
        assert "&lt;script&gt;alert" in html or "\\u003cscript>alert" in html, name
    assert "&lt;b&gt;粗体&lt;/b&gt;" in pages["source"]
    assert "note with &lt;script&gt;" in pages["indicator"]


def test_two_builds_from_the_same_inputs_are_identical(built_site, tmp_path):
    """Byte for byte, apart from the sitemap, whose lastmod dates are the day of the build."""
    again = tmp_path / "site"
    assert run_build(DATA, again).returncode == 0
    assert fingerprint(again) == fingerprint(built_site)


def test_a_build_that_fails_in_mkdocs_leaves_the_site_as_it_was(tmp_path):
    """Publishing is atomic: MkDocs builds into a temporary folder that replaces site/ only on success."""
    import shutil

    import pytest

    from conftest import ROOT
    from govreports.pipeline import run

    root = tmp_path / "repo"
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, root / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - 引用 Cite: cite.md", "  - 引用 Cite: cite.md\n  - Missing: no-such-page.md"), encoding="utf-8")
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("published earlier", encoding="utf-8")
    with pytest.raises(Exception):
        run(DATA, site, root=root, work=tmp_path / "work")
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # no temporary folder left beside it
    assert fingerprint(site) == {"index.html": hashlib.sha256(b"published earlier").hexdigest()}
