"""The site's search index, built from the published pages: a few small files per query, fetched on
demand by content/assets/search.js.

Each searchable page is cut into blocks: block 0 holds its names (title, English, pinyin, aliases,
synonyms), then one block per paragraph or table row with an anchor (#p12) or per section under a
heading. A block is found through:

- every pair of adjacent characters of its normalised text (and every single Chinese character), so
  any exact string is found, "1+11+N", "一公司" and "三大地标商圈" alike, with no dependence on how a
  segmenter cut it; the browser checks the hit against the text, so a match is the exact string;
- the beginnings of every English word and number ("fisc", "fiscal"), so English is matched by word,
  as it is typed;
- the words jieba cuts its Chinese into (with every page title and name in jieba's dictionary), which
  tell a whole word from a piece of a longer one, for ranking;

and a page through each of its names as a whole ("=gdp", "=sannong"), so a query that names a page
brings that page first.

Keys are hashed into buckets (one JSON file each), and the blocks' text is cut into chunks of about
8 kB; a common key's list is a file of its own, read only when a query has nothing rarer. So a query
fetches a few dozen small files whatever the size of the site.
"""
from __future__ import annotations

import collections
import functools
import hashlib
import html
import json
import math
import operator
import os
import pickle
import re
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

BODY_MARKER = "data-pagefind-body"
# Left out of the index: what repeats text indexed elsewhere (an indicator's quotes are the report's own
# sentences; a term's occurrences likewise; the indexes' rows are the names of pages indexed themselves: the indicators'
# index took 8 s to read and 2 s to cut at 10,000 indicators, after every change of a value), permalinks, and the
# labels of fact tables.
SKIPPED = ("a.headerlink", "a.para-anchor", "td.anchor", "table.observations", "table.assessments", "table.indicator-index",
           "table.glossary-index", "ul.kwic", "div.cite-box", "div.chart-tools", "script", "style", "svg", "div.plotly-chart")
BLOCK_TAGS = {"p", "tr", "li", "dd", "dt", "blockquote", "figure", "table", "div", "ul", "ol", "td", "th", "br",
              "h1", "h2", "h3", "h4", "h5", "h6", "section", "details", "summary"}
VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}
ANCHORED = {"p", "tr", "li"}  # elements whose id is a link target for the text inside them
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_BITS = 16  # an entry is page * 2**16 + block: a page has at most 65,535 blocks
CHUNK_BYTES = 8_000
BUCKET_BYTES = 8_000
LARGE = 400  # entries: a longer list is a file of its own
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD_KEY, NAME_KEY, PREFIX_KEY = "w:", "=", "a:"
PREFIX_MAX = 12
_ALNUM = re.compile(r"[a-z0-9]+")
KIND_LETTERS = {"indicator": "i", "term": "t", "report": "r", "unit": "u", "page": "p"}


@functools.lru_cache(maxsize=None)
def norm_char(c: str) -> str:
    """One character as the index compares it: NFKC (full-width → half-width), lower case, without
    accents (so pinyin matches with or without tone marks). search.js does the same per character."""
    s = unicodedata.normalize("NFKC", c).lower()
    return "".join(x for x in unicodedata.normalize("NFD", s) if not unicodedata.category(x).startswith("M"))


def normalize(text: str) -> str:
    return "".join(map(norm_char, text))


def name_key(name: str) -> str:
    """A name as a whole, without spaces: "San Nong", "sān nóng" and "sannong" are one key."""
    return NAME_KEY + re.sub(r"\s+", "", normalize(name))


def gram_keys(norm: str) -> set[str]:
    """Every pair of adjacent characters within a run of non-space characters, and every Chinese character."""
    keys = set()
    for run in norm.split():
        keys.update(run[i:i + 2] for i in range(len(run) - 1))
        keys.update(c for c in run if CJK.match(c))
    return keys


