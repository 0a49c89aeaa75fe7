"""Every check of data/ in one pass: a list of problems, one line each, all reported together."""
from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

from ..collector import no_cycle_collection
from ..errors import DataError, Problem
from ..load.figures import dismissal_claim, held, kept_in
from ..load.numbers import reader
from ..load.read import RawData, Record, agency_names, load, parse_texts
from ..load.texts import SourceText, squeeze
from ..load.vocabulary import AMBITIONS, BOUNDS, CHANGE_KINDS, ID, RULE_STATUSES, TARGET_CHANGES, VALUE_KINDS, VERDICTS, YEARS

DIGITS = re.compile(r"\d")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
REDEFINED = "口径调整"  # what a plan table writes where a changed definition leaves no comparable figure


class FirstSeen:
    """The one duplicate check: remembers the first record of each key, and reports a later one as a
    duplicate naming where the first stands."""

    def __init__(self, add, field: str, what: str):
        self.add, self.field, self.what = add, field, what
        self.first: dict = {}

    def __call__(self, rec: Record, key, what: str = "", line: int | None = None) -> bool:
        """True for the first record of `key`; False, with a problem, for a later one."""
        first = self.first.setdefault(key, rec)
        if first is rec:
            return True
        where = f"line {first.line}" if first.file == rec.file else f"{first.file}:{first.line}"
        self.add(Problem(rec.file, line or rec.line, self.field, f"duplicate {what or self.what} (first on {where})"))
        return False


# The tables whose rows other files refer to by id: their ids are checked (present, unique) first.
ID_TABLES = ("districts.csv", "kinds.csv", "categories.csv", "units.csv", "qualifiers.csv", "promises.csv", "periods.csv",
             "sources.csv", "indicators.csv", "statuses.csv", "value-kinds.csv", "target-changes.csv", "ambitions.csv", "term-kinds.csv", "term-levels.csv",
             "dismissal-reasons.csv", "agencies.csv")


class Checks:
    """What every check shares: the problems found so far, each table's records by id, and the texts."""

    def __init__(self, raw: RawData, texts: dict[str, SourceText]):
        self.raw, self.texts = raw, texts
        self.problems: list[Problem] = list(raw.problems)
        self.add = self.problems.append
        self.ids = {name: self._ids(name) for name in ID_TABLES}

    def rows(self, name: str) -> list[Record]:
        return self.raw.tables.get(name, [])

    def _ids(self, name: str) -> dict[str, Record]:
        unique = FirstSeen(self.add, "id", "id")
        for rec in self.rows(name):
            if not rec["id"]:
                self.add(Problem(rec.file, rec.line, "id", "empty: every row needs an id"))
            else:
                unique(rec, rec["id"], f"id {rec['id']!r}")
        return unique.first

    def known(self, rec: Record, column: str, table: dict, what: str, required: bool = True) -> None:
        value = rec[column]
        if not value:
            if required:
                self.add(Problem(rec.file, rec.line_of(column), column, f"empty: expected a {what} id"))
        elif value not in table:
            self.add(Problem(rec.file, rec.line_of(column), column, f"unknown {what} {value!r}: expected one of {_few(table)}"))

    def quoted(self, rec: Record, source: str, quote: str, column: str, after: str = "", line: int | None = None) -> None:
        line = line or rec.line_of(column)
        if not quote:
            self.add(Problem(rec.file, line, column, "empty: every value needs the exact words of its source"))
        elif source in self.texts and not self.texts[source].contains(quote, after):
            where = f" after {after!r}" if after else ""
            self.add(Problem(rec.file, line, column, f"does not occur in source {source!r}{where}: {_short(quote)}"))

    def required(self, rec: Record, *columns: str) -> None:
        for c in columns:
            if not str(rec[c]).strip():
                self.add(Problem(rec.file, rec.line_of(c), c, "empty: a value is required"))

    def year(self, rec: Record, column: str) -> int | None:
        text = str(rec[column])
        if not text.isdigit() or int(text) not in YEARS:
            self.add(Problem(rec.file, rec.line, column, f"expected a year between {YEARS.start} and {YEARS.stop - 1}, found {text!r}"))
            return None
        return int(text)

    def listed(self, rec: Record, column: str, report: bool = True) -> list:
        """A YAML list; anything else is a problem (reported once, where `report`)."""
        value = rec.get(column, []) or []
        if not isinstance(value, list):
            if report:
                self.add(Problem(rec.file, rec.line_of(column), column, "expected a list"))
            return []
        return value


