#!/usr/bin/env python3
"""Search quality of the built site, on queries derived from the data, in headless Chromium.

usage: python benchmarks/search_quality.py [--site SITE] [--work DIR] [--engines own,pagefind-1.5.2,...] [--runs N]

Queries (benchmarks/search_queries.py): every glossary term and alias, expecting its glossary page
first and every report whose text holds it among the first 20 results; every indicator's Chinese and
English name and English synonym, expecting the indicator in the top 3; phrases sampled from each
report, expecting a link to a paragraph that holds them.

Engines, each run by its own JavaScript in the browser, never re-implemented here:
- own: the site's index (govreports/publish/search_index.py, content/assets/search.js), as built;
- pagefind-X.Y.Z: Pagefind of that version over the same pages, sharded and merged as the site
  did before (a pip venv under WORK/bench-venvs/ for a version other than the installed one);
- material-jieba: MkDocs Material's search plugin (lunr in a web worker) over the same staged pages,
  with jieba segmenting the Chinese at build time.

Prints recall over (term, report holding it), first-right %, % of report results that open at a
paragraph holding the words, English and Chinese indicator top-3 %, phrase %, index size and the
median time to first result with a cold cache (--runs queries, each in a fresh browser page).
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from audit_site import CHROMIUM, CHROMIUM_ARGS, QuietHandler  # noqa: E402
from search_queries import Query, derive  # noqa: E402

SHOWN = 20  # results a reader sees without asking for more
# What the site's Pagefind configuration left out of its index (as it stood before its own index).
PAGEFIND_EXCLUDE = ".headerlink, table.observations, table.assessments, ul.kwic, .cite-box"
MATERIAL_SEPARATOR = r'[\s\u200b\-_,:!=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])'

# Each engine's search, in the page: query → links (site-relative, with their #anchor), best first.
JS = {
    "own": """async ([q, root, n]) => (await siteSearch.search(q, root)).slice(0, n)
        .map(r => ({url: r.url + (r.anchor ? '#' + r.anchor : '')}))""",
    "pagefind": """async ([q, root, n]) => {
        window.__pf = window.__pf || (async () => {  // once, however many queries are in flight
            const index = await (await fetch(root + 'pagefind/shards.json')).json();
            const pf = await import(root + 'pagefind/' + index.shards[0] + '/pagefind.js');
            await pf.options({baseUrl: '/'});
            for (const s of index.shards.slice(1)) await pf.mergeIndex(root + 'pagefind/' + s + '/', {baseUrl: '/'});
            return pf;
        })();
        const found = await (await window.__pf).search(q);
        const data = await Promise.all(found.results.slice(0, n).map(r => r.data()));
        // The link a reader follows: the first sub-result with an anchor, else the page (as Pagefind's UI shows them).
        return data.map(d => {
            const sub = (d.sub_results || []).find(s => s.url.includes('#'));
            return {url: (sub ? sub.url : d.url).replace(/^\\//, '')};
        });
    }""",
    "material": """async ([q, root, n]) => {
        window.__lunr = window.__lunr || (async () => {  // Material's own worker, set up once
            const config = JSON.parse(document.getElementById('__config').textContent);
            const index = await (await fetch(root + 'search/search_index.json')).json();
            const worker = new Worker(new URL(config.search, location.href));
            const waiting = [];  // the worker answers in the order it was asked
            worker.onmessage = ev => waiting.shift()(ev.data);
            const ask = msg => new Promise(resolve => { waiting.push(resolve); worker.postMessage(msg); });
            await ask({type: 0, data: {...index, options: {suggest: false}}});  // as Material's bundle sends it
            return ask;
        })();
        const reply = await (await window.__lunr)({type: 2, data: q});
        // Material shows one result per page, its best match first, the page's other sections under it.
        return reply.data.items.slice(0, n).map(group => ({url: group[0].location}));
    }""",
}


@contextmanager
def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ---- The engines' sites: the same built pages, each with its own index ----

def pagefind_site(site: Path, work: Path, version: str) -> tuple[Path, int]:
    """A copy of the site (hard links) with a Pagefind index of `version`, sharded as the site used to be."""
    from govreports.publish.search_shards import shard_count

    python = pagefind_python(work, version)
    target = work / f"bench-pagefind-{version}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target, copy_function=os.link, ignore=shutil.ignore_patterns("search-index"))
    pages = sorted(p.relative_to(target) for p in target.rglob("*.html") if b"data-pagefind-body" in p.read_bytes())
    count = shard_count(len(pages))
    shards: dict[str, list[Path]] = {}
    for rel in pages:
        shards.setdefault(str(int(hashlib.sha256(str(rel).encode()).hexdigest(), 16) % count), []).append(rel)
    for shard, rels in shards.items():
        tree = work / f"bench-pagefind-tree-{shard}"
        shutil.rmtree(tree, ignore_errors=True)
        for rel in rels:
            (tree / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(target / rel, tree / rel)
        subprocess.run([str(python), "-m", "pagefind", "--site", str(tree), "--output-path", str(target / "pagefind" / shard),
                        "--exclude-selectors", PAGEFIND_EXCLUDE, "--silent"], check=True)
        shutil.rmtree(tree)
    (target / "pagefind" / "shards.json").write_text(json.dumps({"shards": sorted(shards, key=int)}), encoding="utf-8")
    return target, folder_bytes(target / "pagefind") - len(json.dumps({"shards": sorted(shards, key=int)}))


def pagefind_python(work: Path, version: str) -> Path:
    """The installed Pagefind if it is `version`, else a venv of its own (pip, from PyPI)."""
    from importlib import metadata

    try:
        if metadata.version("pagefind") == version:
            return Path(sys.executable)
    except metadata.PackageNotFoundError:
        pass
    venv = work / "bench-venvs" / f"pagefind-{version}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"pagefind[extended]=={version}"], check=True)
    return python


def material_site(work: Path) -> tuple[Path, int]:
    """The staged pages (work/docs) built by MkDocs with Material's search plugin and jieba."""
    import yaml

    docs = work / "docs"
    if not (docs / "index.md").exists():
        raise SystemExit(f"{docs} holds no staged pages: build the site with --work {work} first")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    target = work / "bench-material"
    shutil.rmtree(target, ignore_errors=True)
    config.update(docs_dir=str(docs.resolve()), site_dir=str(target.resolve()), hooks=[str(ROOT / "govreports" / "publish" / "mkdocs_hooks.py")],
                  plugins=[{"search": {"separator": MATERIAL_SEPARATOR}}])
    config["theme"]["custom_dir"] = str(ROOT / "templates" / "mkdocs")
    config.pop("validation", None)
    cfg = work / "bench-material.yml"
    cfg.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)], check=True, cwd=ROOT)
    return target, (target / "search" / "search_index.json").stat().st_size


