"""Bad input: each case is a small broken copy of data/, checked in-process as the build
checks it. Every case must give a one-line problem naming file, line and (where there is one) field.
Line numbers are found in the data, so editing the data does not break a case.

A sample of cases also runs build.py: it exits with status 1, prints one line per problem, and leaves
the published site byte for byte as it was.
"""
import re
import shutil
import time

import pytest
from conftest import INDICATOR_COLUMNS, digest, indicator_row, run_build, source_row

from govreports.errors import DataError
from govreports.pipeline import check

OBS = "observations/yuzhong-2019-work-report.csv"
# Lines of the 4311 entry of the glossary that cases find their line numbers by.
SLUG_4311, PINYIN_4311, DEFINITION_4311 = '- slug: "4311"', 'pinyin: "sì sān yī yī"', 'quote: "“4311”'
RELATED_4311 = '"3-da-sheng-huo-xing-fu-wu-ye", "11241"]'
GDP_ROW = "gdp-growth,yuzhong,2018,estimate,1,about,增长1%左右,%,yuzhong-2019-work-report,预计全年地区生产总值突破1200亿元、增长1%左右,,"


def sub(name, old, new):
    def mutate(data):
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def append(name, text):
    def mutate(data):
        with (data / name).open("a", encoding="utf-8") as fh:
            fh.write(text)
    return mutate


def write(name, content: bytes):
    def mutate(data):
        (data / name).write_bytes(content)
    return mutate


def delete(name):
    def mutate(data):
        target = data / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return mutate


def in_term(field_line, new_line):
    """Change one line inside the 4311 entry of the glossary."""
    return sub("glossary.yml", '- slug: "4311"\n' + field_line, '- slug: "4311"\n' + new_line)