# Observations: data this large is validated while the model is made (pipeline.run); smaller data first, so that
# build.py reports its problems at once, before it imports the model's libraries (half a second).
VALIDATED_BESIDE_FROM = 20_000


def validate_first(read_data: tuple[RawData, dict[str, SourceText]], kept: Path | None = None) -> bool:
    """Validate data read (`read`) now unless it is large; raise DataError listing every problem. Whether it was."""
    raw, texts = read_data
    if len(raw.observations) >= VALIDATED_BESIDE_FROM:
        return False
    if problems := checked(raw, texts, kept):
        raise DataError(problems)
    return True


def read(data_dir) -> tuple[RawData, dict[str, SourceText]]:
    """Read data/ and its report texts, not yet validated; raise DataError listing every file that cannot be read.
    (Without the model's libraries, so that build.py reports a malformed file before it imports them.)"""
    with no_cycle_collection():
        raw = load(data_dir)
        return raw, parse_texts(raw)


def checked(raw: RawData, texts: dict[str, SourceText], kept: Path | None = None) -> list[Problem]:
    """Every problem of the data read; a report's figures are kept in `kept` (figures.kept_in)."""
    with no_cycle_collection(), kept_in(kept):
        return validate(raw, texts)


def validate(raw: RawData, texts: dict[str, SourceText]) -> list[Problem]:
    checks = Checks(raw, texts)
    for check in (_vocabularies, _districts_and_units, _sources, _indicators, _glossary_ignore, _observations, _dismissed,
                  _verdicts, _series_breaks, _measure_pairs, _tasks, _synonyms, _overrides, _glossary, _glossary_versions):
        check(checks)
    return checks.problems


def _vocabularies(c: Checks) -> None:
    # The rules name these by id: the vocabulary may relabel and reorder them, not add or drop one.
    for name, named in (("statuses.csv", RULE_STATUSES), ("value-kinds.csv", VALUE_KINDS), ("target-changes.csv", TARGET_CHANGES), ("ambitions.csv", AMBITIONS)):
        for missing in [i for i in named if i not in c.ids[name]]:
            c.add(Problem(name, None, "id", f"{missing!r} is missing: the rules give it (expected the ids {', '.join(named)})"))
        for rec in c.ids[name].values():
            if rec["id"] not in named:
                c.add(Problem(rec.file, rec.line, "id", f"unknown {rec['id']!r}: the rules give only {', '.join(named)}"))
    for rec in c.ids["statuses.csv"].values():
        if not COLOUR.match(rec["colour"]):
            c.add(Problem(rec.file, rec.line, "colour", f"expected a colour #rrggbb, found {rec['colour']!r}"))
    # How the rule reads each qualifier is data: a qualifier it cannot read would be judged as a plain figure.
    promises = c.ids["promises.csv"]
    for rec in c.ids["qualifiers.csv"].values():
        if rec["bound"] not in ("", *BOUNDS):
            c.add(Problem(rec.file, rec.line, "bound", f"expected {', '.join(BOUNDS)} or blank (no bound), found {rec['bound']!r}"))
        elif rec["bound"] and rec["bound"] not in promises:
            c.add(Problem(rec.file, rec.line, "bound", f"{rec['bound']!r} has no row in promises.csv, which labels it"))
        if rec["strict"] not in ("true", "false"):
            c.add(Problem(rec.file, rec.line, "strict", f"expected true (the value itself does not count) or false, found {rec['strict']!r}"))
        elif rec["strict"] == "true" and rec["bound"] not in ("floor", "ceiling"):
            c.add(Problem(rec.file, rec.line, "strict", "true only for a floor or a ceiling"))
        if rec["promise"] and rec["promise"] not in promises:
            c.add(Problem(rec.file, rec.line, "promise", f"unknown promise {rec['promise']!r}: expected one of {_few(promises)} or blank"))


