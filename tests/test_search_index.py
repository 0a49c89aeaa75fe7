"""The search index's build side (govreports/publish/search_index.py): blocks, keys and files."""
import json
from pathlib import Path

import pytest

from govreports.publish import search_index as si

PAGE = """<html><body><nav>导航 Navigation</nav>
<div data-pagefind-body data-search-meta='{"kind": "report", "names": ["Yuzhong 2024 work report"], "district": ["渝中区"], "year": [2024]}'>
<h1 id="title">2024年渝中区政府工作报告<a class="headerlink" href="#title">&para;</a></h1>
<table class="facts"><tr><th>区 District</th><td>渝中区</td></tr></table>
<h2 id="full-text">原文</h2>
<p id="p1"><a class="para-anchor" href="#p1">¶1</a> 抓实抓好“<a href="../../glossary/san-nong/">三农</a>”工作。</p>
<table class="source-table"><tr id="p2"><td>地区生产总值</td><td>增长6%</td><td class="anchor"><a href="#p2">¶</a></td></tr></table>
<ul class="kwic"><li>三农 quoted again</li></ul>
<div class="chart-tools"><p class="chart-downloads">下载图表 Download this chart</p>
<details class="embed-code"><summary>嵌入 Embed this chart</summary><pre><code>&lt;iframe src="glossary/san-nong/embed/"&gt;</code></pre></details></div>
<p id="p3">末段。</p>
</div></body></html>"""


def test_a_page_is_cut_into_its_names_and_its_anchored_paragraphs():
    page = si.extract("sources/x/index.html", PAGE.encode())
    assert page.url == "sources/x/" and page.title == "2024年渝中区政府工作报告"
    assert page.meta["kind"] == "report" and page.meta["year"] == [2024]
    blocks = dict(page.blocks[1:])
    assert page.blocks[0] == ("", "2024年渝中区政府工作报告 · Yuzhong 2024 work report")
    assert blocks["p1"] == "抓实抓好“三农”工作。"  # a link inside Chinese text adds no space; the permalink is left out
    assert blocks["p2"] == "地区生产总值 增长6%"  # a table row is one paragraph, its cells apart
    assert "District" not in " ".join(blocks.values())  # the label of a fact, not its value
    assert "quoted again" not in " ".join(blocks.values())  # occurrences repeat the report's own text
    assert blocks["p3"] == "末段。"  # a chart's downloads and embed code are not the page's text
    assert not [w for w in ("下载图表", "Embed this chart", "iframe") if w in " ".join(blocks.values())]
    assert "导航" not in " ".join(text for _, text in page.blocks)  # only the searchable body
    assert si.extract("x/index.html", b"<html><body><p>not searched</p></body></html>") is None


def test_keys_match_exact_strings_and_whole_names():
    assert {"1+", "+1", "11", "+n"} <= si.gram_keys(si.normalize("“1+11+N”招商"))
    assert "三" in si.gram_keys("三农") and "三农" in si.gram_keys("三农")
    assert si.name_key("sān nóng") == si.name_key("San Nong") == si.name_key("sannong") == "=sannong"
    assert si.normalize("ＧＤＰ（亿元）") == "gdp(亿元)"  # full-width forms as typed by a Chinese keyboard
    assert {"a:fi", "a:fisc", "a:fiscal", "a:re", "a:revenue"} <= si.prefix_keys("fiscal revenue")  # English as it is typed
    assert "a:f" not in si.prefix_keys("fiscal") and "a:revenue" not in si.prefix_keys("prerevenue")


def test_names_are_whole_words_for_jieba():
    names = si.names_of(PAGE.encode())
    assert names[0] == "2024年渝中区政府工作报告"
    words = si.dictionary(["一稳三抓五促", "GDP", "三农", "san nong"])
    assert words == ["一稳三抓五促", "三农"]
    keys = si.word_keys(si.normalize("坚持一稳三抓五促工作方法"), frozenset(words))
    assert "w:一稳三抓五促" in keys


