"""Read data/ as it is: every record keeps the file and line it came from.

Nothing here judges the content; problems that stop a file from being read at all
(encoding, CSV shape, YAML syntax) are collected, the rest is validate's job.
"""
from __future__ import annotations

import codecs
import csv
import functools
import io
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem
from .texts import SourceText, source_text

# The columns each table must have; optional columns may be blank but must be present.
TABLES = {
    "districts.csv": ["id", "name_zh", "name_en", "colour"],
    "kinds.csv": ["id", "name_zh", "name_en"],
    "categories.csv": ["id", "name_zh", "name_en"],
    "units.csv": ["id", "name_en", "dimension", "factor"],
    "qualifiers.csv": ["id", "zh", "name_en", "bound", "strict", "promise", "meaning"],
    "promises.csv": ["id", "zh", "name_en", "meaning"],
    "periods.csv": ["id", "zh", "name_en", "cues", "meaning"],
    "sources.csv": ["id", "district", "year", "title", "kind", "date", "date_note", "file", "covers", "part", "publisher", "url", "url_note", "note"],
    "indicators.csv": [
        "id", "name_zh", "name_en", "unit", "category", "higher_is_better", "aliases",
        "predecessor", "change_kind", "change_source", "change_quote", "parts", "note",
    ],
    "glossary-ignore.csv": ["candidate", "reason"],
    "glossary-versions.csv": ["slug", "hash", "changed"],
    "status-overrides.csv": ["indicator", "district", "year", "status", "reason"],
    "agencies.csv": ["id", "name", "name_en", "kind", "aliases"],
    "tasks.csv": ["source", "number", "section", "subsection", "text", "lead", "responsible"],
    "dismissal-reasons.csv": ["id", "name_en", "meaning"],
    "verdicts.csv": ["indicator", "district", "year", "verdict", "source", "quote", "after", "note"],
    "synonyms.csv": ["indicator", "synonym"],
    "series-breaks.csv": ["indicator", "district", "year", "source", "quote", "after", "note"],
    "measure-pairs.csv": ["indicator", "other", "same", "reason"],
    # Vocabularies: the labels and colours of what the code names by id.
    "statuses.csv": ["id", "zh", "name_en", "colour", "meaning"],
    "value-kinds.csv": ["id", "zh", "name_en", "meaning"],
    "target-changes.csv": ["id", "zh", "name_en", "symbol", "meaning"],
    "ambitions.csv": ["id", "zh", "name_en", "meaning"],
    "term-kinds.csv": ["id", "zh", "name_en"],
    "term-levels.csv": ["id", "zh", "name_en"],
}
DATASET_FILE = "dataset.yml"
DATASET_KEYS = ["title", "title_en", "name", "citation_prefix", "reports_en", "version", "released", "publisher", "licence", "licence_url", "site_url"]
OBSERVATION_COLUMNS = [
    "indicator", "district", "year", "period", "kind", "value", "qualifier", "value_text", "unit",
    "source", "quote", "after", "note",
]
# Columns an observations file may leave out (blank in every row): period is blank for the calendar year.
OPTIONAL_OBSERVATION_COLUMNS = ("period",)
OBSERVATIONS_DIR = "observations"
DISMISSAL_COLUMNS = ["source", "quote", "after", "figures", "reason", "note"]
DISMISSED_DIR = "dismissed"
GLOSSARY_FILE = "glossary.yml"
TEXTS_DIR = "texts"


class Record(dict):
    """One CSV row or YAML mapping, its values by column or key (one it lacks reads as blank), with where it
    stands. (A dict itself: the checks read a value tens of thousands of times a build.)"""

    __slots__ = ("file", "line", "lines")

    def __init__(self, file: str, line: int, values, lines: dict | None = None):
        super().__init__(values)
        self.file, self.line = file, line
        self.lines = lines or {}  # YAML: the line of each key

    def __missing__(self, key):
        return ""

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


@dataclass
class RawData:
    root: Path
    tables: dict[str, list[Record]] = field(default_factory=dict)
    observations: list[Record] = field(default_factory=list)
    dismissed: list[Record] = field(default_factory=list)  # figures set aside, with a reason
    glossary: list[Record] = field(default_factory=list)
    dataset: dict = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # file name → text
    problems: list[Problem] = field(default_factory=list)