def _districts_and_units(c: Checks) -> None:
    for rec in c.ids["districts.csv"].values():
        if not COLOUR.match(rec["colour"]):
            c.add(Problem(rec.file, rec.line, "colour", f"expected a colour #rrggbb (the district's colour in every chart), found {rec['colour']!r}"))
    for rec in c.ids["units.csv"].values():
        try:
            factor = float(rec["factor"])
            if not math.isfinite(factor) or factor <= 0:
                raise ValueError
        except ValueError:
            c.add(Problem(rec.file, rec.line, "factor", f"expected a positive number, found {rec['factor']!r}"))
        c.required(rec, "dimension")


def _sources(c: Checks) -> None:
    for rec in c.ids["sources.csv"].values():
        c.required(rec, "title")
        c.known(rec, "district", c.ids["districts.csv"], "district")
        c.known(rec, "kind", c.ids["kinds.csv"], "kind of document")
        c.year(rec, "year")
        if not _is_partial_date(rec["date"]):
            c.add(Problem(rec.file, rec.line, "date", "expected the date the report was delivered or published, as YYYY-MM-DD, "
                          f"or YYYY-MM or YYYY where only that is known, found {rec['date']!r}"))
        elif rec["year"].isdigit() and rec["date"][:4] != rec["year"]:
            c.add(Problem(rec.file, rec.line, "date", f"{rec['date']} is not in the report's year {rec['year']}"))
        elif len(rec["date"]) < 10 and not rec["date_note"]:
            c.add(Problem(rec.file, rec.line, "date_note", f"empty: the date {rec['date']} is not a day; say why no day is known"))
        if rec["url"] and not re.match(r"^https?://\S+$", rec["url"]):
            c.add(Problem(rec.file, rec.line, "url", f"expected an address starting http:// or https://, found {rec['url']!r}"))
        if not rec["url"] and not rec["url_note"]:
            c.add(Problem(rec.file, rec.line, "url_note", "empty: without a url, say why no official address is given"))
        if not rec["file"]:
            c.add(Problem(rec.file, rec.line, "file", "empty: expected the name of a text in texts/"))
        elif rec["file"] not in c.raw.texts and not (c.raw.root / "texts" / rec["file"]).is_file():
            c.add(Problem(rec.file, rec.line, "file", f"texts/{rec['file']} not found"))


