"""jinja2 templates → the Markdown pages of the site, written into a staging folder for MkDocs."""
from __future__ import annotations

import html
import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup

from .charts import KIND_ZH, indicator_figure
from .concordance import term_pattern
from .model import Dataset
from .texts import FOOTNOTE_REF

KIND_EN = {"target": "target", "estimate": "estimate", "result": "result"}
TERM_KIND_ZH = {
    "numbered-formula": "数字概括语", "slogan": "口号", "action-plan": "行动计划", "mechanism": "机制",
    "system": "体系", "project": "工程项目", "place": "地名片区", "policy": "政策", "concept": "概念",
}
_markdown = MarkdownIt("commonmark", {"html": False})


def render_site(data: Dataset, templates: Path, content: Path, out: Path) -> int:
    """Write every page into `out` (a fresh folder); returns the number of pages written."""
    env = _environment(templates, data)
    shutil.copytree(content, out, dirs_exist_ok=True)
    home = (content / "index.md").read_text(encoding="utf-8")
    pages: dict[str, tuple[str, dict]] = {
        "index.md": ("home.md.j2", {"intro": Markup(home)}),
        "indicators/index.md": ("indicators_index.md.j2", {}),
        "glossary/index.md": ("glossary_index.md.j2", {}),
        "sources/index.md": ("sources_index.md.j2", {}),
    }
    for ind in data.indicators.values():
        obs = data.observations_of(ind.id)
        pages[f"indicators/{ind.id}.md"] = ("indicator.md.j2", {
            "ind": ind, "rows": obs.to_dict("records"),
            "chart": indicator_figure(obs, ind.unit, data.districts),
        })
    for term in data.terms.values():
        pages[f"glossary/{term.slug}.md"] = ("term.md.j2", {"term": term})
    linker = TermLinker(data)
    for src in data.sources.values():
        pages[f"sources/{src.id}.md"] = ("source.md.j2", {"src": src, "blocks": _blocks(src, linker)})
    for path, (template, context) in pages.items():
        depth = path.count("/") + (0 if path.endswith("index.md") else 1)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(env.get_template(template).render(root="../" * depth, **context), encoding="utf-8")
    return len(pages)


def _environment(templates: Path, data: Dataset) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.globals.update(
        data=data, KIND_ZH=KIND_ZH, KIND_EN=KIND_EN, TERM_KIND_ZH=TERM_KIND_ZH,
        qualifier_label=lambda q: " + ".join(
            f"{data.qualifiers[x]['zh']} {data.qualifiers[x]['name_en']}" for x in q.split("+") if x
        ),
    )
    env.filters["markdown"] = lambda text: Markup(_markdown.renderInline(text or ""))
    env.filters["chart_json"] = lambda spec: Markup(spec.replace("</", "<\\/"))
    return env


class TermLinker:
    """Links every glossary term where it occurs in a paragraph of a source text."""

    def __init__(self, data: Dataset):
        self.slug_of = {m: t.slug for t in data.terms.values() for m in t.match}
        self.pattern = term_pattern(list(self.slug_of)) if self.slug_of else None

    def __call__(self, text: str, root: str) -> Markup:
        out, last = [], 0
        for m in self.pattern.finditer(text) if self.pattern else []:
            out.append(html.escape(text[last:m.start()]))
            href = f"{root}glossary/{self.slug_of[m.group(0)]}/"
            out.append(f'<a class="term" href="{href}">{html.escape(m.group(0))}</a>')
            last = m.end()
        out.append(html.escape(text[last:]))
        linked = "".join(out)
        # Footnote markers become links to the footnote paragraph.
        return Markup(FOOTNOTE_REF.sub(r'<sup class="fnref"><a href="#fn\1">\1</a></sup>', linked))


def _blocks(src, linker: TermLinker) -> list[dict]:
    """Paragraphs of a source, with consecutive table rows gathered into one table."""
    blocks: list[dict] = []
    for para in src.text.paragraphs:
        if para.kind == "row":
            if not blocks or blocks[-1]["kind"] != "table":
                blocks.append({"kind": "table", "rows": []})
            blocks[-1]["rows"].append({"anchor": para.anchor, "cells": [linker(c, "../../") for c in para.cells]})
        else:
            blocks.append({"kind": para.kind, "anchor": para.anchor, "html": linker(para.text, "../../")})
    return blocks

