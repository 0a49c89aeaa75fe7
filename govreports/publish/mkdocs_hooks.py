"""MkDocs hooks (named in mkdocs.yml).

Generated pages are written by the render stage as HTML after a line of JSON with their title,
table of contents and extra head tags: MkDocs' Markdown pass would only re-parse them, which
cost most of its time. Long builds
report their progress.
"""
import json
import re

from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc

from govreports.render.engine import PROGRESS_FROM

_progress = {"done": 0, "total": 0}


def on_config(config, **kwargs):
    # Only build.py passes the dataset's details; without them MkDocs would publish hand-written pages alone.
    if not config.extra.get("dataset"):
        raise PluginError("build the site with `python build.py` (or preview it with `python build.py --serve`): "
                          "a plain mkdocs build or serve cannot make its pages")
    return config


def on_env(env, config, files, **kwargs):
    # The theme's templates do not change during a build; checking each one's file on every
    # include of every page cost a fifth of MkDocs' time.
    env.auto_reload = False
    return env


def on_files(files, config, **kwargs):
    _progress.update(done=0, total=len(files.documentation_pages()))
    return files


def on_page_markdown(markdown, page, **kwargs):
    if not page.meta.get("generated"):
        return markdown
    line, page.generated_html = markdown.split("\n", 1)
    page.meta.update(json.loads(line))
    return ""


def on_page_content(html, page, **kwargs):
    body = page.__dict__.pop("generated_html", None)
    if body is not None:
        page.toc = get_toc(page.meta.pop("toc"))
        html = body
    return mark_english(html)


# The site is Chinese (lang="zh" on every page); a block written mostly in English says so, so that
# screen readers and hyphenation treat it as English. A few Chinese words inside it stay.
_BLOCK = re.compile(r"<(p|li|td|th|dd|figcaption)((?:\s[^>]*)?)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>|&\w+;")
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u9fff]")


def mark_english(html: str) -> str:
    def mark(m: re.Match) -> str:
        tag, attrs, inner = m.groups()
        text = _TAG.sub("", inner)
        latin, han = len(_LATIN.findall(text)), len(_HAN.findall(text))
        if "lang=" in attrs or latin < (12 if han else 4) or latin < 8 * han:  # bilingual labels run about 3 : 1
            return m.group(0)
        return f'<{tag}{attrs} lang="en">{inner}</{tag}>'
    return _BLOCK.sub(mark, html)


def on_post_page(output, page, **kwargs):
    _progress["done"] += 1
    done, total = _progress["done"], _progress["total"]
    if total >= PROGRESS_FROM and (done % (total // 10 or 1) == 0 or done == total):
        print(f"  mkdocs: {done:,} of {total:,} pages", flush=True)
    return output