def test_a_common_key_has_a_file_of_its_own(monkeypatch):
    monkeypatch.setattr(si, "LARGE", 1)
    pages = [si.extract(f"sources/{n}/index.html", PAGE.encode()) for n in range(3)]
    manifest, files = si.build_shard(pages, frozenset())
    bucket = json.loads(files[f"b/{si.fnv1a('三农') % manifest['buckets']}.json"])
    assert bucket["三农"]["n"] == 3  # one paragraph on each page
    assert json.loads(files[bucket["三农"]["f"]]) == [3, 1 << si.BLOCK_BITS, 1 << si.BLOCK_BITS]  # page 0 block 3, then gaps of one page


def test_a_shard_is_buckets_of_keys_and_chunks_of_text():
    page = si.extract("sources/x/index.html", PAGE.encode())
    manifest, files = si.build_shard([page], frozenset(si.dictionary(si.names_of(PAGE.encode()))))
    assert manifest["kinds"] == "r" and manifest["chunks"] == [0]
    buckets = [json.loads(files[f"b/{i}.json"]) for i in range(manifest["buckets"])]
    key = "三农"
    gaps = buckets[si.fnv1a(key) % manifest["buckets"]][key]
    entries = [sum(gaps[:i + 1]) for i in range(len(gaps))]
    chunk = json.loads(files["t/0.json"])
    anchors = {b[0]: b[1] for b in chunk["blocks"]}
    assert [anchors[e] for e in entries] == ["p1"]
    assert chunk["pages"]["0"]["url"] == "sources/x/"


def built_pages(out: Path, *paragraphs: str) -> Path:
    """A built site in `out` with one report page per paragraph (sources/0/, sources/1/ …)."""
    for n, text in enumerate(paragraphs):
        (out / "sources" / str(n)).mkdir(parents=True)
        (out / "sources" / str(n) / "index.html").write_text(PAGE.replace("增长6%", text), encoding="utf-8")
    return out


def indexed_files(out: Path, shard: str = "") -> dict:
    """The files of the search index built in `out` (of one shard, if given), by path."""
    return {p.relative_to(out): p.read_bytes() for p in (out / "search-index" / shard).rglob("*") if p.is_file()}


def test_a_shard_indexed_with_what_earlier_builds_cut_equals_one_indexed_anew(tmp_path):
    """search_shards keeps what each page was cut into under a hash of its bytes: a changed page is cut
    again, and the shard's files are those of an index made from nothing."""
    from govreports.publish import search_shards

    cache = tmp_path / "cache"
    search_shards.index_search(built_pages(tmp_path / "first", "增长6%", "推进城市更新。"), tmp_path / "none", "env", cache=cache)
    cached = built_pages(tmp_path / "cached", "增长6%", "发展数字经济。")
    search_shards.index_search(cached, tmp_path / "none", "env", cache=cache)
    fresh = built_pages(tmp_path / "fresh", "增长6%", "发展数字经济。")
    search_shards.index_search(fresh, tmp_path / "none", "env")
    assert indexed_files(cached) == indexed_files(fresh)
    assert any("数字".encode() in content for content in indexed_files(cached).values())


def test_a_rebuild_cuts_only_its_changed_pages_and_keeps_the_cache_it_can(tmp_path, monkeypatch):
    """What each page was cut into is read back: indexing the same pages again, even after a change to the rest of
    the code, cuts none and leaves the cache file as it was; a changed page alone is cut anew."""
    from govreports.publish import search_index, search_shards

    def site(paragraph):
        return built_pages(tmp_path / paragraph, "增长6%", paragraph)

    cache = tmp_path / "cache"
    search_shards.index_search(site("推进城市更新。"), tmp_path / "none", "env", cache=cache)
    [shard_cache] = cache.glob("[0-9]*.pickle")
    written = shard_cache.stat().st_mtime_ns
    cut = []
    extract = search_index.extract
    monkeypatch.setattr(search_index, "extract", lambda rel, body: cut.append(rel) or extract(rel, body))
    search_shards.index_search(site("推进城市更新！"), tmp_path / "none", "env", cache=cache)
    assert cut == ["sources/1/index.html"]  # the page that changed
    assert shard_cache.stat().st_mtime_ns != written
    written, cut[:] = shard_cache.stat().st_mtime_ns, []
    # Code other than the search index's (which the environment names) does not change how a page is cut.
    search_shards.index_search(tmp_path / "推进城市更新！", tmp_path / "none", "another environment", cache=cache)
    assert cut == []
    assert shard_cache.stat().st_mtime_ns == written


