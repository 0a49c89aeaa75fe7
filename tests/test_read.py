"""The one text decoder and the one CSV reader of govreports/load/read.py, which the build, ingest,
the glossary dates and the ingest benchmark share."""
import codecs

import pytest

from govreports.load.read import decode, line_at, parse_csv, read_text

TEXT = "一、2025年工作回顾\n地区生产总值增长5.9%。\n"


def test_data_files_are_utf8_and_a_byte_order_mark_is_dropped():
    assert decode(TEXT.encode("utf-8")) == (TEXT, "utf-8")
    assert decode(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == (TEXT, "utf-8-sig")
    with pytest.raises(UnicodeDecodeError):
        decode(TEXT.encode("gbk"))  # the build takes UTF-8 only


def test_files_from_elsewhere_may_be_gbk_or_utf16():
    assert decode(TEXT.encode("gbk"), others=True) == (TEXT, "gb18030")
    assert decode(TEXT.encode("utf-16"), others=True) == (TEXT, "utf-16")
    assert decode(TEXT.encode("utf-8"), others=True) == (TEXT, "utf-8")


def test_an_unreadable_file_says_where_it_stops_being_utf8():
    raw = "第一行\n第二行".encode("utf-8") + b"\x81\x30\xff\xfe"
    with pytest.raises(UnicodeDecodeError) as e:
        decode(raw, others=True)
    assert line_at(raw, e.value.start) == 2
    with pytest.raises(UnicodeDecodeError):
        decode(codecs.BOM_UTF8 + TEXT.encode("gbk"), others=True)  # a UTF-8 mark on another encoding is no GBK file


def test_read_text_reports_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "report.txt"
    first = "第一行\n".encode("utf-8")
    path.write_bytes(first + b"\xff" + TEXT.encode("utf-8"))
    problems = []
    assert read_text(path, "texts/report.txt", problems) is None
    assert [str(p) for p in problems] == [f"texts/report.txt:2: not UTF-8 (byte {len(first)}): save the file as UTF-8"]


def test_the_csv_reader_keeps_lines_and_may_allow_more_columns():
    text = "id,name\n a ,\"两行\n的名字\"\n\nb,乙\n"
    problems = []
    rows = parse_csv(text, ["id", "name"], "t.csv", problems)
    assert [(r.line, dict(r)) for r in rows] == [(2, {"id": "a", "name": "两行\n的名字"}), (5, {"id": "b", "name": "乙"})]
    assert not problems
    rows = parse_csv("id,name,comment\nb,乙,ok\n", ["id", "name"], "t.csv", problems, more=True)
    assert dict(rows[0]) == {"id": "b", "name": "乙", "comment": "ok"} and not problems
    parse_csv("id,name,comment\nb,乙,ok\n", ["id", "name"], "t.csv", problems)
    assert [str(p) for p in problems] == ["t.csv:1: header: unknown comment: expected id,name"]
