"""Guesses for a new report's figures: what a curator would write in each observation row.

For every figure (a number with a unit or a percent sign, in the text or in a table row) the
guesser proposes the indicator, kind, year, period, qualifier, unit and value; the curator checks
and accepts. Every guess is made per clause, from the words nearest the figure:

- kind and year: the nearest cue word before the figure in its sentence (预计 an estimate; 目标,
  力争, 确保 … a target; 实现, 完成, 同比 … a result; an explicit 2024年, 今年 or 去年), else what
  the section it stands in is about (a heading such as “一、2023年工作回顾” or “二、2024年主要工作任务”),
  else the kind of report; a table's column header (“2024年预计完成情况”) decides for its cells;
- period: the nearest period cue (上半年, 前三季度, 累计, 五年 … from data/periods.csv), reset by 全年;
- indicator: the longest indicator name or alias that governs the figure: the one that ends
  nearest before it in its own clause, or, when the clause has no name of its own (“…突破1200亿元、
  增长1%左右”), in the clause before; the figure's unit then chooses between a level and its growth
  rate (a percent of 地区生产总值 is 地区生产总值增速). Names come from indicators.csv, the alias
  table data/aliases.csv, and the names that curated rows of other reports put before their values;
- qualifiers: 左右, 以上, 以内 after the figure; 突破, 超过, 超, 逾, 约, 近, 不低于 … before it;
  余 or 多 inside it (30余个, 4.3万余户); 力争 and 确保 for the rest of their sentence;
- numbers and units: the figures that govreports/load/numbers.py finds (the coverage count's too),
  with the units of data/units.csv, but for those that are no value (a calendar year, 第3批, 18号线,
  千亿级, 500强).

Nothing here reads or writes data/: the caller passes the vocabularies in (see `Vocabulary`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..load.numbers import Figure, cell_figure, reader
from ..load.texts import squeeze

# Qualifier words, longest first where one holds another (不低于 before 低于, 不超过 before 超过 and 超).
BEFORE = [
    ("不低于", "not_below"), ("不少于", "not_below"), ("不超过", "not_above"), ("不高于", "not_above"),
    ("突破", "exceed"), ("超过", "over"), ("高于", ""), ("低于", "below"), ("超", "over"), ("逾", "over"), ("大于", "gt"),
    ("小于", "lt"), ("约", "approx"), ("接近", "nearly"), ("近", "nearly"), ("＞", "gt"), (">", "gt"), ("＜", "lt"), ("<", "lt"),
    ("≥", "not_below"), ("≤", "not_above"),
]
AFTER = [("左右", "about"), ("以上", "at_least"), ("以内", "within"), ("以下", "within"), ("上下", "about")]
INSIDE = {"余": "more_than", "多": "more_than"}
SENTENCE_WIDE = [("力争", "strive"), ("力促", "strive"), ("争创", "strive"), ("确保", "ensure")]
# Characters before 约 or 近 that make them part of another word (签约, 节约, 附近, 最近 …).
NOT_QUALIFIER_BEFORE = {"约": "签节制特合履违预集公大", "近": "附最接将邻靠就亲临", "超": "赶高", "逾": ""}

# Cue words of kind, by what they announce; the nearest before a figure wins (longest first at a place).
KIND_CUES = [
    ("estimate", ["预计", "预估", "预测"]),
    ("result", ["圆满实现既定目标", "实现既定目标", "完成既定目标", "完成年度目标", "超额完成", "实现", "完成", "达到", "同比",
                "比上年", "较上年", "累计", "全年共", "共计", "共", "已", "建成", "新增", "引进", "增长", "下降", "突破"]),
    ("target", ["预期目标", "主要预期目标", "目标", "预期", "力争", "确保", "计划", "争取", "努力", "力求", "要", "将", "拟",
                "推动", "加快", "实施", "完成…任务", "控制在", "保持"]),
]
# Cue words that are parts of other words: 要 in 重要, 主要, 需要; 将 in 将近; 共 in 公共, 共享 …
KIND_CUE_SKIP = {
    "要": ("重要", "主要", "需要", "只要", "要素", "纪要", "要求", "摘要", "要点", "首要", "要件", "紧要", "必要", "要害", "要道"),
    "将": ("将近", "将军", "大将"),
    "共": ("公共", "共享", "共建", "共治", "共同", "共富", "共产", "共青", "总共", "一共", "共创", "共赢", "共识", "共性"),
    "已": ("已经不",),
    "实现": ("实现了？",),
    "增长": ("增长点", "增长极", "增长潜力"),
    "新增": (),
    "计划": ("计划执行", "计划草案", "行动计划", "计划单列", "计划生育", "“十四五”规划", "发展计划", "计划安排"),
    "目标": ("目标任务分解",),
    "预期": ("预期性",),
    "保持": (),
}
# Cue words too weak to override the section: they decide only when no stronger cue is near.
WEAK_KIND_CUES = {"实现", "完成", "达到", "新增", "引进", "建成", "增长", "下降", "突破", "推动", "加快", "实施", "保持", "共", "将", "要",
                  "累计", "全年共", "共计", "计划", "努力", "控制在"}
# Headings that say what a section is about.
REVIEW_HEADING = re.compile(r"回顾|执行情况|完成情况|工作总结|过去一年|过去五年")
PLAN_HEADING = re.compile(r"安排|任务|目标|预期指标|计划草案|工作思路|总体要求|重点工作|主要工作|举措|指标")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?!代)")
RELATIVE_YEARS = [("今年", 0), ("本年", 0), ("当年", None), ("去年", -1), ("上年", -1), ("上一年", -1), ("过去一年", -1), ("明年", 1)]

SENTENCE_END = re.compile(r"(?<=[。；！？;!?])")
CLAUSE_DELIMITERS = "，,、；;：:。！？!?"
# Words between a name and its figure that do not name anything themselves (…增长8%; …达到1.2万亿元).
VERBS = re.compile(
    r"^(?:[\s（）()]|同比|比上年|较上年|分别|全年|累计|共计|年均|平均|均|实现|完成|达到|达|增长|增加|提高|提升|下降|减少|降低|回落|突破|超过|超|逾|约|近|为|是|"
    r"预计|力争|确保|争取|保持|控制在|稳定在|稳定|持续|继续|再|将|要|年|上半年|前三季度|下同|总量|规模|总额|总值|预期目标|目标|了|在|至|到|"
    r"新增|新|增|比|较|上年|去年|同期|以上|左右)*$"
)
NEGATIVE = ("下降", "减少", "降低", "回落", "下滑", "负增长")
GROWTH_SUFFIXES = ("增速", "增长率", "增长", "增幅", "年均增长", "增速保持")
RATE_DIMENSIONS = {"percent", "percentage-point"}
TRIM_NAME_START = re.compile(r"^(?:其中|全年|全区|今年|去年|预计|力争|确保|争取|实现|完成|推动|推进|加快|着力|持续|坚持|我们|全力|努力|"
                             r"(?:19|20)\d\d年(?:全区)?|[（(]?[一二三四五六七八九十\d]+[）)、.．]|\s)+")
TRIM_NAME_END = re.compile(r"(?:均|同比|分别|实现|完成|达到|达|为|突破|超过|超|逾|约|近|增长|增加|提高|下降|减少|降低|保持在|保持|控制在|累计|年均|\s)+$")
NORMALISE = str.maketrans({"（": "(", "）": ")", "％": "%", "．": ".", "—": "-", "－": "-", "～": "-", "“": "", "”": ""})


@dataclass
class Vocabulary:
    """What the guesser knows: the names of indicators, units, periods, and the report's place."""

    indicators: dict[str, dict]  # id → {"name_zh", "unit"}
    units: dict[str, str]  # unit id → dimension
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (name as the reports write it, indicator id)
    periods: list[tuple[str, list[str]]] = field(default_factory=list)  # (period id, its cue words)
    learnt: set = field(default_factory=set)  # the (name, indicator) pairs of `aliases` learnt from curated rows

    def __post_init__(self):
        # name → {indicator: weight}: an indicator's own name and its listed aliases weigh more than
        # the names learnt from curated rows, which count once per row.
        names: dict[str, dict[str, int]] = {}

        def vote(name: str, iid: str, weight: int):
            if iid in self.indicators and name.strip():
                votes = names.setdefault(normalise(name), {})
                votes[iid] = votes.get(iid, 0) + weight

        for iid, ind in self.indicators.items():
            vote(ind["name_zh"], iid, 100)
        for alias, iid in self.aliases:
            vote(alias, iid, 1 if (alias, iid) in self.learnt else 100)
        # A name with a bracketed part (实际使用外资(FDI)) is also found without it.
        for name, votes in list(names.items()):
            bare = re.sub(r"\([^)]*\)", "", name)
            if bare != name and len(bare) >= 2:
                for iid, weight in votes.items():
                    vote(bare, iid, weight)
        self.names = names
        self.bigram_index = None  # built when first needed
        self.name_pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))) if names else None
        self.reader = reader(self.units)
        self.period_cues = sorted(((normalise(c), pid) for pid, cues in self.periods for c in cues if c), key=lambda x: -len(x[0]))

    def dimension(self, unit: str) -> str:
        return self.units.get(unit, "")


