from conftest import DATA

from govreports.load.texts import SourceText, split_paragraphs

PLAN = (DATA / "texts" / "yuzhong-2025-plan-report.txt").read_text(encoding="utf-8")


def test_every_non_blank_line_is_a_paragraph_with_its_own_anchor():
    paras = split_paragraphs("第一段。\n\n第二段。\n第三段。\n")
    assert [(p.anchor, p.text) for p in paras] == [("p1", "第一段。"), ("p2", "第二段。"), ("p3", "第三段。")]


def test_table_rows_keep_empty_cells_and_join_wrapped_cells():
    text = SourceText(PLAN)
    row = text.find("全员劳动生产率 万元/人 预期性 保持全市前列 保持全市前列")
    assert row.kind == "row"
    assert row.cells == ["8", "", "全员劳动生产率", "万元/人", "预期性", "保持全市前列", "保持全市前列"]


def test_the_plan_report_has_52_footnotes_and_two_tables():
    paras = SourceText(PLAN).paragraphs
    assert [p.anchor for p in paras if p.kind == "footnote"] == [f"fn{i}" for i in range(52)]
    assert sum(p.kind == "row" for p in paras) == 2 + 26 + 25  # two header rows, 26 and 25 indicators


def test_footnote_text_is_split_from_the_paragraph_it_follows():
    text = SourceText(PLAN)
    fn = text.find("“4311”：指聚力发展现代金融")
    assert fn.anchor == "fn4" and fn.text.startswith("“4311”：指") and fn.text.endswith("新兴产业集群。")


def test_quotes_match_ignoring_white_space_only():
    text = SourceText("地区生产总值增长 3%，区级一般公共预算收入 44.5 亿元左右。\n")
    assert text.contains("地区生产总值增长3%")
    assert not text.contains("地区生产总值增长3％")  # a full-width sign is a different character
    assert not text.contains("地区生产总值增长4%")


def test_after_selects_the_second_table():
    text = SourceText(PLAN)
    row = "地区生产总值（GDP）增速 % 预期性 6左右 6左右"
    first, second = text.find(row), text.find(row, after="2024年预计完成情况 2025年预期目标")
    assert first.anchor != second.anchor
    assert text.find(row, after="no such words") is None


def test_anchors_do_not_depend_on_anything_but_the_text():
    assert [p.anchor for p in SourceText(PLAN).paragraphs] == [p.anchor for p in SourceText(PLAN).paragraphs]