def _indicators(c: Checks) -> None:
    indicators = c.ids["indicators.csv"]
    for rec in indicators.values():
        if rec["id"] and not ID.match(rec["id"]):
            c.add(Problem(rec.file, rec.line, "id", f"expected lower-case letters, digits and '-', found {rec['id']!r}"))
        c.required(rec, "name_zh", "name_en")
        c.known(rec, "unit", c.ids["units.csv"], "unit")
        c.known(rec, "category", c.ids["categories.csv"], "category")
        if rec["higher_is_better"] not in ("true", "false"):
            c.add(Problem(rec.file, rec.line, "higher_is_better", f"expected true or false, found {rec['higher_is_better']!r}"))
        c.known(rec, "predecessor", indicators, "indicator", required=False)
        if rec["predecessor"] == rec["id"] and rec["id"]:
            c.add(Problem(rec.file, rec.line, "predecessor", "an indicator cannot be its own predecessor"))
        if rec["change_kind"] or rec["predecessor"] or rec["change_source"]:  # a change, or what is left of one
            if rec["change_kind"] not in CHANGE_KINDS:
                c.add(Problem(rec.file, rec.line, "change_kind", f"expected one of {', '.join(CHANGE_KINDS)}, found {rec['change_kind']!r}"))
            elif (rec["change_kind"] == "discontinued") == bool(rec["predecessor"]):
                c.add(Problem(rec.file, rec.line, "predecessor", "a renamed or redefined indicator names its predecessor; a discontinued one names none"))
            c.known(rec, "change_source", c.ids["sources.csv"], "source")
            c.quoted(rec, rec["change_source"], rec["change_quote"], "change_quote")
        for part in filter(None, rec["parts"].split("|")):
            if part not in indicators or part == rec["id"]:
                c.add(Problem(rec.file, rec.line, "parts", f"unknown indicator {part!r}: expected the ids of the measures this one covers, joined with '|'"))
    # Names and aliases tell indicators apart when a report is ingested: one name, one indicator.
    named: dict[str, str] = {rec["name_zh"]: iid for iid, rec in indicators.items() if rec["name_zh"]}
    for iid, rec in indicators.items():
        for alias in filter(None, (a.strip() for a in rec["aliases"].split("|"))):
            if named.get(alias, iid) != iid:
                c.add(Problem(rec.file, rec.line, "aliases", f"{alias!r} already names indicator {named[alias]!r}: a name stands for one indicator"))
            named.setdefault(alias, iid)
    for cycle in _cycles({i: r["predecessor"] for i, r in indicators.items() if r["predecessor"]}):
        rec = indicators[cycle[0]]
        c.add(Problem(rec.file, rec.line, "predecessor", "renaming cycle: " + " → ".join(cycle + [cycle[0]])))


def _glossary_ignore(c: Checks) -> None:
    ignored = FirstSeen(c.add, "candidate", "candidate")
    for rec in c.rows("glossary-ignore.csv"):
        if not rec["candidate"] or not rec["reason"]:
            c.add(Problem(rec.file, rec.line, "reason" if rec["candidate"] else "candidate", "empty: a candidate is set aside only with a reason"))
        else:
            ignored(rec, rec["candidate"], f"candidate {rec['candidate']!r}")