@dataclass
class Guess:
    paragraph: str
    sentence: str
    clause: str
    quote: str  # the words to quote: from the governing name to the end of the figure's clause
    after: str  # words before the quote where the quote alone occurs earlier in the text
    start: int  # where the figure starts in the paragraph's plain text
    value: str
    value_text: str
    unit: str
    qualifier: str
    kind: str
    year: int
    period: str
    indicator: str
    name: str  # the name the indicator was guessed from (blank: none found)


def normalise(text: str) -> str:
    return squeeze(text).translate(NORMALISE)


def guess(text, report_year: int, vocabulary: Vocabulary, report_kind: str = "") -> list[Guess]:
    """Every figure of a SourceText with its guesses, in the order of the text."""
    out: list[Guess] = []
    # (kind, year) the current section is about; before the first heading, a report that reviews
    # nothing (the second half of a work report, a task breakdown) is about its plans.
    reviews = any(p.kind == "text" and HEADING.match(p.plain) and REVIEW_HEADING.search(p.plain) for p in text.paragraphs)
    section = ("", None) if reviews else ("target", report_year)
    header: list[str] = []  # the last table header row's cells
    seen_quotes: dict[str, str] = {}
    for para in text.paragraphs:
        plain = para.plain
        if para.kind == "text" and HEADING.match(plain) and len(plain) <= 40:
            section = _section(plain, report_year, section)
        if para.kind == "row":
            if not any(cell_figure(c) for c in para.cells):
                header = _merge_header(header, para.cells) if _looks_like_header(para.cells) else header
                continue
            found = _table_row(para, header, report_year, vocabulary, section, report_kind)
        else:
            found = _text(para, report_year, vocabulary, section, report_kind)
        for g in sorted(found, key=lambda g: g.start):  # a name's twin (养老、医疗…) beside its figure
            g.after = _after(text, g, seen_quotes)
            out.append(g)
    return out