def test_a_shard_whose_pages_are_unchanged_is_taken_from_the_site_even_by_a_full_build(tmp_path, monkeypatch):
    """A shard's digest covers the code, the dictionary of names and each of its pages: a build (--force too) takes a
    shard whose digest the published site recorded, and indexes anew one with a changed page or other code."""
    from govreports.publish import search_shards

    monkeypatch.setattr(search_shards, "shard_count", lambda pages: 2)
    monkeypatch.setattr(search_shards, "_shard_of", lambda rel, count: str(int(rel.parts[1]) % count))

    def site(name, *paragraphs):
        return built_pages(tmp_path / name, *paragraphs)

    published = site("published", "增长6%", "推进城市更新。")
    assert search_shards.index_search(published, tmp_path / "none", "env") == (2, 2)
    same = site("same", "增长6%", "推进城市更新。")
    assert search_shards.index_search(same, published, "env") == (2, 0)
    [taken] = (same / "search-index" / "0" / "b").glob("*.json")
    assert taken.stat().st_ino == (published / taken.relative_to(same)).stat().st_ino  # linked, not written
    changed, fresh = site("changed", "增长6%", "发展数字经济。"), site("fresh", "增长6%", "发展数字经济。")
    assert search_shards.index_search(changed, published, "env") == (2, 1)
    search_shards.index_search(fresh, tmp_path / "none", "env")
    assert indexed_files(changed, "1") == indexed_files(fresh, "1") != indexed_files(published, "1")
    assert indexed_files(changed, "0") == indexed_files(fresh, "0") == indexed_files(published, "0")
    assert search_shards.index_search(site("other code", "增长6%", "推进城市更新。"), published, "other env") == (2, 2)


def test_the_word_cutter_loads_jiebas_dictionary_from_its_kept_copy_as_jieba_would(tmp_path, monkeypatch):
    """jieba's dictionary is kept as a pickle in the user's cache folder (quicker to read than jieba's own copy):
    the kept copy is what jieba loaded, and a broken one is made again. (jieba's loading is replaced by a small
    dictionary: the real one takes a second.)"""
    import jieba

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def jiebas_own(self):
        self.FREQ, self.total, self.initialized = {"三大": 5, "三": 0}, 5, True
    monkeypatch.setattr(jieba.Tokenizer, "initialize", jiebas_own)

    def cutter():
        si.word_cutter.cache_clear()
        si.prefix_dictionary.cache_clear()
        return si.word_cutter(frozenset({"地标"}))

    assert cutter().FREQ == {"三大": 5, "三": 0, "地标": 100_000, "地": 0}
    [kept] = (tmp_path / "govreports").iterdir()
    monkeypatch.setattr(jieba.Tokenizer, "initialize", lambda self: pytest.fail("jieba loaded its own copy"))
    read = cutter()
    assert (read.FREQ, read.total) == ({"三大": 5, "三": 0, "地标": 100_000, "地": 0}, 100_005)
    assert si.prefix_dictionary() == ({"三大": 5, "三": 0}, 5)  # what is loaded once serves cutters of other words
    kept.write_bytes(b"broken")
    monkeypatch.setattr(jieba.Tokenizer, "initialize", jiebas_own)
    assert cutter().total == 100_005
    assert kept.read_bytes() != b"broken"
    si.word_cutter.cache_clear()
    si.prefix_dictionary.cache_clear()


def test_the_build_indexes_every_searchable_page_of_its_site(small_build, tmp_path):
    """The build tells search which pages MkDocs wrote, instead of walking the output: an index of every page found
    by a walk over the published site is the same, shard for shard."""
    from govreports.publish import fingerprint, search_shards

    site = small_build.site
    search_shards.index_search(site, tmp_path / "none", fingerprint.published(site)["environment"], into=tmp_path)
    walked = json.loads((tmp_path / "search-index" / "shards.json").read_text(encoding="utf-8"))
    assert walked == json.loads((site / "search-index" / "shards.json").read_text(encoding="utf-8"))