# ---- Running the queries ----

def run_queries(browser, base: str, engine: str, queries: list[str], start: str = "search/") -> dict[str, list[str]]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + start)
    if engine == "own":
        page.wait_for_function("window.siteSearch !== undefined")
    js = JS[engine.split("-")[0]]
    out: dict[str, list[str]] = {}
    batch = 16  # queries in flight at once in the page
    for i in range(0, len(queries), batch):
        part = queries[i:i + batch]
        got = page.evaluate(f"async ([qs, root, n]) => Promise.all(qs.map(q => ({js})([q, root, n])))", [part, base, SHOWN])
        for q, links in zip(part, got):
            out[q] = [link["url"] for link in links]
    page.close()
    if errors:
        raise RuntimeError(f"{engine}: {errors[:3]}")
    return out


def first_result_ms(browser, base: str, engine: str, queries: list[str], start: str = "search/") -> float:
    """Median time from the query to the first result, each query in a fresh page with an empty cache."""
    js = JS[engine.split("-")[0]]
    times = []
    for q in queries:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + start)
        if engine == "own":
            page.wait_for_function("window.siteSearch !== undefined")
        ms = page.evaluate(f"async ([q, root]) => {{ const t = performance.now(); const r = await ({js})([q, root, 1]);"
                           " return r.length ? performance.now() - t : -1; }", [q, base])
        times.append(ms if ms >= 0 else float("nan"))
        context.close()
    return statistics.median(times)