def prefix_keys(norm: str) -> set[str]:
    """Every beginning (2 to 12 characters) of every English word or number: English is matched by
    word, as it is typed, and a pair of letters is in too many words to find one."""
    return {PREFIX_KEY + w[:n] for w in _ALNUM.findall(norm) for n in range(2, min(len(w), PREFIX_MAX) + 1)}


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over the key's code points; search.js computes the same to find a key's bucket."""
    h = 0x811C9DC5
    for c in key:
        h = ((h ^ ord(c)) * 0x01000193) & 0xFFFFFFFF
    return h


class Page:
    def __init__(self, url: str, title: str, meta: dict, blocks: list[tuple[str, str]]):
        self.url, self.title, self.meta, self.blocks = url, title, meta, blocks  # blocks: (anchor, text)


def extract(rel: str, body: bytes) -> Page | None:
    """The searchable blocks of a built page, or None for a page that is not searched."""
    text = body.decode("utf-8")
    start = text.find(BODY_MARKER)
    if start < 0:
        return None
    # From the searchable element on, without what it would skip anyway.
    parser = _BlockParser()
    parser.feed(_UNREAD.sub("", text[text.rfind("<", 0, start):]))
    parser.close()
    if not parser.found:
        return None
    url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
    meta = parser.meta
    title = parser.title.strip()
    names = [n for n in meta.get("names", []) if n and n != title]
    blocks = [("", " · ".join([title, *names]))]
    blocks += [(anchor, " ".join(text.split())) for anchor, text in parser.blocks.items() if text.strip()]
    return Page(url, title, {"kind": meta.get("kind", "page"), "district": meta.get("district", []),
                             "year": meta.get("year", []), "names": names}, blocks[: 2 ** BLOCK_BITS - 1])


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.meta, self.title = False, {}, ""
        self.depth = 0  # open elements inside the searchable body; 0: outside it
        self.skip = 0  # open elements inside a skipped one
        self.section, self.containers = "", []  # (depth, anchor) of open anchored elements
        self.in_h1 = False
        self.blocks: dict[str, str] = {}
        self.open: list[tuple[str, set]] = []  # (tag, classes) of the open elements not skipped

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if not self.depth:
            if BODY_MARKER in a:
                self.found, self.depth = True, 1
                self.meta = json.loads(a.get("data-search-meta") or "{}")
            return
        if tag in VOID_TAGS:
            self._add(" ")
            return
        self.depth += 1
        if self.skip:
            self.skip += 1
            return
        classes = set((a.get("class") or "").split())
        in_facts = tag == "th" and "facts" in next((c for t, c in reversed(self.open) if t == "table"), set())
        if in_facts or any(_matches(sel, tag, classes) for sel in SKIPPED):
            self.skip = 1
            return
        self.open.append((tag, classes))
        if tag in HEADINGS and a.get("id"):
            # What stands under the page's title is the top of the page: a link to it needs no anchor.
            self.section, self.in_h1 = ("", True) if tag == "h1" else (a["id"], False)
        elif tag in ANCHORED and a.get("id"):
            self.containers.append((self.depth, a["id"]))
        if tag in BLOCK_TAGS:
            self._add(" ")

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID_TAGS:
            return
        if self.skip:
            self.skip -= 1
            self.depth -= 1
            return
        if self.containers and self.containers[-1][0] == self.depth:
            self.containers.pop()
        if self.open:
            self.open.pop()
        if tag == "h1":
            self.in_h1 = False
        if tag in BLOCK_TAGS:
            self._add(" ")
        self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            if self.in_h1:
                self.title += data
            self._add(data)

    def _add(self, text):
        anchor = self.containers[-1][1] if self.containers else self.section
        self.blocks[anchor] = self.blocks.get(anchor, "") + text


def _matches(selector: str, tag: str, classes: set[str]) -> bool:
    """A selector of the form tag or tag.class."""
    name, _, cls = selector.partition(".")
    return (not name or name == tag) and (not cls or cls in classes)


# What search skips and holds no element of its own kind inside (scripts with chart data, the skipped tables,
# charts drawn as SVG, a term's occurrences, cite boxes): dropped before parsing, as Python's HTML parser is
# slow and these are most of an indicator's or a term's page.
_TABLES = "|".join(s.partition(".")[2] for s in SKIPPED if s.startswith("table."))
_UNREAD = re.compile(rf'<script\b.*?</script>|<table class="(?:{_TABLES})\b.*?</table>|<figure class="static-chart".*?</figure>'
                     r'|<ul class="kwic">.*?</ul>|<div class="(?:cite-box|chart-tools)".*?</div>', re.S)
_META = re.compile(rb"data-search-meta='([^']*)'")
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PERMALINK = re.compile(r'<a class="headerlink".*?</a>')


def names_of(body: bytes) -> list[str]:
    """A page's title and other names, read cheaply (the dictionary needs those of every page, also of
    the pages whose shard is carried over)."""
    meta = _META.search(body)
    h1 = _H1.search(body[body.find(BODY_MARKER.encode()):])
    title = html.unescape(_TAG.sub("", _PERMALINK.sub("", h1.group(1).decode()))) if h1 else ""
    return [title, *(json.loads(html.unescape(meta.group(1).decode())).get("names", []) if meta else [])]


def dictionary(names) -> list[str]:
    """The Chinese names of the pages, added to jieba's dictionary so that no name is cut in two."""
    words = set()
    for name in names:
        n = normalize(name).strip()
        if CJK.search(n) and 2 <= len(n) <= 20 and " " not in n:
            words.add(n)
    return sorted(words)


@functools.lru_cache(maxsize=1)
def word_cutter(words: frozenset[str]):
    """jieba with its dictionary loaded and every page name added as a word."""
    import jieba

    tokenizer = jieba.Tokenizer()
    frequencies, total = prefix_dictionary()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(frequencies), total, True  # a copy: words are added to it
    for w in sorted(words):
        tokenizer.add_word(w, freq=100_000)
    return tokenizer