def _section(heading: str, report_year: int, current: tuple) -> tuple:
    years = [int(y) for y in YEAR.findall(heading)]
    year = years[0] if years else None
    if REVIEW_HEADING.search(heading):
        return ("result", year or report_year - 1)
    if PLAN_HEADING.search(heading) or (year is not None and year >= report_year):
        return ("target", year or report_year)
    return current if not years else ("target" if year >= report_year else "result", year)


# ---------------------------------------------------------------- text paragraphs

def _text(para, report_year, vocabulary, section, report_kind) -> list[Guess]:
    out = []
    plain = para.plain
    offset = 0
    for sentence in SENTENCE_END.split(plain):
        begin = offset
        offset += len(sentence)
        if not sentence.strip():
            continue
        figures = [f for f in vocabulary.reader.figures(sentence) if _is_value(f, sentence)]
        if not figures:
            continue
        names = _names(sentence, vocabulary)
        inherited = ""  # the name governing the clauses that have none of their own
        subject = ""  # the words of the last clause that named something
        for f in figures:
            c_start, c_end = _clause_bounds(sentence, f.start, f.end)
            name, name_start = _governing(sentence, names, c_start, f.start, inherited)
            if not name or name_start > f.start:
                # Counted things follow their number: 30栋老旧楼宇, 等15处文物.
                following = [(start, -(end - start), n) for start, end, n in names if f.end <= start <= f.end + 1 and end <= c_end]
                if following:
                    start, _, name = min(following)
                    name_start = f.start
            unit = f.unit
            number = f.value
            if number is None:
                continue
            qualifiers = _qualifiers(sentence, f, c_start)
            value = number
            # Kind, year and period cues reach back over ； to the last full stop (预计全年…；…增长5%).
            lead = plain[plain.rfind("。", 0, begin) + 1:begin] if sentence.rstrip().endswith(("；", ";")) or plain[begin - 1:begin] in ("；", ";") else ""
            context = lead + sentence
            kind, year = _kind_and_year(context, len(lead) + f.start, report_year, section, report_kind)
            period = _period(context, len(lead) + f.start, vocabulary)
            indicator = _indicator(name, unit, vocabulary)
            if not indicator:
                # No known name governs the figure: the known name most like the clause's words.
                head = sentence[c_start:f.start]
                head = head[head.rfind("等") + 1:]
                tail = sentence[f.end:c_end]
                phrases = [head, tail, head + tail] if _strip_qualifiers(head) else [subject, tail]
                indicator, similar = _similar(phrases, unit, vocabulary)
                if indicator and not name:
                    name = "≈" + similar
            if _strip_qualifiers(sentence[c_start:f.start]):
                subject = sentence[c_start:f.start]
            # 下降6.7% is −6.7, unless the indicator is itself a fall (单位GDP能耗下降 3%); a bare figure
            # after a fall (分别下降33.1%、34.7%) falls too.
            before = sentence[max(c_start, f.start - 6):f.start]
            falls = any(re.search(w + r"(?:了|约|近|超过|超)?$", before) for w in NEGATIVE)
            if not sentence[c_start:f.start].strip() and out and out[-1].value.startswith("-") and out[-1].sentence == sentence.strip():
                falls = True
            if falls and not any(w in vocabulary.indicators.get(indicator, {}).get("name_zh", "") for w in NEGATIVE + ("降低",)):
                value = "-" + value
            quote_start = min(c_start, name_start)
            quote = sentence[quote_start:c_end].strip("，,、；;：:。！？!? ")
            clause = sentence[c_start:c_end].strip("，,、；;：:。！？!? ")
            out.append(Guess(
                paragraph=para.anchor, sentence=sentence.strip(), clause=clause, quote=quote, after="",
                start=begin + f.start, value=value, value_text=_value_text(sentence, f, c_start),
                unit=unit, qualifier="+".join(qualifiers), kind=kind, year=year, period=period,
                indicator=indicator, name=name,
            ))
            if name and not name.startswith("≈"):
                inherited = name
        out += _shared(sentence, begin, [g for g in out if g.sentence == sentence.strip() and g.paragraph == para.anchor],
                       figures, vocabulary)
    return out