def _observations(c: Checks) -> None:
    add, known, quoted = c.add, c.known, c.quoted
    districts, indicators, units, sources = c.ids["districts.csv"], c.ids["indicators.csv"], c.ids["units.csv"], c.ids["sources.csv"]
    qualifiers, kinds, periods = c.ids["qualifiers.csv"], c.ids["value-kinds.csv"], c.ids["periods.csv"]
    unique = FirstSeen(add, "quote", "observation: same indicator, district, year, period, kind, source and quote")
    for rec in c.raw.observations:
        known(rec, "indicator", indicators, "indicator")
        known(rec, "district", districts, "district")
        known(rec, "source", sources, "source")
        if rec["kind"] not in kinds:
            add(Problem(rec.file, rec.line, "kind", f"expected one of {', '.join(kinds)}, found {rec['kind']!r}"))
        year = c.year(rec, "year")
        if rec["value"]:
            try:
                if not math.isfinite(float(rec["value"])):
                    raise ValueError
                # The number is copied, never computed: it stands in the wording as written.
                if rec["value"].lstrip("-") not in squeeze(rec["value_text"]):
                    add(Problem(rec.file, rec.line, "value", f"{rec['value']!r} does not occur in value_text {rec['value_text']!r}: copy the number as written"))
            except ValueError:
                add(Problem(rec.file, rec.line, "value", f"expected a number or blank, found {rec['value']!r}"))
        if rec["period"] and rec["period"] not in periods:
            add(Problem(rec.file, rec.line, "period", f"unknown period {rec['period']!r}: expected one of {_few(periods)}, or blank for the calendar year"))
        for q in filter(None, rec["qualifier"].split("+")):
            if q not in qualifiers:
                add(Problem(rec.file, rec.line, "qualifier", f"unknown qualifier {q!r}: expected one of {_few(qualifiers)} joined with '+'"))
        if not rec["value_text"]:
            add(Problem(rec.file, rec.line, "value_text", "empty: expected the value as the report writes it"))
        elif REDEFINED in rec["value_text"]:
            add(Problem(rec.file, rec.line, "value_text", f"{REDEFINED} is a change of definition, not a value: record it in series-breaks.csv"))
        elif rec["quote"] and squeeze(rec["value_text"]) not in squeeze(rec["quote"]):
            add(Problem(rec.file, rec.line, "value_text", f"{rec['value_text']!r} does not occur in the quote"))
        known(rec, "unit", units, "unit")
        ind, unit = indicators.get(rec["indicator"]), units.get(rec["unit"])
        if ind and unit and ind["unit"] in units and units[ind["unit"]]["dimension"] != unit["dimension"]:
            add(Problem(rec.file, rec.line, "unit", f"{rec['unit']!r} cannot be converted to the indicator's unit {ind['unit']!r}"))
        src = sources.get(rec["source"])
        if src:
            if rec["district"] and rec["district"] != src["district"]:
                add(Problem(rec.file, rec.line, "district", f"{rec['district']!r} but source {src['id']!r} is a report of {src['district']!r}"))
            if year and src["year"].isdigit():
                if rec["kind"] in ("result", "estimate") and year > int(src["year"]):
                    add(Problem(rec.file, rec.line, "year", f"a {rec['kind']} for {year} cannot come from a report of {src['year']}"))
                if rec["kind"] == "target" and year < int(src["year"]) - 1:
                    add(Problem(rec.file, rec.line, "year", f"a target for {year} in a report of {src['year']}: expected {int(src['year']) - 1} or later"))
            quoted(rec, rec["source"], rec["quote"], "quote", rec["after"])
        unique(rec, (rec["indicator"], rec["district"], rec["year"], rec["period"] or "year", rec["kind"], rec["source"], squeeze(rec["quote"]), squeeze(rec["after"])))


def _dismissed(c: Checks) -> None:
    rows, texts = c.raw.dismissed, c.texts
    unique = FirstSeen(c.add, "quote", "dismissal")
    for rec in rows:
        c.known(rec, "source", c.ids["sources.csv"], "source")
        c.known(rec, "reason", c.ids["dismissal-reasons.csv"], "dismissal reason")
        c.quoted(rec, rec["source"], rec["quote"], "quote", rec["after"])
        unique(rec, (rec["source"], squeeze(rec["quote"]), rec["figures"]))
    if not c.ids["units.csv"]:
        return  # figures are numbers with the units of units.csv, whose problem is reported already
    # Each report's figures are found once for all its dismissals.
    by_source: dict[str, list[Record]] = {}
    for rec in rows:
        if rec["source"] in texts and rec["quote"] and texts[rec["source"]].contains(rec["quote"], rec["after"]):
            by_source.setdefault(rec["source"], []).append(rec)
    for source, recs in by_source.items():
        claims = [dismissal_claim(r["quote"], r["figures"]) for r in recs]
        for rec, count in zip(recs, held(texts[source], claims, reader(c.ids["units.csv"]))):
            if not count:
                what = f"none of the figures {rec['figures']!r}" if rec["figures"] else "no figure (a number with a unit)"
                c.add(Problem(rec.file, rec.line, "figures", f"the quote holds {what}: nothing to dismiss"))


