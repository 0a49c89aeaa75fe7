"""Broken copies of data/: the build names file, line and field of every problem and publishes nothing."""
import pytest
from conftest import indicator_row, run_build

from govreports.errors import DataError
from govreports.load.read import TABLES
from govreports.pipeline import check

OBS = "observations/yuzhong-2019-work-report.csv"


def edit(data, name, old, new, count=1):
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(data, name, needle):
    for n, line in enumerate((data / name).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(needle)


def problems(data):
    with pytest.raises(DataError) as e:
        check(data)
    return [str(p) for p in e.value.problems]


def test_the_real_data_is_valid():
    from conftest import DATA
    data = check(DATA)
    assert len(data.observations) > 100


def test_malformed_csv_names_the_line(data_copy):
    n = line_of(data_copy, OBS, "预计全年地区生产总值突破1200亿元")
    edit(data_copy, OBS, "预计全年地区生产总值突破1200亿元", '"预计全年地区生产总值突破1200亿元')
    out = problems(data_copy)
    assert len(out) == 1 and out[0].startswith(f"{OBS}:{n}: malformed CSV"), out


def test_a_row_with_too_many_cells(data_copy):
    n = line_of(data_copy, "indicators.csv", "gdp-per-capita,")
    edit(data_copy, "indicators.csv", "gdp-per-capita,人均地区生产总值,", "gdp-per-capita,人均地区生产总值,extra,")
    columns = len(TABLES["indicators.csv"])
    assert f"indicators.csv:{n}: {columns + 1} cells: expected {columns}" in "\n".join(problems(data_copy))


def test_duplicate_id(data_copy):
    path = data_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("gdp,"))
    path.write_text("\n".join(lines + [lines[first]]) + "\n", encoding="utf-8")
    out = problems(data_copy)
    assert f"indicators.csv:{len(lines) + 1}: id: duplicate id 'gdp' (first on line {first + 1})" in out


def test_unknown_indicator_and_unknown_source(data_copy):
    n = line_of(data_copy, OBS, "gdp-growth,yuzhong,2018")
    edit(data_copy, OBS, "gdp-growth,yuzhong,2018", "gdp-growht,yuzhong,2018")
    edit(data_copy, OBS, "yuzhong-2019-work-report,预计全年", "yuzhong-2091-work-report,预计全年")
    out = problems(data_copy)
    assert any(p.startswith(f"{OBS}:{n}: indicator: unknown indicator 'gdp-growht'") for p in out), out
    assert any(": source: unknown source 'yuzhong-2091-work-report'" in p for p in out), out


def test_non_numeric_value(data_copy):
    n = line_of(data_copy, OBS, "gdp-growth,yuzhong,2018")
    edit(data_copy, OBS, "gdp-growth,yuzhong,2018,estimate,1,", "gdp-growth,yuzhong,2018,estimate,1%,")
    assert f"{OBS}:{n}: value: expected a number or blank, found '1%'" in problems(data_copy)


def test_quote_not_in_source(data_copy):
    n = line_of(data_copy, OBS, "gdp-growth,yuzhong,2018")
    edit(data_copy, OBS, "增长1%左右,%,yuzhong-2019-work-report,预计全年地区生产总值突破1200亿元", "增长1%左右,%,yuzhong-2019-work-report,预计全年地区生产总值突破1300亿元")
    out = problems(data_copy)
    assert any(p.startswith(f"{OBS}:{n}: quote: does not occur in source 'yuzhong-2019-work-report'") for p in out), out


def test_quote_in_the_wrong_source(data_copy):
    n = line_of(data_copy, OBS, "gdp-growth,yuzhong,2018")
    text = (data_copy / OBS).read_text(encoding="utf-8").splitlines()[n - 1]
    (data_copy / OBS).write_text(
        (data_copy / OBS).read_text(encoding="utf-8").replace(text, text.replace("yuzhong-2019-work-report", "yuzhong-2024-work-report")),
        encoding="utf-8",
    )
    out = problems(data_copy)
    assert any(p.startswith(f"{OBS}:{n}: quote: does not occur in source 'yuzhong-2024-work-report'") for p in out), out


def test_unknown_unit_and_unconvertible_unit(data_copy):
    edit(data_copy, OBS, "gdp-growth,yuzhong,2018,estimate,1,about,增长1%左右,%,", "gdp-growth,yuzhong,2018,estimate,1,about,增长1%左右,percent,")
    edit(data_copy, "indicators.csv", "gdp,地区生产总值,GDP,亿元,", "gdp,地区生产总值,GDP,天,")
    out = "\n".join(problems(data_copy))
    assert "unit: unknown unit 'percent'" in out
    assert "unit: '亿元' cannot be converted to the indicator's unit '天'" in out


def test_every_problem_is_reported_in_one_run(data_copy):
    edit(data_copy, "indicators.csv", "gdp-per-capita,人均地区生产总值,GDP per capita,万元,", "gdp-per-capita,人均地区生产总值,GDP per capita,万万元,")
    edit(data_copy, OBS, "gdp-growth,yuzhong,2018,estimate,1,", "gdp-growth,yuzhong,2018,estimate,one,")
    edit(data_copy, "sources.csv", "2019-01-13", "2019-13-01")
    out = problems(data_copy)
    assert len(out) >= 3
    assert {p.split(":")[0] for p in out} >= {"indicators.csv", OBS, "sources.csv"}


def test_malformed_yaml(data_copy):
    path = data_copy / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n- slug: [unclosed\n", encoding="utf-8")
    out = problems(data_copy)
    assert len(out) == 1 and out[0].startswith("glossary.yml:") and "malformed YAML" in out[0]


def test_numbered_formula_components_must_match_its_digits(data_copy):
    path = data_copy / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8") + """
- slug: "321"
  term: "321"
  pinyin: "sān èr yī"
  english: "test"
  kind: numbered-formula
  definitions: []
  components:
    - {label: three, items: [a, b, c]}
    - {label: two, items: [a]}
    - {label: one, items: [a]}
""", encoding="utf-8")
    out = "\n".join(problems(data_copy))
    assert "components: the digits of '321' call for groups of 3+2+1 items, found 3+1+1" in out


def test_renaming_cycle(data_copy):
    edit(data_copy, "indicators.csv", indicator_row("invention-patents-per-10k", "万人发明专利拥有量", "Invention patents per 10 000 people", "件"),
         indicator_row("invention-patents-per-10k", "万人发明专利拥有量", "Invention patents per 10 000 people", "件", predecessor="high-tech-enterprises",
                       change_kind="redefined", change_source="yuzhong-2025-plan-report", change_quote="将“万人发明专利拥有量”调整为“高新技术企业数量”"))
    assert any("renaming cycle" in p for p in problems(data_copy))


def test_bad_input_leaves_the_published_site_untouched(data_copy, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("published before", encoding="utf-8")
    edit(data_copy, OBS, "gdp-growth,yuzhong,2018,estimate,1,", "gdp-growth,yuzhong,2018,estimate,x,")
    result = run_build(data_copy, site)
    assert result.returncode == 1
    assert f"{OBS}:" in result.stderr and "value: expected a number" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "published before"