def _shared(sentence: str, begin: int, guesses: list[Guess], figures: list[Figure], vocabulary: Vocabulary) -> list[Guess]:
    """One figure for several names joined by 、 (“本外币存贷款余额、保费收入均增长10%以上”; “养老、医疗保险参保率
    保持97%以上”): a guess for each further name. With 分别 and as many figures (“处理率、达标排放率分别达98%、100%”),
    the names and the figures pair off instead: the guesses are renamed, none added."""
    extra = []
    spans = [(f.start, f.end) for f in figures]
    for (f_start, f_end), g in zip(spans, guesses):
        c_start, c_end = _clause_bounds(sentence, f_start, f_end)
        head = sentence[c_start:f_start]
        if not _strip_qualifiers(head):
            continue
        subjects = []
        at = c_start
        while at >= 2 and sentence[at - 1] == "、":
            prev_start, _ = _clause_bounds(sentence, at - 2, at - 1)
            words = sentence[prev_start:at - 1]
            if any(prev_start <= a < at for a, _ in spans) or not words.strip():
                break
            subjects.insert(0, words)
            at = prev_start
        if not subjects:
            continue
        own = head.split("分别")[0].split("均")[0]
        phrases = [_complete(w, own) for w in subjects]
        if "分别" in head:
            following = [g2 for (a, _), g2 in zip(spans, guesses) if a > f_start and _clause_bounds(sentence, a, a)[0] > c_start
                         and not _strip_qualifiers(sentence[_clause_bounds(sentence, a, a)[0]:a])]
            if len(following) == len(phrases):
                # pair off: the first figure is the first name's, and so on; the clause's own name is the last's
                chain = [g, *following]
                names = [*phrases, own]
                for figure_guess, phrase in zip(chain, names):
                    _rename(figure_guess, phrase, vocabulary)
                continue
        for phrase in phrases:
            twin = Guess(**{**g.__dict__})
            _rename(twin, phrase, vocabulary)
            twin.quote = sentence[at:c_end].strip("，,、；;：:。！？!? ")
            extra.append(twin)
    return extra


def _complete(words: str, own: str) -> str:
    """A name cut short before 、 takes the end of the next one: 养老、医疗保险参保率 → 养老保险参保率."""
    words = TRIM_NAME_START.sub("", words)
    if len(words) <= 4 and len(own) > len(words) + 2:
        return words + own[len(words):]
    return words


def _rename(g: Guess, phrase: str, vocabulary: Vocabulary) -> None:
    names = _names(phrase, vocabulary)
    if names:
        name = max((end, end - start, n) for start, end, n in names)[2]
        found = _indicator(name, g.unit, vocabulary)
    else:
        name, found = "", ""
    if not found:
        found, similar = _similar([phrase], g.unit, vocabulary)
        name = "≈" + similar if found else name
    g.indicator, g.name = found, name