CASES = [
    # files that cannot be read as they are
    ("malformed CSV quote", sub(OBS, GDP_ROW, '"' + GDP_ROW), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: malformed CSV"),
    ("too many cells", sub("indicators.csv", "gdp-per-capita,人均地区生产总值,", "gdp-per-capita,人均地区生产总值,x,"), rf"^indicators\.csv:\d+: {len(INDICATOR_COLUMNS) + 1} cells: expected {len(INDICATOR_COLUMNS)}"),
    ("too few cells", sub("districts.csv", "dadukou,大渡口区,Dadukou District,", "dadukou,大渡口区,"), r"^districts\.csv:\d+: 3 cells: expected 4"),
    ("bad district colour", sub("districts.csv", "Dadukou District,#1f77b4", "Dadukou District,blue"), r"^districts\.csv:\d+: colour: expected a colour #rrggbb"),
    ("missing column", sub(OBS, "indicator,district,year,", "indicator,year,"), rf"^{OBS}:1: header: missing district"),
    ("unknown column", sub("units.csv", "id,name_en,dimension,factor", "id,name_en,dimension,factor,colour"), r"^units\.csv:1: header: unknown colour"),
    ("empty file", write("categories.csv", b""), r"^categories\.csv:1: empty file"),
    ("synonym of an unknown indicator", append("synonyms.csv", "no-such-indicator,gross output\n"), r"^synonyms\.csv:\d+: indicator: unknown indicator 'no-such-indicator'"),
    ("synonym twice", append("synonyms.csv", "gdp,Gross Domestic Product\n"), lambda at: rf"^synonyms\.csv:\d+: synonym: duplicate synonym \(first on line {at('synonyms.csv', 'gdp,gross domestic product')}\)"),
    ("wrong encoding", write("districts.csv", "id,name_zh,name_en\nyuzhong,渝中区,Yuzhong\n".encode("gbk")), r"^districts\.csv:2: not UTF-8"),
    ("missing file", delete("kinds.csv"), r"^kinds\.csv: file not found"),
    ("empty observations folder", lambda d: [p.unlink() for p in (d / "observations").glob("*.csv")], r"^observations/: expected at least one observations CSV file"),
    ("missing text", delete("texts/yuzhong-2019-work-report.txt"), lambda at: rf"^sources\.csv:{at('sources.csv', 'yuzhong-2019-work-report,')}: file: texts/yuzhong-2019-work-report\.txt not found"),
    ("malformed YAML", append("glossary.yml", "\n- slug: [unclosed\n"), r"^glossary\.yml:\d+: malformed YAML"),
    ("glossary not a list", write("glossary.yml", "slug: x\n".encode()), r"^glossary\.yml:1: expected a non-empty YAML list"),
    ("glossary item not a mapping", append("glossary.yml", "\n- just a string\n"), r"^glossary\.yml: item \d+: expected a mapping"),
    ("dataset key missing", sub("dataset.yml", "licence: CC BY 4.0\n", ""), r"^dataset\.yml: licence: expected a non-empty string"),
    ("site_url without slash", sub("dataset.yml", 'site_url: ""', 'site_url: "https://example.org/x"'), r"^dataset\.yml: site_url: expected an address ending in '/'"),
    # required fields
    ("value_text empty", sub(OBS, GDP_ROW, GDP_ROW.replace(",增长1%左右,%,", ",,%,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: value_text: empty"),
    ("quote empty", sub(OBS, GDP_ROW, GDP_ROW.replace("预计全年地区生产总值突破1200亿元、增长1%左右,,", ",,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: quote: empty"),
    ("indicator name empty", sub("indicators.csv", "gdp-per-capita,人均地区生产总值,", "gdp-per-capita,,"), lambda at: rf"^indicators\.csv:{at('indicators.csv', 'gdp-per-capita,')}: name_zh: empty"),
    ("term pinyin empty", in_term('  term: "4311"\n  pinyin: "sì sān yī yī"\n', '  term: "4311"\n  pinyin: ""\n'), lambda at: rf"^glossary\.yml:{at('glossary.yml', PINYIN_4311)}: pinyin: expected a non-empty string"),
    # duplicates
    ("duplicate indicator id", append("indicators.csv", indicator_row("gdp", "地区生产总值", "GDP", "亿元") + "\n"), r"^indicators\.csv:\d+: id: duplicate id 'gdp' \(first on line \d+\)"),
    ("change source without a change", append("indicators.csv", indicator_row("stray-change", "测试指标", "Test", "%", change_source="yuzhong-2019-work-report") + "\n"),
     r"^indicators\.csv:\d+: change_kind: expected one of"),
    ("duplicate source id", append("sources.csv", source_row("yuzhong-2019-work-report", "yuzhong", 2019) + "\n"), r"^sources\.csv:\d+: id: duplicate id 'yuzhong-2019-work-report'"),
    ("duplicate observation", append(OBS, GDP_ROW + "\n"), lambda at: rf"^{OBS}:\d+: quote: duplicate observation: same indicator, district, year, period, kind, source and quote \(first on line {at(OBS, GDP_ROW)}\)"),
    ("duplicate glossary slug", append("glossary.yml", '\n- slug: "4311"\n  term: "x"\n  pinyin: "x"\n  english: "x"\n  kind: slogan\n  definitions: []\n'), r"^glossary\.yml:\d+: slug: duplicate slug '4311' \(first on line \d+\)"),
    ("duplicate task", append("tasks.csv", "yuzhong-2023-task-breakdown,1,一、主要预期指标,,\"地区生产总值增长5%左右,争取实现更好的发展。\",区发改委,\n"), lambda at: rf"^tasks\.csv:\d+: number: duplicate task 1 \(first on line {at('tasks.csv', 'yuzhong-2023-task-breakdown,1,')}\)"),
    ("duplicate agency name", append("agencies.csv", "fagaiwei2,区发改委,x,department,\n"), r"^agencies\.csv:\d+: aliases: '区发改委' already names agency 'fagaiwei'"),
    ("source address not a web address", sub("sources.csv", '渝中区人民政府,,"No copy of the report', '渝中区人民政府,www.cqyz.gov.cn,"No copy of the report'), lambda at: rf"^sources\.csv:{at('sources.csv', 'yuzhong-2019-work-report,')}: url: expected an address starting http:// or https://, found 'www\.cqyz\.gov\.cn'"),
    ("source without address or reason", sub("sources.csv", '渝中区人民政府,,"No copy of the report, official or other, was found; the text names the district head of 重庆市渝中区人民政府 and the session of 2019-01-13.",', "渝中区人民政府,,,"), lambda at: rf"^sources\.csv:{at('sources.csv', 'yuzhong-2019-work-report,')}: url_note: empty: without a url, say why"),
    ("release date not a date", sub("dataset.yml", 'released: "2026-11-29"', 'released: "29.11.2026"'), r"^dataset\.yml: released: expected the version's date as YYYY-MM-DD, found '29\.11\.2026'"),
    # references to things that do not exist
    ("unknown district", sub(OBS, GDP_ROW, GDP_ROW.replace("gdp-growth,yuzhong,", "gdp-growth,jiangbei,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: district: unknown district 'jiangbei'"),
    ("unknown unit", sub(OBS, GDP_ROW, GDP_ROW.replace("左右,%,yuzhong", "左右,percent,yuzhong")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: unit: unknown unit 'percent'"),
    ("unknown indicator", sub(OBS, GDP_ROW, GDP_ROW.replace("gdp-growth,", "gdp-growht,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: indicator: unknown indicator 'gdp-growht'"),
    ("unknown source", sub(OBS, GDP_ROW, GDP_ROW.replace("%,yuzhong-2019-work-report,", "%,yuzhong-2091-work-report,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: source: unknown source 'yuzhong-2091-work-report'"),
    ("unknown qualifier", sub(OBS, GDP_ROW, GDP_ROW.replace(",about,", ",roughly,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: qualifier: unknown qualifier 'roughly'"),
    ("unknown kind", sub(OBS, GDP_ROW, GDP_ROW.replace(",estimate,", ",forecast,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: kind: expected one of target, estimate, result, found 'forecast'"),
    ("unknown category", sub("indicators.csv", "gdp-per-capita,人均地区生产总值,GDP per capita,万元,economy,", "gdp-per-capita,人均地区生产总值,GDP per capita,万元,economics,"), lambda at: rf"^indicators\.csv:{at('indicators.csv', 'gdp-per-capita,')}: category: unknown category 'economics'"),
    ("unknown predecessor", sub("indicators.csv", ",invention-patents-per-10k,redefined,", ",patents,redefined,"), r"^indicators\.csv:\d+: predecessor: unknown indicator 'patents'"),
    ("unknown related term", sub("glossary.yml", '"3-da-sheng-huo-xing-fu-wu-ye", "11241"]', '"3-da-sheng-huo-xing-fu-wu-ye", "no-such-term"]'), lambda at: rf"^glossary\.yml:{at('glossary.yml', RELATED_4311)}: related: unknown term slug 'no-such-term'"),
    ("related terms not a list", sub("glossary.yml", '  related: ["4-da-sheng-chan-xing-fu-wu-ye", ' + RELATED_4311, '  related: "11241"'), lambda at: rf"^glossary\.yml:{at('glossary.yml', RELATED_4311)}: related: expected a list"),
    ("duplicate YAML key", in_term('  term: "4311"\n', '  term: "4311"\n  related: []\n'), lambda at: rf"^glossary\.yml:{at('glossary.yml', SLUG_4311) + 2}: related: duplicate key \(again on line {at('glossary.yml', RELATED_4311) + 1}\)"),
    ("unknown definition source", sub("glossary.yml", "    - source: yuzhong-2025-plan-report\n      quote: \"“4311”", "    - source: yuzhong-2026-plan-report\n      quote: \"“4311”"), lambda at: rf"^glossary\.yml:{at('glossary.yml', DEFINITION_4311) - 1}: definitions\.source: unknown source 'yuzhong-2026-plan-report'"),
    ("unknown indicator of a term", sub("glossary.yml", '"11241"]\n  indicators: []', '"11241"]\n  indicators: ["gdp-grow"]'), lambda at: rf"^glossary\.yml:{at('glossary.yml', RELATED_4311) + 1}: indicators: unknown indicator 'gdp-grow'"),
    ("unknown override status", append("status-overrides.csv", "retail-sales-growth,yuzhong,2024,failed,x\n"), r"^status-overrides\.csv:\d+: status: expected one of met"),
    ("unknown task unit", sub("tasks.csv", ",区发改委,各产业主管部门", ",区发改委,各产业主管部门、区新设局"), lambda at: rf"^tasks\.csv:{at('tasks.csv', ',区发改委,各产业主管部门')}: responsible: unknown unit '区新设局'"),
    # values
    ("non-numeric value", sub(OBS, GDP_ROW, GDP_ROW.replace(",estimate,1,", ",estimate,1%,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: value: expected a number or blank, found '1%'"),
    ("value not as written", sub(OBS, GDP_ROW, GDP_ROW.replace(",estimate,1,", ",estimate,1.5,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: value: '1\.5' does not occur in value_text"),
    ("year out of range", sub(OBS, GDP_ROW, GDP_ROW.replace(",2018,", ",1800,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: year: expected a year between 1949 and 2100, found '1800'"),
    ("result from the future", sub(OBS, GDP_ROW, GDP_ROW.replace(",2018,", ",2020,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: year: a estimate for 2020 cannot come from a report of 2019"),
    ("unit of another dimension", sub(OBS, GDP_ROW, GDP_ROW.replace("左右,%,yuzhong", "左右,亿元,yuzhong")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: unit: '亿元' cannot be converted to the indicator's unit '%'"),
    ("direction not boolean", sub("indicators.csv", "gdp-per-capita,人均地区生产总值,GDP per capita,万元,economy,true", "gdp-per-capita,人均地区生产总值,GDP per capita,万元,economy,yes"), lambda at: rf"^indicators\.csv:{at('indicators.csv', 'gdp-per-capita,')}: higher_is_better: expected true or false, found 'yes'"),
    ("bad date", sub("sources.csv", "2019-01-13", "2019-13-01"), lambda at: rf"^sources\.csv:{at('sources.csv', '2019-01-13')}: date: expected the date the report was delivered or published, as YYYY-MM-DD, or YYYY-MM or YYYY"),
    ("report without a date", sub("sources.csv", "work-report,2019-01-13,", "work-report,,"), lambda at: rf"^sources\.csv:{at('sources.csv', 'yuzhong-2019-work-report,')}: date: expected the date .* found ''"),
    ("date outside the report's year", sub("sources.csv", "work-report,2019-01-13,", "work-report,2018-12-30,"), lambda at: rf"^sources\.csv:{at('sources.csv', 'yuzhong-2019-work-report,')}: date: 2018-12-30 is not in the report's year 2019"),
    ("a year for a date, without saying why", sub("sources.csv", '2019-01-13,"The day the report was delivered, as its heading gives it (2019年1月13日).",', "2019-01,,"), lambda at: rf"^sources\.csv:{at('sources.csv', 'yuzhong-2019-work-report,')}: date_note: empty: the date 2019-01 is not a day"),
    ("qualifier the rule cannot read", sub("qualifiers.csv", "at_least,以上,at least,floor,", "at_least,以上,at least,minimum,"), lambda at: rf"^qualifiers\.csv:{at('qualifiers.csv', 'at_least,')}: bound: expected floor, ceiling, approximate or blank \(no bound\), found 'minimum'"),
    ("strictness not true or false", sub("qualifiers.csv", "gt,＞,greater than,floor,true,", "gt,＞,greater than,floor,yes,"), lambda at: rf"^qualifiers\.csv:{at('qualifiers.csv', 'gt,')}: strict: expected true"),
    ("unknown promise", sub("qualifiers.csv", "ensure,确保,ensure,,false,firm,", "ensure,确保,ensure,,false,solemn,"), lambda at: rf"^qualifiers\.csv:{at('qualifiers.csv', 'ensure,')}: promise: unknown promise 'solemn'"),
    ("bad unit factor", sub("units.csv", "亿元,100 million yuan,yuan,100000000", "亿元,100 million yuan,yuan,lots"), r"^units\.csv:\d+: factor: expected a positive number, found 'lots'"),
    # quotes
    ("quote not in its source", sub(OBS, GDP_ROW, GDP_ROW.replace("突破1200亿元、增长1%左右,,", "突破1300亿元、增长1%左右,,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: quote: does not occur in source 'yuzhong-2019-work-report'"),
    ("quote in the wrong source", sub(OBS, GDP_ROW, GDP_ROW.replace("%,yuzhong-2019-work-report,", "%,yuzhong-2025-plan-report,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: (quote: does not occur in source 'yuzhong-2025-plan-report'|year: a estimate)"),
    ("definition not in its source", sub("glossary.yml", "“4311”：指聚力发展现代金融", "“4311”：指大力发展现代金融"), lambda at: rf"^glossary\.yml:{at('glossary.yml', DEFINITION_4311) - 1}: definitions\.quote: does not occur in source 'yuzhong-2025-plan-report'"),
    ("renaming quote not in its source", sub("indicators.csv", "将“万人发明专利拥有量”调整为“高新技术企业数量”", "将“万人发明专利”调整为“高新技术企业数量”"), lambda at: rf"^indicators\.csv:{at('indicators.csv', '将“万人发明专利拥有量”调整为“高新技术企业数量”')}: change_quote: does not occur in source"),
    ("after-text not found", sub("observations/yuzhong-2025-plan-report.csv", ",2024年预计完成情况 2025年预期目标,", ",2024年预计完成 2026年预期目标,"), r"^observations/yuzhong-2025-plan-report\.csv:\d+: quote: does not occur in source 'yuzhong-2025-plan-report' after"),
    ("task text not in its source", sub("tasks.csv", "区级一般公共预算收入增长5%。", "区级一般公共预算收入增长6%。"), lambda at: rf"^tasks\.csv:{at('tasks.csv', '区级一般公共预算收入增长5%。')}: text: does not occur in source"),
    # glossary structure
    ("slug with capitals", in_term('  term: "4311"\n', '  term: "4311"\n  old_slugs: ["Si-San"]\n'), r"^glossary\.yml:\d+: old_slugs: expected lower-case letters"),
    ("old slug collides", in_term('  term: "4311"\n', '  term: "4311"\n  old_slugs: ["1361"]\n'), r"^glossary\.yml:\d+: old_slugs: '1361' is already the slug or an old slug of another entry"),
    ("component counts against the formula", sub("glossary.yml", "      count: 16\n", "      count: 15\n"), r"^glossary\.yml:\d+: components: the groups' counts spell '415', not the formula '416'"),
    ("component count below its items", sub("glossary.yml", "      count: 4\n", "      count: 3\n"), r"^glossary\.yml:\d+: components: group '4大科创高地': count must be N or a whole number at least its 4 items, found 3"),
    ("components against digits", sub("glossary.yml", '      items: ["现代金融", "专业服务", "科创服务", "现代物流"]', '      items: ["现代金融", "专业服务", "科创服务"]'), r"^glossary\.yml:\d+: components: the digits of '4311' call for groups of 4\+3\+1\+1 items, found 3\+3\+1\+1"),
    ("unknown term kind", sub("glossary.yml", '  kind: "numbered-formula"\n  level: "district"\n  definitions:\n    - source: yuzhong-2025-plan-report\n      quote: "“4311”', '  kind: "formula"\n  level: "district"\n  definitions:\n    - source: yuzhong-2025-plan-report\n      quote: "“4311”'), r"^glossary\.yml:\d+: kind: expected one of numbered-formula"),
    ("a change of definition recorded as a value", sub(OBS, GDP_ROW, GDP_ROW.replace(",estimate,1,about,增长1%左右,", ",estimate,,,口径调整,")), lambda at: rf"^{OBS}:{at(OBS, GDP_ROW)}: value_text: 口径调整 is a change of definition, not a value: record it in series-breaks\.csv"),
    ("series break of an unknown indicator", append("series-breaks.csv", "no-such-indicator,yuzhong,2025,yuzhong-2025-plan-report,口径调整,,\n"), r"^series-breaks\.csv:\d+: indicator: unknown indicator 'no-such-indicator'"),
    ("series break not in its source", append("series-breaks.csv", "gdp,yuzhong,2025,yuzhong-2025-plan-report,口径已经调整,,\n"), r"^series-breaks\.csv:\d+: quote: does not occur in source 'yuzhong-2025-plan-report'"),
    ("measure paired with itself", append("measure-pairs.csv", "gdp,gdp,true,same words\n"), r"^measure-pairs\.csv:\d+: other: an indicator cannot be paired with itself"),
    ("measure pair without a decision", append("measure-pairs.csv", "gdp,gdp-growth,maybe,a level and its rate\n"), r"^measure-pairs\.csv:\d+: same: expected true \(one measure under two names\) or false"),
    ("measure pair without a reason", append("measure-pairs.csv", "gdp,gdp-growth,false,\n"), r"^measure-pairs\.csv:\d+: reason: empty"),
    ("renaming cycle", sub("indicators.csv", indicator_row("invention-patents-per-10k", "万人发明专利拥有量", "Invention patents per 10 000 people", "件"),
                            indicator_row("invention-patents-per-10k", "万人发明专利拥有量", "Invention patents per 10 000 people", "件", predecessor="high-tech-enterprises",
                                          change_kind="redefined", change_source="yuzhong-2025-plan-report", change_quote="将“万人发明专利拥有量”调整为“高新技术企业数量”")),
     r"^indicators\.csv:\d+: predecessor: renaming cycle: high-tech-enterprises → invention-patents-per-10k → high-tech-enterprises"),
    ("broader cycle", sub("glossary.yml", '- slug: "4311"\n  term: "4311"\n', '- slug: "4311"\n  term: "4311"\n  broader: ["4-da-sheng-chan-xing-fu-wu-ye"]\n'), r"^glossary\.yml:\d+: broader: broader-term cycle"),
    # vocabularies
    ("a status the rules give is missing", sub("statuses.csv", "missed,未达成,missed,#c62828,the outcome fell short of the target\n", ""), r"^statuses\.csv: id: 'missed' is missing: the rules give it"),
    ("a status the rules do not give", append("statuses.csv", "failed,失败,failed,#c62828,x\n"), r"^statuses\.csv:\d+: id: unknown 'failed': the rules give only met"),
    ("status colour not a colour", sub("statuses.csv", "met,达成,met,#2e7d32,", "met,达成,met,green,"), r"^statuses\.csv:\d+: colour: expected a colour #rrggbb, found 'green'"),
    ("unknown term level", sub("glossary.yml", '  level: "district"\n', '  level: "county"\n'), r"^glossary\.yml:\d+: level: expected one of national, municipal, district \(term-levels\.csv\) or blank, found 'county'"),
    ("empty data folder", lambda d: [shutil.rmtree(p) if p.is_dir() else p.unlink() for p in list(d.iterdir())], r"^districts\.csv: file not found"),
]


def line_finder(data):
    """at(file, words): the line of `file` (in data as it was before the case broke it) holding `words`."""
    def at(name, words):
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        return next(n for n, line in enumerate(lines, start=1) if words in line)
    return at


def test_the_real_data_is_valid():
    from conftest import DATA
    assert len(check(DATA).observations) > 100


def test_every_problem_is_reported_in_one_run(data_copy):
    for case in ("unknown unit", "bad unit factor", "bad date"):
        next(mutate for name, mutate, _ in CASES if name == case)(data_copy)
    with pytest.raises(DataError) as raised:
        check(data_copy)
    assert {str(p).split(":")[0] for p in raised.value.problems} >= {OBS, "units.csv", "sources.csv"}


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name, mutate, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input(name, mutate, expected, data_copy):
    pattern = expected(line_finder(data_copy)) if callable(expected) else expected
    mutate(data_copy)
    with pytest.raises(DataError) as raised:
        check(data_copy)
    problems = [str(p) for p in raised.value.problems]
    assert any(re.search(pattern, p) for p in problems), f"{pattern}\n" + "\n".join(problems)
    assert all(re.match(r"^[\w./-]+(:\d+)?: ", p) and "\n" not in p for p in problems), problems  # each names its file (and line)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A stand-in for a site published earlier."""
    site = tmp_path_factory.mktemp("published") / "site"
    (site / "glossary" / "4311").mkdir(parents=True)
    (site / "index.html").write_text("<title>published earlier</title>", encoding="utf-8")
    (site / "glossary" / "4311" / "index.html").write_text("<title>4311</title>", encoding="utf-8")
    return site


BUILT = ["malformed CSV quote", "unknown unit", "duplicate observation", "empty data folder"]


@pytest.mark.parametrize("name, mutate, expected", [c for c in CASES if c[0] in BUILT], ids=BUILT)
def test_build_py_stops_with_one_line_per_problem_and_publishes_nothing(name, mutate, expected, data_copy, published):
    pattern = expected(line_finder(data_copy)) if callable(expected) else expected
    before = digest(published)
    mutate(data_copy)
    result = run_build(data_copy, published)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].endswith("nothing was published:")
    assert any(re.search(pattern, p) for p in lines[1:]), result.stderr
    assert "Traceback" not in result.stderr
    assert digest(published) == before
    assert not list(published.parent.glob(".site.*"))  # no half-built site left beside it


@pytest.mark.parametrize("late", [False, True], ids=["model stopped", "verdict after the model"])
@pytest.mark.parametrize("case", ["unknown unit", "result from the future"])
def test_data_validated_while_it_is_modelled_records_nothing_when_it_is_not_valid(case, late, data_copy, published, tmp_path, monkeypatch):
    """Large data is validated while another process models it (pipeline.run without `validated`): a glossary entry's
    date of change is recorded only once the data proved valid, whether the model failed on the error (an unknown unit)
    or not, was stopped by the verdict or finished before it, and the site is left as it was."""
    from govreports.model import dataset
    from govreports.pipeline import run
    from govreports.validate import checks

    if late:  # the verdict waits until the model has finished or failed (in the process forked to model the data)
        modelled, build, checked = tmp_path / "modelled", dataset.build, checks.checked

        def build_and_say(*args):
            try:
                return build(*args)
            finally:
                modelled.touch()

        def check_after_the_model(*args):
            deadline = time.monotonic() + 60
            while not modelled.exists():
                assert time.monotonic() < deadline, "the model did not end"
                time.sleep(0.01)
            return checked(*args)

        monkeypatch.setattr(dataset, "build", build_and_say)
        monkeypatch.setattr(checks, "checked", check_after_the_model)

    glossary = data_copy / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("4-3-1-1 modern industrial system", "4-3-1-1 industrial system", 1), encoding="utf-8")
    mutate, expected = next((mutate, expected) for name, mutate, expected in CASES if name == case)
    pattern = expected(line_finder(data_copy))
    mutate(data_copy)
    data_before, site_before = digest(data_copy), digest(published)
    with pytest.raises(DataError) as raised:
        run(data_copy, published, work=tmp_path / "work")
    assert any(re.search(pattern, str(p)) for p in raised.value.problems), raised.value.problems
    assert digest(data_copy) == data_before and digest(published) == site_before