def load(root: Path) -> RawData:
    root = Path(root)
    data = RawData(root=root)
    if not root.is_dir():
        data.problems.append(Problem(str(root), None, None, "data folder not found"))
        return data
    for name, columns in TABLES.items():
        data.tables[name] = read_csv(root / name, columns, name, data.problems)
    obs_dir = root / OBSERVATIONS_DIR
    files = sorted(obs_dir.glob("*.csv")) if obs_dir.is_dir() else []
    if not files:
        data.problems.append(Problem(f"{OBSERVATIONS_DIR}/", None, None, "expected at least one observations CSV file"))
    for path in files:
        rel = f"{OBSERVATIONS_DIR}/{path.name}"
        data.observations += read_csv(path, OBSERVATION_COLUMNS, rel, data.problems, OPTIONAL_OBSERVATION_COLUMNS)
    dismissed_dir = root / DISMISSED_DIR
    for path in sorted(dismissed_dir.glob("*.csv")) if dismissed_dir.is_dir() else []:
        data.dismissed += read_csv(path, DISMISSAL_COLUMNS, f"{DISMISSED_DIR}/{path.name}", data.problems)
    data.glossary = read_glossary(root / GLOSSARY_FILE, data.problems)
    data.dataset = read_dataset(root / DATASET_FILE, data.problems)
    texts_dir = root / TEXTS_DIR
    for path in sorted(texts_dir.glob("*.txt")) if texts_dir.is_dir() else []:
        text = read_text(path, f"{TEXTS_DIR}/{path.name}", data.problems)
        if text is not None:
            data.texts[path.name] = text
    return data


def read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    """The one way data files are read: a missing file, or one that is not UTF-8, is a problem and gives None.
    A byte-order mark is dropped."""
    if not path.is_file():
        problems.append(Problem(rel, None, None, "file not found"))
        return None
    raw = path.read_bytes()
    try:
        return decode(raw)[0]
    except UnicodeDecodeError as e:
        problems.append(Problem(rel, line_at(raw, e.start), None, f"not UTF-8 (byte {e.start}): save the file as UTF-8"))
        return None


def decode(raw: bytes, others: bool = False) -> tuple[str, str]:
    """The one text decoder: UTF-8, a byte-order mark dropped; with `others` (a file from elsewhere, which
    ingest converts), also UTF-16 with a byte-order mark and GBK/GB18030, the usual Chinese Windows encoding.
    Returns the text and the encoding it was read in (utf-8, utf-8-sig, utf-16, gb18030); when it is none
    of these, raises UTF-8's UnicodeDecodeError, which says where the file stops being UTF-8."""
    if others and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            others = False  # not UTF-16 after all, and no other encoding starts so
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as not_utf8:
        if not others or raw.startswith(codecs.BOM_UTF8):
            raise
        try:
            return raw.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise not_utf8 from None
    return (text[1:], "utf-8-sig") if text.startswith("\ufeff") else (text, "utf-8")


@functools.lru_cache(maxsize=4)
def _parsed_glossary(text: str, rel: str) -> bytes:
    """The glossary's items (with their lines), its repeated keys and its YAML problem, pickled: parsing it took
    a third of checking the data, which the preview does on every save, mostly of other files."""
    duplicates: list[tuple] = []

    def loader(text: str) -> _LineLoader:
        reader = _LineLoader(text)
        reader.duplicate_keys = duplicates
        return reader

    problems: list[Problem] = []
    items = _parse_yaml(text, rel, problems, loader)
    return pickle.dumps((items, duplicates, problems), protocol=pickle.HIGHEST_PROTOCOL)


def _read_yaml(path: Path, rel: str, problems: list[Problem], loader=yaml.SafeLoader):
    """A YAML file's content, or None with a problem (file, encoding or syntax) recorded."""
    text = read_text(path, rel, problems)
    return None if text is None else _parse_yaml(text, rel, problems, loader)


def _parse_yaml(text: str, rel: str, problems: list[Problem], loader=yaml.SafeLoader):
    reader = None
    try:
        reader = loader(text)  # the pure-Python reader already rejects unprintable characters here
        return reader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problems.append(Problem(rel, mark.line + 1 if mark else None, None, f"malformed YAML: {getattr(e, 'problem', e)}"))
        return None
    finally:
        if reader is not None:
            reader.dispose()


def read_csv(path: Path, columns: list[str], rel: str, problems: list[Problem], optional: tuple = ()) -> list[Record]:
    """The rows of a data table, each with the line it starts on; a missing column, an unknown one or a row
    of another length is a problem."""
    text = read_text(path, rel, problems)
    return [] if text is None else parse_csv(text, columns, rel, problems, optional)