def _is_value(f: Figure, sentence: str) -> bool:
    """Whether a figure may be a value: not a part of a name (千亿级, 500强), an ordinal (第3批, 前5名)
    or a date or label (3月, 18号线, 1年期)."""
    if sentence[f.end:f.end + 1] in ("级", "强", "型"):
        return False
    if f.number[0].isdigit():
        if sentence[max(0, f.start - 1):f.start] in ("第", "前", "后") and f.unit in ("年", "批", "次", "期", "届", "名", "个"):
            return False
        if sentence[f.end:f.end + 1] in ("月", "日", "号", "级", "线", "期", "区"):
            return False
    return True


def _clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    c_start = max((i + 1 for i, ch in enumerate(sentence[:start]) if ch in CLAUSE_DELIMITERS and not _in_number(sentence, i)), default=0)
    c_end = next((i for i in range(end, len(sentence)) if sentence[i] in CLAUSE_DELIMITERS and not _in_number(sentence, i)), len(sentence))
    return c_start, c_end


def _in_number(sentence: str, i: int) -> bool:
    """A comma between digits (1,200) does not end a clause."""
    return sentence[i] == "," and 0 < i < len(sentence) - 1 and sentence[i - 1].isdigit() and sentence[i + 1].isdigit()


def _names(sentence: str, vocabulary: Vocabulary) -> list[tuple[int, int, str]]:
    """Every indicator name in a sentence: (start, end, name), on the normalised sentence's positions
    mapped back to the sentence."""
    if vocabulary.name_pattern is None:
        return []
    # Normalising keeps one character per character except for white space and quotation marks, so map positions.
    keep = [i for i, ch in enumerate(sentence) if not ch.isspace() and ch not in "“”"]
    norm = "".join(sentence[i] for i in keep).translate(NORMALISE)
    found = []
    for at in range(len(norm)):
        for name in _names_at(norm, at, vocabulary):
            found.append((keep[at], keep[at + len(name) - 1] + 1, name))
    return found


def _names_at(norm: str, at: int, vocabulary: Vocabulary) -> list[str]:
    m = vocabulary.name_pattern.match(norm, at)
    return [m.group(0)] if m else []


def _governing(sentence: str, names, c_start: int, f_start: int, inherited: str) -> tuple[str, int]:
    """The name that governs a figure: the one ending nearest before it in its clause (the longest
    of those ending there); else, when the clause has no words of its own before the figure, the
    name governing the clause before."""
    own = [(end, end - start, start, name) for start, end, name in names if c_start <= start and end <= f_start]
    if own:
        end, _, start, name = max(own)
        return name, start
    between = sentence[c_start:f_start]
    if not VERBS.match(between.translate(NORMALISE)) and _strip_qualifiers(between):
        return "", c_start  # the clause names something the vocabulary does not know
    if re.match(r"^\S{0,4}?的[\u4e00-\u9fff]", _after_figure(sentence, f_start)):
        return "", c_start  # what the figure counts follows it (90%的社区)
    if inherited:
        # Where does the inherited name stand? The last occurrence before this clause.
        starts = [start for start, end, name in names if name == inherited and end <= c_start]
        return inherited, max(starts) if starts else c_start
    # No name in this sentence yet: one that ends before the clause, whatever lies between.
    earlier = [(end, end - start, start, name) for start, end, name in names if end <= c_start]
    if earlier and not sentence[:c_start].strip("，,、；;：: "):
        end, _, start, name = max(earlier)
        return name, start
    return "", c_start


def _after_figure(sentence: str, f_start: int) -> str:
    m = re.match(r"[\d.．]+\s*\S?", sentence[f_start:])
    return sentence[f_start + (m.end() if m else 0):]


def _strip_qualifiers(text: str) -> str:
    for word, _ in BEFORE + SENTENCE_WIDE:
        text = text.replace(word, "")
    return VERBS.sub("", text).strip()


def _indicator(name: str, unit: str, vocabulary: Vocabulary) -> str:
    """The indicator a name stands for, given the figure's unit: a level and its growth rate share a
    name (地区生产总值 12亿元 is the level, 地区生产总值 … 6% its growth)."""
    if not name:
        return ""
    dim = vocabulary.dimension(unit)
    found = _by_name(name, dim, vocabulary)
    if found:
        return found
    # A longer spelling of a known name (外贸进出口总额 for 进出口总额).
    for i in range(1, len(name) - 3):
        found = _by_name(name[i:], dim, vocabulary)
        if found:
            return found
    # A measure that the name names in another unit (老旧小区 … 46万平方米: 老旧小区改造面积).
    longer: dict[str, int] = {}
    for other, votes in vocabulary.names.items():
        if name in other and other != name:
            for iid, weight in votes.items():
                if _fits(vocabulary, iid, dim):
                    longer[iid] = max(longer.get(iid, 0), weight)
    return max(longer, key=lambda iid: (longer[iid], iid)) if longer else ""


