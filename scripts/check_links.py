#!/usr/bin/env python3
"""Check every internal link and anchor of a built site, and that every page has a title.

usage: python scripts/check_links.py [SITE_DIR]   (default: site/)
Prints one line per broken link and a summary; exits 1 if anything is broken.
(LinkChecker, crawling the same site over HTTP with its anchor plugin, ran for over ten minutes;
reading the files directly takes seconds.)
"""
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.title, self._in_title = set(), [], "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) and tag in ("a", "link", "script", "img"):
                self.links.append((tag, attrs[key], self.getpos()[0]))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def check(site: Path) -> tuple[list[str], int]:
    pages = {p: PageParser() for p in site.rglob("*.html")}
    for path, parser in pages.items():
        parser.feed(path.read_text(encoding="utf-8"))
    problems, checked = [], 0
    if not (site / "404.html").is_file():
        problems.append("404.html: missing")
    for path, parser in pages.items():
        rel = path.relative_to(site)
        if not parser.title.strip() and "refresh" not in path.read_text(encoding="utf-8")[:400]:
            problems.append(f"{rel}: no <title>")
        for _tag, link, line in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
                continue  # external links are not this site's to check
            url, fragment = urldefrag(link)
            base = site if url.startswith("/") else path.parent
            target = (base / unquote(url).lstrip("/")).resolve() if url else path
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                problems.append(f"{rel}:{line}: {link}: no such file")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in pages[target].ids:
                problems.append(f"{rel}:{line}: {link}: no anchor #{fragment}")
    return problems, checked


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "site").resolve()
    problems, checked = check(site)
    print("\n".join(problems))
    print(f"{checked} internal links checked in {len(list(site.rglob('*.html')))} pages, {len(problems)} broken")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