def first_result_typed_ms(browser, base: str, queries: list[str]) -> float:
    """The site's own search page as a reader uses it: from typing the query to the first result shown."""
    times = []
    for q in queries:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "search/")
        page.wait_for_selector("#search-query")
        # Timed inside the page, from the input event to the first result in the document.
        times.append(page.evaluate("""q => new Promise(resolve => {
            const input = document.getElementById('search-query'), list = document.querySelector('.search-results');
            const started = performance.now();
            new MutationObserver((_, observer) => {
                if (list.querySelector('.search-result__link')) { observer.disconnect(); resolve(performance.now() - started); }
            }).observe(list, {childList: true, subtree: true});
            input.value = q;
            input.dispatchEvent(new Event('input', {bubbles: true}));
        })""", q))
        context.close()
    return statistics.median(times)


# ---- Scores ----

def score(queries: list[Query], results: dict[str, list[str]], paragraphs: dict[str, dict[str, str]]) -> dict:
    """The figures of one engine. `paragraphs`: report id → anchor → normalised text."""
    from govreports.publish.search_index import normalize

    def opens_at_words(link: str, words: str) -> bool:
        page, _, anchor = link.partition("#")
        report = page.strip("/").split("/")[-1]
        return page.startswith("sources/") and normalize(words) in paragraphs.get(report, {}).get(anchor, "")

    def report_link(links: list[str], report: str) -> str | None:
        return next((link for link in links if link.split("#")[0].strip("/") == f"sources/{report}"), None)

    pairs = found = first = terms = opened = reports = 0
    top3 = {"indicator-en": [0, 0], "indicator-zh": [0, 0], "phrase": [0, 0]}
    misses: dict[str, list[str]] = {"recall": [], "first": [], "paragraph": [], "indicator-en": [], "indicator-zh": [], "phrase": []}
    for q in queries:
        links = results.get(q.text, [])
        pages = [link.split("#")[0].strip("/") + "/" for link in links]
        if q.kind == "term":
            terms += 1
            if pages[:1] and pages[0] in q.expect:
                first += 1
            else:
                misses["first"].append(f"{q.text} → {pages[:1]}")
            for report in q.reports:
                pairs += 1
                link = report_link(links, report)
                if link is None:
                    misses["recall"].append(f"{q.text} in {report}")
                    continue
                found += 1
                reports += 1
                if opens_at_words(link, q.text):
                    opened += 1
                else:
                    misses["paragraph"].append(f"{q.text} → {link}")
        elif q.kind == "phrase":
            top3["phrase"][1] += 1
            link = report_link(links, q.reports[0])
            if link is not None:
                reports += 1
                opened += opens_at_words(link, q.text)
            if link is not None and opens_at_words(link, q.text):
                top3["phrase"][0] += 1
            else:
                misses["phrase"].append(f"{q.text} → {link}")
        else:
            top3[q.kind][1] += 1
            depth = max(3, len(q.expect))  # a name several indicators share: all of them near the top
            if set(q.expect) <= set(pages[:depth]):
                top3[q.kind][0] += 1
            else:
                misses[q.kind].append(f"{q.text} → {pages[:3]}")

    def pct(a, b):
        return 100.0 * a / b if b else float("nan")

    return {
        "recall": pct(found, pairs), "pairs": pairs, "first": pct(first, terms), "terms": terms,
        "paragraph": pct(opened, reports), "english": pct(*top3["indicator-en"]), "english_queries": top3["indicator-en"][1],
        "chinese": pct(*top3["indicator-zh"]), "phrase": pct(*top3["phrase"]), "phrases": top3["phrase"][1], "misses": misses,
    }


