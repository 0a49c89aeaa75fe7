"""Charts you can take away (issue 25): each chart's PNG and SVG image, its data as CSV and a page to
embed it, drawn at build time without a browser; every page's link preview tags."""
import codecs
import re
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pandas as pd
import pytest

from govreports.render.charts import plotted

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def site(build):
    return build.site


@pytest.fixture(scope="module")
def dataset(build):
    return build.dataset


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    return struct.unpack(">II", data[16:24])


def links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]+)"', html))


def test_an_indicator_chart_offers_png_svg_csv_and_an_embed_page(site, dataset):
    iid = dataset.rows[0]["indicator_id"]
    ind, rows = dataset.indicators[iid], dataset.records_of(iid)
    folder = site / "indicators" / iid
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert {"chart.png", "chart.svg", "chart.csv", "embed/"} <= {h.removeprefix(f"../../indicators/{iid}/") for h in links(page)}
    svg = (folder / "chart.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # a document of its own, which any SVG tool opens
    texts = " ".join(root.itertext())
    assert ind.name_zh in texts and dataset.meta["licence"] in texts and dataset.meta["version"] in texts and "来源 Source" in texts
    width, height = png_size((folder / "chart.png").read_bytes())
    assert (width, height) == (int(root.get("width")), int(root.get("height")))
    table = pd.read_csv(folder / "chart.csv", dtype=str, keep_default_na=False)
    assert (folder / "chart.csv").read_bytes().startswith(codecs.BOM_UTF8)
    points = plotted(rows)
    assert len(table) == len(points) and set(table["observation_id"]) == {point["id"] for *_, point, _ in points}
    embed = (folder / "embed" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-header' not in embed and 'class="md-sidebar' not in embed and "cite-box" not in embed  # the chart alone
    assert ind.name_zh in embed and "来源 Source" in embed and f'rel="license">{dataset.meta["licence"]}</a>' in embed
    assert f'href="../../../indicators/{iid}/"' in embed and '<base target="_blank">' in embed  # a link back, out of the frame
    assert 'class="static-chart"' in embed
    code = re.search(r'<details class="embed-code">.*?<code data-relative-src="([^"]+)">(.*?)</code>', page, re.S)
    assert code.group(1) == f"indicators/{iid}/embed/" and f'&lt;iframe src="{code.group(1)}"' in code.group(2)


def test_every_chart_has_its_images_data_and_embed_page(site, dataset):
    charted = [iid for iid in dataset.indicators if plotted(dataset.records_of(iid))]
    used = [slug for slug, t in dataset.terms.items() if t.occurrences]
    folders = [f"indicators/{i}" for i in charted] + [f"glossary/{s}" for s in used] + ["scoreboard"]
    assert len(charted) > len(dataset.indicators) // 2 and used
    for folder in folders:
        for name in ("chart.png", "chart.svg", "chart.csv", "embed/index.html"):
            assert (site / folder / name).is_file(), f"{folder}/{name}"
    assert len(list(site.glob("**/embed/index.html"))) == len(folders)
    for slug in dataset.terms:  # every term has a card for its link preview
        assert png_size((site / "glossary" / slug / "card.png").read_bytes()) > (0, 0), slug


def test_the_png_draws_chinese_with_the_font_installed_from_pypi():
    """Drawn with the font that `pip install -r requirements.txt` brings, not whatever the machine has:
    the same text drawn without it leaves the image blank. Drawn again, a picture gives the same bytes (two
    builds from nothing give the same site; test_output's pair lends the second the first's images)."""
    import resvg

    from govreports.publish import chart_images

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="28" font-size="24">渝中区</text></svg>'
    unfonted_options = resvg.usvg.Options.default()
    drawn = chart_images.draw(svg, chart_images.options())
    blank = chart_images.draw(svg.replace("渝中区", ""), unfonted_options)
    unfonted = chart_images.draw(svg, unfonted_options)
    assert unfonted == blank and drawn != blank
    assert chart_images.draw(svg, chart_images.options()) == drawn


class MetaTags(HTMLParser):
    """The tags a link preview service reads: <meta property|name=… content=…> and the <title>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        key = a.get("property") or a.get("name")
        if tag == "meta" and key and (key.startswith("og:") or key.startswith("twitter:")):
            self.tags.setdefault(key, a.get("content") or "")


def preview_tags(path) -> dict[str, str]:
    parser = MetaTags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def site_pages(site):
    """Every page a reader can open: the theme's pages and the embed pages, not the redirects of old addresses."""
    return [p for p in sorted(site.rglob("index.html")) if "search-index" not in p.parts and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def pictured(site, folder) -> bool:
    """Whether a page has a picture for its preview: its chart, or a term's card."""
    parts = folder.relative_to(site).parts
    if parts[-1:] == ("embed",) or (folder / "chart.png").is_file() or (folder / "card.png").is_file():
        return True
    return parts[:1] == ("compare",) and len(parts) == 2 and (site / "indicators" / parts[1] / "chart.png").is_file()


def test_every_page_carries_its_link_preview(site, dataset):
    pages = site_pages(site)
    assert len(pages) > len(dataset.indicators) + len(dataset.terms)
    for page in pages:
        tags = preview_tags(page)
        for key in ("og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title", "twitter:description"):
            assert tags.get(key), (page, key)
        assert tags["twitter:card"] == ("summary_large_image" if pictured(site, page.parent) else "summary"), page
    term = next(t for t in dataset.terms.values() if t.definitions)
    tags = preview_tags(site / "glossary" / term.slug / "index.html")
    assert tags["og:title"] == term.term and term.definitions[0].quote[:40] in tags["og:description"]


def test_an_indicators_chart_is_made_once_for_the_pages_that_draw_it(small_data, tmp_path, monkeypatch):
    """Its page, its comparison and its chart alone are rendered one after the other by one process, which makes
    the chart once for the three and then forgets it (kept for every indicator, the charts took 150 MB at
    10,000 indicators, and a page and its comparison rendered by two processes made it twice)."""
    from govreports.pipeline import check, render_pages
    from govreports.render import contexts

    made, figure = tmp_path / "made", contexts.indicator_figure

    def counted(rows, *args):  # in whichever process renders the page
        with made.open("a", encoding="utf-8") as f:
            f.write(rows[0]["indicator_id"] + "\n")
        return figure(rows, *args)

    monkeypatch.setattr(contexts, "indicator_figure", counted)
    ids = list(check(small_data).indicators)
    out = tmp_path / "out"
    render_pages(small_data, out, {(kind, key) for i in ids for kind, key in (("indicator", i), ("compare", i), ("embed", f"indicators/{i}"))})
    assert list((out / "compare").glob("*.md")) and list((out / "indicators").glob("*/embed/index.html"))
    assert sorted(made.read_text(encoding="utf-8").split()) == sorted(ids)
