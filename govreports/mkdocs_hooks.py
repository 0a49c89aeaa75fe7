"""MkDocs hooks (named in mkdocs.yml).

Generated pages are written by the render stage as HTML after a line of JSON with their title,
table of contents and extra head tags: MkDocs' Markdown pass would only re-parse them, which
cost most of its time. Long builds
report their progress.
"""
import json

from mkdocs.structure.toc import get_toc

PROGRESS_FROM = 2000  # pages; smaller builds finish before a progress line would help
_progress = {"done": 0, "total": 0}


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
    if body is None:
        return html
    page.toc = get_toc(page.meta.pop("toc"))
    return body


def on_post_page(output, page, **kwargs):
    _progress["done"] += 1
    done, total = _progress["done"], _progress["total"]
    if total >= PROGRESS_FROM and (done % (total // 10 or 1) == 0 or done == total):
        print(f"  mkdocs: {done:,} of {total:,} pages", flush=True)
    return output