def parse_csv(text: str, columns: list[str], rel: str, problems: list[Problem], optional: tuple = (), more: bool = False) -> list[Record]:
    """The one CSV reader, of a text already read. `optional` columns may be missing (blank in every row);
    with `more`, columns beyond `columns` are kept (a review file a spreadsheet program added a column to)."""
    if not text.strip():
        problems.append(Problem(rel, 1, None, f"empty file: expected a header row {','.join(columns)}"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1  # the line the record being read starts on: a stray quote can swallow the lines after it
    try:
        header = next(reader)
        missing = [c for c in columns if c not in header and c not in optional]
        unknown = [] if more else [c for c in header if c not in columns]
        if missing or unknown:
            what = (["missing " + ", ".join(missing)] if missing else []) + (["unknown " + ", ".join(unknown)] if unknown else [])
            problems.append(Problem(rel, 1, "header", f"{'; '.join(what)}: expected {','.join(columns)}"))
            return []
        records, blank = [], dict.fromkeys(optional, "")
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(header):
                    problems.append(Problem(rel, start, None, f"{len(row)} cells: expected {len(header)} ({','.join(header)})"))
                else:
                    cells = zip(header, map(str.strip, row))
                    records.append(Record(rel, start, blank | dict(cells) if blank else cells))
            start = reader.line_num + 1
        return records
    except csv.Error as e:
        problems.append(Problem(rel, start, None, f"malformed CSV in the row that starts here: {e} (check the quotation marks)"))
        return []


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Keeps the line of every mapping and of each of its keys. (libyaml's parser, where PyYAML has it, is
    ten times faster than the pure-Python one.)"""

    def construct_mapping(self, node, deep=False):
        # YAML lets a repeated key silently replace the first; here it is an error.
        seen = {}
        for key, _ in node.value:
            if hasattr(key, "value") and key.value in seen:
                self.duplicate_keys.append((seen[key.value], key.value, key.start_mark.line + 1))
            elif hasattr(key, "value"):
                seen[key.value] = key.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
        return mapping


def read_glossary(path: Path, problems: list[Problem]) -> list[Record]:
    rel = path.name
    text = read_text(path, rel, problems)
    if text is None:
        return []
    items, duplicates, found = pickle.loads(_parsed_glossary(text, rel))
    problems.extend(found)
    for first, key, again in duplicates:
        problems.append(Problem(rel, first, key, f"duplicate key (again on line {again})"))
    if items is None:
        return []
    if not isinstance(items, list) or not items:
        problems.append(Problem(rel, 1, None, "expected a non-empty YAML list of terms"))
        return []
    records = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(rel, None, None, f"item {n}: expected a mapping with slug, term, …"))
            continue
        line = item.pop("__line__")
        lines = item.pop("__lines__")
        records.append(Record(rel, line, _strip_lines(item), lines))
    return records


def read_dataset(path: Path, problems: list[Problem]) -> dict:
    rel = path.name
    found = len(problems)
    meta = _read_yaml(path, rel, problems)
    if len(problems) > found:  # not read: nothing more to say about it
        return {}
    if not isinstance(meta, dict):
        problems.append(Problem(rel, 1, None, f"expected a mapping with {', '.join(DATASET_KEYS)}"))
        return {}
    for key in DATASET_KEYS:
        if not isinstance(meta.get(key), str) or (key != "site_url" and not meta[key].strip()):
            problems.append(Problem(rel, None, key, "expected a non-empty string" if key != "site_url" else "expected a string (may be empty)"))
    if isinstance(meta.get("released"), str) and meta["released"].strip() and not re.match(r"^\d{4}-\d{2}-\d{2}$", meta["released"]):
        problems.append(Problem(rel, None, "released", f"expected the version's date as YYYY-MM-DD, found {meta['released']!r}"))
    if isinstance(meta.get("site_url"), str) and meta["site_url"] and not meta["site_url"].endswith("/"):
        problems.append(Problem(rel, None, "site_url", f"expected an address ending in '/', found {meta['site_url']!r}"))
    return {k: str(meta.get(k) or "") for k in DATASET_KEYS}


def _strip_lines(value):
    """Nested mappings (definitions, components) keep their line as `__line__` only."""
    if isinstance(value, dict):
        value.pop("__lines__", None)
        return {k: _strip_lines(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def line_at(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def parse_texts(raw: RawData) -> dict[str, SourceText]:
    """The text of each source that names a readable file, by source id."""
    out = {}
    for rec in raw.tables.get("sources.csv", []):
        text = raw.texts.get(rec["file"])
        if rec["id"] and text is not None:
            out[rec["id"]] = source_text(text)
    return out


def agency_names(value: str) -> list[str]:
    """The unit names in a 牵头单位 / 责任单位 cell: separated by 、, a closing 等 ("and others") dropped."""
    return [n.strip().removesuffix("等") for n in re.split(r"[、，,]", value) if n.strip()]