def _by_name(name: str, dim: str, vocabulary: Vocabulary) -> str:
    base = name
    for suffix in GROWTH_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix) + 1:
            base = base[: -len(suffix)]
            break
    votes: dict[str, int] = {}
    for candidate in [name, base, *(base + s for s in ("增速", "增长", "增长率", "增幅"))]:
        for iid, weight in vocabulary.names.get(candidate, {}).items():
            votes[iid] = max(votes.get(iid, 0), weight)
    exact = vocabulary.names.get(name, {})
    fitting = [iid for iid in votes if _fits(vocabulary, iid, dim)]
    # The name itself before its growth or level sibling; then the most votes; then the id.
    return max(fitting, key=lambda iid: (iid in exact, votes[iid], iid)) if fitting else ""


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


SIMILAR = 0.5  # the least Dice coefficient of character pairs for a name to stand for different words


def _similar(phrases: list[str], unit: str, vocabulary: Vocabulary) -> tuple[str, str]:
    """The indicator whose name shares most character pairs with one of the phrases (Dice ≥ SIMILAR,
    two pairs at least), fitting the unit; and that name."""
    if vocabulary.bigram_index is None:
        index: dict[str, set[str]] = {}
        for name in vocabulary.names:
            for pair in _bigrams(name):
                index.setdefault(pair, set()).add(name)
        vocabulary.bigram_index = index
    dim = vocabulary.dimension(unit)
    best = (0.0, 0, "", "")
    for phrase in phrases:
        pairs = _bigrams(_strip_qualifiers(TRIM_NAME_START.sub("", phrase)))
        if len(pairs) < 2:
            continue
        shared: dict[str, int] = {}
        for pair in pairs:
            for name in vocabulary.bigram_index.get(pair, ()):
                shared[name] = shared.get(name, 0) + 1
        for name, n in shared.items():
            if n < 2:
                continue
            dice = 2 * n / (len(pairs) + len(_bigrams(name)))
            if dice < SIMILAR or (dice, n) <= best[:2]:
                continue
            votes = vocabulary.names[name]
            fitting = [iid for iid in votes if _fits(vocabulary, iid, dim)]
            if fitting:
                best = (dice, n, max(fitting, key=lambda iid: (votes[iid], iid)), name)
    return best[2], best[3]


def _fits(vocabulary: Vocabulary, iid: str, dim: str) -> bool:
    own = vocabulary.dimension(vocabulary.indicators[iid]["unit"])
    if not dim or not own:
        return True
    return own == dim or (own in RATE_DIMENSIONS and dim in RATE_DIMENSIONS and own == "percent" and dim == "percent")


def _qualifiers(sentence: str, m: Figure, c_start: int) -> list[str]:
    found: list[tuple[int, str]] = []
    # 力争 / 确保 before the figure, in its clause or in the clauses joined to it by 、 (力争缔结友好城市2个、新增…2个).
    for word, q in SENTENCE_WIDE:
        at = sentence.rfind(word, 0, m.start)
        if at >= 0 and not re.search(r"[，,；;。：:]", sentence[at:m.start]):
            found.append((at, q))
    # Right before the number, perhaps with 增长 / 达到 … between (增长约5%, 达到近万人).
    before = sentence[c_start:m.start]
    tail = re.sub(r"(?:增长|增加|提高|下降|减少|达到|达|实现|完成|年均|分别|为|在|到|至|同比|\s)+$", "", before)
    for word, q in BEFORE:
        if tail.endswith(word):
            ch = tail[-len(word) - 1:-len(word)] if len(tail) > len(word) else ""
            if ch and ch in NOT_QUALIFIER_BEFORE.get(word, ""):
                continue
            if q:
                found.append((c_start + len(tail) - len(word), q))
            break
    found += [(at, INSIDE[word]) for at, word in m.more]
    rest = sentence[m.end:m.end + 4].lstrip()
    for word, q in AFTER:
        if rest.startswith(word):
            found.append((m.end, q))
            break
    return list(dict.fromkeys(q for _, q in sorted(found)))


def _value_text(sentence: str, m: Figure, c_start: int) -> str:
    start = m.start
    words = [w for w, _ in BEFORE] + ["增长", "下降", "减少", "降低", "达到", "达", "力争"]
    moved = True
    while moved:
        moved = False
        for w in sorted(words, key=len, reverse=True):
            if start - len(w) >= c_start and sentence[start - len(w):start] == w:
                start -= len(w)
                moved = True
                break
    rest = sentence[m.end:]
    end = m.end + next((len(rest) - len(rest.lstrip()) + len(w) for w, _ in AFTER if rest.lstrip().startswith(w)), 0)
    return sentence[start:end].strip()