def _verdicts(c: Checks) -> None:
    for rec in c.rows("verdicts.csv"):
        c.known(rec, "indicator", c.ids["indicators.csv"], "indicator")
        c.known(rec, "district", c.ids["districts.csv"], "district")
        c.known(rec, "source", c.ids["sources.csv"], "source")
        c.year(rec, "year")
        if rec["verdict"] not in VERDICTS:
            c.add(Problem(rec.file, rec.line, "verdict", f"expected one of {', '.join(VERDICTS)}, found {rec['verdict']!r}"))
        c.quoted(rec, rec["source"], rec["quote"], "quote", rec["after"])


def _series_breaks(c: Checks) -> None:
    """Where a report changed how an indicator is defined (口径调整): the first year of the new definition."""
    unique = FirstSeen(c.add, "indicator", "series break")
    for rec in c.rows("series-breaks.csv"):
        c.known(rec, "indicator", c.ids["indicators.csv"], "indicator")
        c.known(rec, "district", c.ids["districts.csv"], "district")
        c.known(rec, "source", c.ids["sources.csv"], "source")
        year = c.year(rec, "year")
        c.quoted(rec, rec["source"], rec["quote"], "quote", rec["after"])
        unique(rec, (rec["indicator"], rec["district"], year), f"series break of {rec['indicator']} in {rec['district']} for {year}")


def _measure_pairs(c: Checks) -> None:
    """Two indicators that may be one measure under two names, and the editor's decision with its reason."""
    indicators = c.ids["indicators.csv"]
    unique = FirstSeen(c.add, "indicator", "pair")
    for rec in c.rows("measure-pairs.csv"):
        c.known(rec, "indicator", indicators, "indicator")
        c.known(rec, "other", indicators, "indicator")
        if rec["indicator"] and rec["indicator"] == rec["other"]:
            c.add(Problem(rec.file, rec.line, "other", "an indicator cannot be paired with itself"))
        if rec["same"] not in ("true", "false"):
            c.add(Problem(rec.file, rec.line, "same", f"expected true (one measure under two names) or false (two measures), found {rec['same']!r}"))
        c.required(rec, "reason")
        unique(rec, frozenset((rec["indicator"], rec["other"])), f"pair of {rec['indicator']} and {rec['other']}")


def _tasks(c: Checks) -> None:
    add, known, quoted, sources = c.add, c.known, c.quoted, c.ids["sources.csv"]
    names: dict[str, str] = {}
    for rec in c.ids["agencies.csv"].values():
        for name in [rec["name"], *filter(None, rec["aliases"].split("|"))]:
            if name in names:
                add(Problem(rec.file, rec.line, "aliases", f"{name!r} already names agency {names[name]!r}"))
            names[name] = rec["id"]
    unique = FirstSeen(add, "number", "task")
    for rec in c.rows("tasks.csv"):
        known(rec, "source", sources, "source")
        if not rec["number"].isdigit():
            add(Problem(rec.file, rec.line, "number", f"expected a task number, found {rec['number']!r}"))
        unique(rec, (rec["source"], rec["number"]), f"task {rec['number']}")
        quoted(rec, rec["source"], f"{rec['number']}.{rec['text']}", "text")
        for column in ("section", "subsection"):
            if rec[column]:
                quoted(rec, rec["source"], rec[column], column)
        if not rec["lead"]:
            add(Problem(rec.file, rec.line, "lead", "empty: every task names its lead unit (牵头单位)"))
        for column, label in (("lead", "牵头单位"), ("responsible", "责任单位")):
            if rec[column]:
                quoted(rec, rec["source"], f"{label}:{rec[column]}", column)
            for name in agency_names(rec[column]):
                if name not in names:
                    add(Problem(rec.file, rec.line, column, f"unknown unit {name!r}: add it to agencies.csv, or as an alias of the unit it is"))


def _synonyms(c: Checks) -> None:
    """Everyday English names of indicators, for search: each pair once."""
    unique = FirstSeen(c.add, "synonym", "synonym")
    for rec in c.rows("synonyms.csv"):
        c.known(rec, "indicator", c.ids["indicators.csv"], "indicator")
        if not rec["synonym"].strip():
            c.add(Problem(rec.file, rec.line, "synonym", "empty: expected the English words a reader would search for"))
        unique(rec, (rec["indicator"], rec["synonym"].strip().lower()))


