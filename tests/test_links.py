"""Every internal link and anchor of the built site resolves; every page has a title; there is a 404 page."""
import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("check_links", Path(__file__).resolve().parent.parent / "scripts" / "check_links.py")
check_links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_links)


def test_no_broken_internal_link_or_anchor(build):
    problems, checked = check_links.check(build.site)
    assert problems == []
    assert checked > len(build.dataset.rows)  # each value links at least its paragraph


def test_the_checker_finds_a_broken_anchor_and_a_missing_page(tmp_path):
    (tmp_path / "404.html").write_text("<title>404</title>", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<title>A</title><p id="p1"></p><a href="#p1">ok</a><a href="#p2">bad</a><a href="../b/">gone</a>', encoding="utf-8")
    problems, checked = check_links.check(tmp_path)
    assert checked == 3
    assert any("#p2: no anchor" in p for p in problems) and any("../b/: no such file" in p for p in problems)