def _kind_and_year(sentence: str, at: int, report_year: int, section: tuple, report_kind: str) -> tuple[str, int]:
    strong, weak = _nearest_kind(sentence, at)
    section_kind, section_year = section
    # A plan's 实现 / 完成 / 新增 … promise; a review's state what was done: weak cues decide only outside sections.
    kind = strong or section_kind or weak or ("target" if report_kind in ("task-breakdown",) else "result")
    year = _explicit_year(sentence, at, report_year)
    if year is None:
        if kind == "target":
            year = section_year if section_kind == "target" and section_year else report_year
        else:
            year = section_year if section_kind == "result" and section_year else report_year - 1
    if kind in ("result", "estimate") and year > report_year:
        kind = "target"
    elif kind == "target" and not strong and year < report_year:
        kind = "result"  # a year the report looks back on, with no word of a target: what was achieved
    return kind, year


def _nearest_kind(sentence: str, at: int) -> tuple[str | None, str | None]:
    """The kinds of the nearest strong and the nearest weak cue before `at` in the sentence; a cue
    right after the figure (…6%的目标) counts as a strong one."""
    after = sentence[at:]
    if re.match(r"^[^，,；;。]{0,12}?的(?:预期)?目标", after):
        return "target", None
    strong, weak = None, None
    for kind, cues in KIND_CUES:
        for cue in cues:
            for m in re.finditer(re.escape(cue), sentence[:at]):
                if _skip(sentence, m.start(), cue):
                    continue
                key = (m.end(), len(cue))
                if cue in WEAK_KIND_CUES:
                    if weak is None or key > weak[0]:
                        weak = (key, kind)
                elif strong is None or key > strong[0]:
                    strong = (key, kind)
    return (strong[1] if strong else None), (weak[1] if weak else None)


# Words about meeting a target that say nothing of a figure's kind themselves (预计…能顺利完成预期目标；…).
NEUTRAL_PHRASES = ("完成预期目标", "实现预期目标", "完成年度目标", "年度预期目标", "完成年度预期目标")


def _skip(sentence: str, at: int, cue: str) -> bool:
    for phrase in NEUTRAL_PHRASES:
        for m in re.finditer(phrase, sentence):
            if m.start() <= at < m.end():
                return True
    for word in KIND_CUE_SKIP.get(cue, ()):
        w_at = word.find(cue)
        if w_at >= 0 and sentence.startswith(word, at - w_at):
            return True
    return False


def _explicit_year(sentence: str, at: int, report_year: int) -> int | None:
    best = None
    for m in YEAR.finditer(sentence, 0, at):
        # A span (2019—2023年) or a deadline (到2035年) is not the year of a figure in the clause.
        if sentence[max(0, m.start() - 1):m.start()] in ("—", "-", "至", "～") or sentence[m.end():m.end() + 1] in ("—", "-", "至"):
            continue
        best = (m.start(), int(m.group(1)))
    for word, delta in RELATIVE_YEARS:
        i = sentence.rfind(word, 0, at)
        if i >= 0 and delta is not None and (best is None or i > best[0]):
            best = (i, report_year + delta)
    return best[1] if best else None


def _period(sentence: str, at: int, vocabulary: Vocabulary) -> str:
    norm_before = sentence[:at].translate(NORMALISE)
    best = None
    for cue, pid in vocabulary.period_cues:
        i = norm_before.rfind(cue)
        if i >= 0 and (best is None or i > best[0]):
            best = (i, pid)
    whole = norm_before.rfind("全年")
    if best is None or whole > best[0]:
        return ""
    return "" if best[1] == "year" else best[1]


# ---------------------------------------------------------------- table rows

def _looks_like_header(cells: list[str]) -> bool:
    return any(re.search(r"指标|单位|目标|预计|完成|年", c) for c in cells)


def _merge_header(previous: list[str], cells: list[str]) -> list[str]:
    return [c for c in cells]