def _overrides(c: Checks) -> None:
    targets = {(r["indicator"], r["district"], r["year"]) for r in c.raw.observations if r["kind"] == "target"}
    statuses = c.ids["statuses.csv"]
    overridden = FirstSeen(c.add, "indicator", "override")
    for rec in c.rows("status-overrides.csv"):
        c.known(rec, "indicator", c.ids["indicators.csv"], "indicator")
        c.known(rec, "district", c.ids["districts.csv"], "district")
        c.year(rec, "year")
        if rec["status"] not in statuses:
            c.add(Problem(rec.file, rec.line, "status", f"expected one of {', '.join(statuses)}, found {rec['status']!r}"))
        if not rec["reason"]:
            c.add(Problem(rec.file, rec.line, "reason", "empty: an override is shown to readers with its reason"))
        key = (rec["indicator"], rec["district"], rec["year"])
        if key not in targets:
            c.add(Problem(rec.file, rec.line, "indicator", f"no target of {rec['indicator']!r} for {rec['district']!r} in {rec['year']!r} to override"))
        else:
            overridden(rec, key)


def _glossary(c: Checks) -> None:
    add, quoted, terms, sources = c.add, c.quoted, c.raw.glossary, c.ids["sources.csv"]
    kinds, levels = c.ids["term-kinds.csv"], c.ids["term-levels.csv"]
    unique = FirstSeen(add, "slug", "slug")
    for rec in terms:
        for column in ("slug", "term", "pinyin", "english", "kind"):
            if not isinstance(rec[column], str) or not rec[column].strip():
                add(Problem(rec.file, rec.line_of(column), column, "expected a non-empty string"))
        slug = str(rec["slug"])
        if slug and not ID.match(slug):
            add(Problem(rec.file, rec.line_of("slug"), "slug", f"expected lower-case letters, digits and '-', found {slug!r}"))
        else:
            unique(rec, slug, f"slug {slug!r}", rec.line_of("slug"))
        if rec["kind"] and rec["kind"] not in kinds:
            add(Problem(rec.file, rec.line_of("kind"), "kind", f"expected one of {', '.join(kinds)} (term-kinds.csv), found {rec['kind']!r}"))
        if rec["level"] and rec["level"] not in levels:
            add(Problem(rec.file, rec.line_of("level"), "level", f"expected one of {', '.join(levels)} (term-levels.csv) or blank, found {rec['level']!r}"))
        definitions = rec.get("definitions", [])
        if not isinstance(definitions, list):
            add(Problem(rec.file, rec.line_of("definitions"), "definitions", "expected a list of {source, quote} (empty when the reports define none)"))
            definitions = []
        for d in definitions:
            if not isinstance(d, dict):
                add(Problem(rec.file, rec.line_of("definitions"), "definitions", "expected {source, quote}"))
                continue
            line = d.get("__line__", rec.line_of("definitions"))
            src = d.get("source", "")
            if src not in sources:
                add(Problem(rec.file, line, "definitions.source", f"unknown source {src!r}: expected one of {_few(sources)}"))
            else:
                quoted(rec, src, str(d.get("quote", "") or ""), "definitions.quote", line=line)
        _components(rec, add)
        for ref in c.listed(rec, "indicators"):
            if ref not in c.ids["indicators.csv"]:
                add(Problem(rec.file, rec.line_of("indicators"), "indicators", f"unknown indicator {ref!r}"))
        for m in c.listed(rec, "match"):
            if not str(m).strip():
                add(Problem(rec.file, rec.line_of("match"), "match", "an empty string would match everywhere"))
    slugs = unique.first
    old_slugs: dict[str, Record] = {}
    for rec in terms:
        for column in ("related", "broader"):
            for ref in c.listed(rec, column):
                if ref not in slugs:
                    add(Problem(rec.file, rec.line_of(column), column, f"unknown term slug {ref!r}"))
                elif ref == rec["slug"]:
                    add(Problem(rec.file, rec.line_of(column), column, "a term cannot refer to itself"))
        # A slug that was changed keeps its old URL as a redirect; no two entries may claim it.
        for old in c.listed(rec, "old_slugs"):
            if not ID.match(str(old)):
                add(Problem(rec.file, rec.line_of("old_slugs"), "old_slugs", f"expected lower-case letters, digits and '-', found {old!r}"))
            elif old in slugs or old in old_slugs:
                add(Problem(rec.file, rec.line_of("old_slugs"), "old_slugs", f"{old!r} is already the slug or an old slug of another entry"))
            else:
                old_slugs[old] = rec
    for cycle in _cycles({str(r["slug"]): b for r in terms for b in c.listed(r, "broader", report=False)[:1]}):
        rec = slugs.get(cycle[0])
        if rec:
            add(Problem(rec.file, rec.line_of("broader"), "broader", "broader-term cycle: " + " → ".join(cycle + [cycle[0]])))