def paragraph_texts(data) -> dict[str, dict[str, str]]:
    from govreports.publish.search_index import normalize

    return {sid: {p.anchor: normalize(p.plain) for p in src.text.paragraphs}
            for sid, src in data.sources.items()}


def timing_queries(queries: list[Query], runs: int) -> list[str]:
    """A spread of terms, English names and phrases, the same for every engine."""
    picks = []
    for kind in ("term", "indicator-en", "phrase"):
        of_kind = [q.text for q in queries if q.kind == kind]
        step = max(1, len(of_kind) // max(1, runs // 3 + 1))
        picks += of_kind[::step][: runs // 3 + 1]
    return picks[:runs]


def measure(site: Path, work: Path, engines: list[str], runs: int, data_dir: Path = ROOT / "data", log=print) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    from govreports.pipeline import check

    data = check(data_dir)
    queries = derive(data)
    paragraphs = paragraph_texts(data)
    texts = list(dict.fromkeys(q.text for q in queries))
    table = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for engine in engines:
                start = "search/"
                if engine == "own":
                    folder, size = site, folder_bytes(site / "search-index")
                elif engine.startswith("pagefind-"):
                    folder, size = pagefind_site(site, work, engine.split("-", 1)[1])
                    start = "methodology/"
                elif engine == "material-jieba":
                    folder, size = material_site(work)
                    start = "methodology/"
                else:
                    raise SystemExit(f"unknown engine {engine!r}")
                with serve(folder) as base:
                    started = time.perf_counter()
                    results = run_queries(browser, base, engine, texts, start)
                    row = score(queries, results, paragraphs)
                    row.update(size=size, seconds=time.perf_counter() - started,
                               first_ms=first_result_ms(browser, base, engine, timing_queries(queries, runs), start))
                    if engine == "own":
                        row["typed_ms"] = first_result_typed_ms(browser, base, timing_queries(queries, runs))
                table[engine] = row
                log(f"{engine}: {summary(row)}")
        finally:
            browser.close()
    return table


def summary(row: dict) -> str:
    return (f"recall {row['recall']:.1f} % of {row['pairs']} pairs, first right {row['first']:.1f} % of {row['terms']} terms, "
            f"paragraph {row['paragraph']:.1f} %, English top-3 {row['english']:.1f} % of {row['english_queries']}, "
            f"Chinese top-3 {row['chinese']:.1f} %, phrases {row['phrase']:.1f} % of {row['phrases']}, "
            f"index {row['size'] / 1e6:.2f} MB, first result {row['first_ms']:.0f} ms"
            + (f" ({row['typed_ms']:.0f} ms typed into the page)" if "typed_ms" in row else ""))


def markdown_table(table: dict[str, dict]) -> str:
    lines = ["| engine | recall | first right | paragraph | English top-3 | Chinese top-3 | phrases | index | first result |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for engine, r in table.items():
        lines.append(f"| {engine} | {r['recall']:.1f} % | {r['first']:.1f} % | {r['paragraph']:.1f} % | {r['english']:.1f} % | "
                     f"{r['chinese']:.1f} % | {r['phrase']:.1f} % | {r['size'] / 1e6:.2f} MB | {r['first_ms']:.0f} ms |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--engines", default="own,pagefind-1.5.2,pagefind-1.4.0,material-jieba")
    parser.add_argument("--runs", type=int, default=9, help="queries timed for the first result (median)")
    parser.add_argument("--misses", type=int, default=5, help="failed queries listed per figure")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    table = measure(args.site, args.work, args.engines.split(","), args.runs, args.data)
    print()
    print(markdown_table(table))
    for engine, row in table.items():
        for what, missed in row["misses"].items():
            if missed and args.misses:
                print(f"{engine} {what} ({len(missed)}): " + " | ".join(missed[: args.misses]))
    if args.json:
        args.json.write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