def _table_row(para, header, report_year, vocabulary, section, report_kind) -> list[Guess]:
    cells = para.cells
    figures = vocabulary.reader.row(cells)
    out = []
    if not figures:
        return out
    unit_at = vocabulary.reader.unit_cell(cells)
    unit = figures[0].unit
    name_cells = [c for c in cells[:unit_at] if c and not cell_figure(c)]
    name = name_cells[-1] if name_cells else ""
    name_start = cells.index(name) if name else unit_at
    quote = " ".join(cells[name_start:])
    plain = para.plain
    # A figure cell's column header: the header row's cell as far from the end as the figure is.
    def label_of(i: int) -> str:
        at = len(header) - (len(cells) - i)
        return header[at] if header and 0 <= at < len(header) else ""
    found_names = _names(name, vocabulary)
    governing = ""
    if found_names:
        governing = max((end, end - start, n) for start, end, n in found_names)[2]
    for f in figures:
        i = f.cell
        m = cell_figure(cells[i])
        label = label_of(i)
        strong, weak = _nearest_kind(label, len(label)) if label else (None, None)
        kind = strong or weak or section[0] or "target"
        if "预计" in label:
            kind = "estimate"
        years = YEAR.findall(label)
        year = int(years[-1]) if years else (section[1] or report_year)
        qualifiers = []
        if m.group("before"):
            qualifiers.append(dict(BEFORE).get(m.group("before"), ""))
        if m.group("after"):
            qualifiers.append(dict(AFTER)[m.group("after")])
        out.append(Guess(
            paragraph=para.anchor, sentence=plain, clause=cells[i], quote=quote, after="",
            start=f.start, value=m.group("number"), value_text=cells[i].strip(),
            unit=unit, qualifier="+".join(q for q in qualifiers if q), kind=kind, year=year, period=_period(label, len(label), vocabulary),
            indicator=_indicator(normalise(governing or name), unit, vocabulary) if (governing or name) else "",
            name=governing,
        ))
    return out


def _after(text, g: Guess, seen: dict) -> str:
    """Words before the quote, where the quote alone would be found earlier in the text."""
    found = text.find(g.quote)
    if found is None or found.anchor == g.paragraph:
        return ""
    para = next(p for p in text.paragraphs if p.anchor == g.paragraph)
    for length in (8, 16, 32, len(para.plain)):
        lead = para.plain[:length]
        hit = text.find(g.quote, lead)
        if hit is not None and hit.anchor == g.paragraph and text.find(lead) is not None and text.find(lead).anchor == g.paragraph:
            return lead
    return ""


# ---------------------------------------------------------------- aliases learnt from curated rows

LEARNT_TAIL_END = re.compile(r"(?:项目)?(?:建设|实施|改造|更新改造|完成改造|相继入驻|落地.*|首入.*|入驻|投用|开工|竣工|建成|提升|整治)$")
NOT_A_NAME = re.compile(r"^(?:新增|新建|新引进|引进|培育|推出|打造|完成|实现|建成|改造|实施|开展|举办|提供|惠及|达到|累计|其中|"
                        r"营业收入|收入|规模|总额|总量|增加值|项目|企业|个|家|达|同比|均|分别)$")


def learnt_names(rows) -> list[tuple[str, str]]:
    """(name, indicator) from curated rows: the words of each quote that name its value, trimmed of
    cue words: “规模以上工业增加值” from “规模以上工业增加值增长8%”, “市级金融机构” from “…等市级金融机构4家”,
    “老旧楼宇” from “30栋老旧楼宇完成改造”, a table row's name cell. A name that curated rows give
    to different indicators of one unit dimension is no evidence for either, and is left out by the
    caller's choice of the first (see `Vocabulary`)."""
    out = []
    for r in rows:
        quote, value_text = r["quote"], r["value_text"]
        if not quote or not value_text or not r["indicator"]:
            continue
        names = []
        if re.search(r"\s(?:%|亿元|万元|万人|个|家|人|件|天|万平方米)\s", quote):
            names.append(quote.split()[0])  # a table row: its name cell
        else:
            at = squeeze(quote).find(squeeze(value_text))
            if at < 0:
                continue
            q = squeeze(quote)
            head = q[:at]
            head = head[max((i + 1 for i, ch in enumerate(head) if ch in CLAUSE_DELIMITERS), default=0):]
            head = head[head.rfind("等") + 1:] if "等" in head else head
            names.append(head)
            tail = q[at + len(squeeze(value_text)):]
            tail = tail[:next((i for i, ch in enumerate(tail) if ch in CLAUSE_DELIMITERS), len(tail))]
            if tail and not _strip_qualifiers(TRIM_NAME_START.sub("", names[0])):
                names.append(LEARNT_TAIL_END.sub("", tail))
        for name in names:
            name = normalise(TRIM_NAME_END.sub("", TRIM_NAME_START.sub("", name.strip())))
            if 2 <= len(name) <= 24 and re.search(r"[\u4e00-\u9fff]", name) and not re.search(r"\d{2,}", name) and not NOT_A_NAME.match(name):
                out.append((name, r["indicator"]))
    return out