def _glossary_versions(c: Checks) -> None:
    for row in c.rows("glossary-versions.csv"):
        if not _is_date(row["changed"]):
            c.add(Problem(row.file, row.line, "changed", f"expected a date YYYY-MM-DD, found {row['changed']!r}"))


def _components(rec: Record, add):
    """A numbered formula's groups follow its numbers: one item per unit of each digit (4311: 4, 3, 1 and 1 items); or, where a
    group says its `count` (416: 4 and 16; 1+1+N: 1, 1 and N), the counts spell the formula, and a group may name fewer items
    than its count where the definition names only some of them."""
    groups = rec.get("components", []) or []
    where = rec.file, rec.line_of("components"), "components"
    if not isinstance(groups, list) or not all(isinstance(g, dict) and isinstance(g.get("items", []), list) for g in groups):
        add(Problem(*where, "expected a list of {label, items: [...]} (and, where the formula's number for a group is not its items, count)"))
        return
    for g in groups:
        count = g.get("count")
        if count is not None and not (count == "N" or (isinstance(count, int) and count >= len(g.get("items", [])))):
            add(Problem(*where, f"group {g.get('label')!r}: count must be N or a whole number at least its {len(g.get('items', []))} items, found {count!r}"))
            return
    if rec["kind"] == "numbered-formula" and groups:
        if any("count" in g for g in groups):
            spelled = "".join(str(g.get("count", len(g.get("items", [])))) for g in groups)
            if spelled != re.sub(r"[^0-9A-Za-z]", "", str(rec["term"])):
                add(Problem(*where, f"the groups' counts spell {spelled!r}, not the formula {rec['term']!r}"))
            return
        digits = [int(d) for d in DIGITS.findall(str(rec["term"]))]
        sizes = [len(g.get("items", [])) for g in groups]
        if digits != sizes:
            add(Problem(*where, f"the digits of {rec['term']!r} call for groups of {'+'.join(map(str, digits))} items, found {'+'.join(map(str, sizes))}"))


def _cycles(parent: dict[str, str]) -> list[list[str]]:
    cycles, done = [], set()
    for start in sorted(parent):
        path, node = [], start
        while node in parent and node not in done and node not in path:
            path.append(node)
            node = parent[node]
        if node in path:
            cycles.append(path[path.index(node):])
        done.update(path)
    return cycles


def _few(table: dict) -> str:
    keys = sorted(table)
    return ", ".join(keys[:8]) + (" …" if len(keys) > 8 else "")


def _is_partial_date(text: str) -> bool:
    """YYYY-MM-DD, YYYY-MM or YYYY."""
    if re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", text):
        return True
    return len(text) == 10 and _is_date(text)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