@functools.cache
def prefix_dictionary() -> tuple[dict[str, int], int]:
    """jieba's dictionary (every word and its prefixes, with their frequencies) and their total, as jieba loads
    them, once a process. jieba keeps it in the temporary folder with marshal, which took 0.7 s to read here; a
    pickle of it in the user's own cache folder takes 0.2 s. A build loads it while its pages are made
    (pipeline.run), before it cuts the changed pages for search."""
    import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr
    kept = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govreports" / f"jieba-{jieba.__version__}.pickle"
    try:
        with kept.open("rb") as f:
            return pickle.load(f)
    except Exception:  # a kept copy that is missing or cannot be read is made again
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        # Another build may be writing the same file: each writes its own, then renames it.
        with tempfile.NamedTemporaryFile(dir=kept.parent, prefix=f".{kept.name}.", delete=False) as f:
            pickle.dump((tokenizer.FREQ, tokenizer.total), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, kept)
    except OSError:  # a cache folder that cannot be written: jieba's own loading serves
        pass
    return tokenizer.FREQ, tokenizer.total


def word_keys(norm: str, words: frozenset[str]) -> set[str]:
    tokenizer = word_cutter(words)
    return {WORD_KEY + w for w in tokenizer.cut_for_search(norm, HMM=False) if len(w) >= 2 and CJK.search(w)}


@functools.lru_cache(maxsize=10_000)
def _block_keys(text: str, words: frozenset[str]) -> frozenset[str]:
    """Many blocks repeat (the labels of every indicator page): each distinct text is cut once. The labels stay
    among the recent texts; holding 100,000 texts took an indexing process 290 MB more at 10,000 indicators
    (647 MB against 358 MB), and was no faster."""
    norm = normalize(text)
    return frozenset(gram_keys(norm) | prefix_keys(norm) | word_keys(norm, words))


def page_keys(page: Page, words: frozenset[str]) -> list[frozenset[str]]:
    """The keys of each block of a page: what indexing a page costs, and what a rebuild may keep."""
    return [_block_keys(text, words) for _, text in page.blocks]


def build_shard(pages: list[Page], words: frozenset[str], keys: list[list[frozenset[str]]] | None = None) -> tuple[dict, dict[str, bytes]]:
    """The files of one shard's index, and its manifest (bucket count, where each text chunk starts).
    `keys` are the pages' `page_keys`, where known."""
    postings: dict[str, list[int]] = collections.defaultdict(list)
    for pid, page in enumerate(pages):
        for name in [page.title, *page.meta["names"]]:
            postings[name_key(name)].append(pid << BLOCK_BITS)
        for bid, block_keys in enumerate(keys[pid] if keys else page_keys(page, words)):
            entry = (pid << BLOCK_BITS) | bid
            for key in block_keys:
                postings[key].append(entry)
    size = sum(len(k) + 8 + 6 * min(len(v), LARGE) for k, v in postings.items())
    buckets = 2 ** max(0, math.ceil(math.log2(max(1, size / BUCKET_BYTES))))
    grouped: list[dict[str, list[int] | dict]] = [{} for _ in range(buckets)]
    files = {}
    for key in sorted(postings):
        # Entries are added in order (by page, then block), a page's name and its first block the same entry.
        entries = list(dict.fromkeys(postings[key]))
        # Gaps instead of entries: smaller numbers, a smaller file.
        gaps = list(map(operator.sub, entries, [0, *entries]))
        if len(gaps) <= LARGE:
            grouped[fnv1a(key) % buckets][key] = gaps
        else:
            # A common key's list has a file of its own; its bucket says how long it is, and the browser
            # reads it only when a term has no rarer key.
            name = f"l/{len(files)}.json"
            files[name] = _json(gaps)
            grouped[fnv1a(key) % buckets][key] = {"n": len(gaps), "f": name}
    files.update({f"b/{i}.json": _json(g) for i, g in enumerate(grouped)})
    chunks, current, starts, used = [], None, [], CHUNK_BYTES
    for pid, page in enumerate(pages):
        for bid, (anchor, text) in enumerate(page.blocks):
            if used >= CHUNK_BYTES:
                current = {"pages": {}, "blocks": []}
                chunks.append(current)
                starts.append((pid << BLOCK_BITS) | bid)
                used = 0
            if str(pid) not in current["pages"]:
                current["pages"][str(pid)] = {"url": page.url, "title": page.title, **page.meta}
                used += 200
            current["blocks"].append([(pid << BLOCK_BITS) | bid, anchor, text])
            used += len(text.encode()) + len(anchor) + 12
    files.update({f"t/{i}.json": _json(c) for i, c in enumerate(chunks)})
    # One letter per page, its kind: the browser ranks candidates by it before reading any text.
    kinds = "".join(KIND_LETTERS.get(page.meta["kind"], "p") for page in pages)
    return {"buckets": buckets, "chunks": starts, "kinds": kinds}, files


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def dictionary_digest(words: list[str]) -> str:
    return hashlib.sha256("\n".join(words).encode()).hexdigest()

