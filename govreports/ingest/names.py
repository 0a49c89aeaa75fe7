"""Indicator names: the vocabulary of names the guesser knows (indicators.csv's names and aliases, and
the names curated rows put before their values), which name governs a figure, and the indicator it
stands for given the figure's unit. Nothing here reads data/: vocabulary.py does."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..load.numbers import reader
from ..load.texts import squeeze
from .proposal import Guess
from .qualifiers import BEFORE, SENTENCE_WIDE

CLAUSE_DELIMITERS = "，,、；;：:。！？!?"


# Words between a name and its figure that do not name anything themselves (…增长8%; …达到1.2万亿元).
VERBS = re.compile(
    r"^(?:[\s（）()]|同比|比上年|较上年|分别|全年|累计|共计|年均|平均|均|实现|完成|达到|达|增长|增加|提高|提升|下降|减少|降低|回落|突破|超过|超|逾|约|近|为|是|"
    r"预计|力争|确保|争取|保持|控制在|稳定在|稳定|持续|继续|再|将|要|年|上半年|前三季度|下同|总量|规模|总额|总值|预期目标|目标|了|在|至|到|"
    r"新增|新|增|比|较|上年|去年|同期|以上|左右)*$"
)
GROWTH_SUFFIXES = ("增速", "增长率", "增长", "增幅", "年均增长", "增速保持")
TRIM_NAME_START = re.compile(r"^(?:其中|全年|全区|今年|去年|预计|力争|确保|争取|实现|完成|推动|推进|加快|着力|持续|坚持|我们|全力|努力|"
                             r"(?:19|20)\d\d年(?:全区)?|[（(]?[一二三四五六七八九十\d]+[）)、.．]|\s)+")
TRIM_NAME_END = re.compile(r"(?:均|同比|分别|实现|完成|达到|达|为|突破|超过|超|逾|约|近|增长|增加|提高|下降|减少|降低|保持在|保持|控制在|累计|年均|\s)+$")
NORMALISE = str.maketrans({"（": "(", "）": ")", "％": "%", "．": ".", "—": "-", "－": "-", "～": "-", "“": "", "”": ""})


@dataclass
class Vocabulary:
    """What the guesser knows: the names of indicators, units (and the figure reader of those units) and periods."""

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


def normalise(text: str) -> str:
    return squeeze(text).translate(NORMALISE)


def names_in(sentence: str, vocabulary: Vocabulary) -> list[tuple[int, int, str]]:
    """Every indicator name in a sentence: (start, end, name), on the normalised sentence's positions
    mapped back to the sentence."""
    if vocabulary.name_pattern is None:
        return []
    # Normalising keeps one character per character except for white space and quotation marks, so map positions.
    keep = [i for i, ch in enumerate(sentence) if not ch.isspace() and ch not in "“”"]
    norm = "".join(sentence[i] for i in keep).translate(NORMALISE)
    found = []
    for at in range(len(norm)):
        m = vocabulary.name_pattern.match(norm, at)
        if m:
            found.append((keep[at], keep[at + len(m.group(0)) - 1] + 1, m.group(0)))
    return found


def governing_name(sentence: str, names, c_start: int, f_start: int, inherited: str) -> tuple[str, int]:
    """The name that governs a figure: the one ending nearest before it in its clause (the longest
    of those ending there); else, when the clause has no words of its own before the figure, the
    name governing the clause before."""
    own = [(end, end - start, start, name) for start, end, name in names if c_start <= start and end <= f_start]
    if own:
        end, _, start, name = max(own)
        return name, start
    between = sentence[c_start:f_start]
    if not VERBS.match(between.translate(NORMALISE)) and strip_qualifiers(between):
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


def strip_qualifiers(text: str) -> str:
    for word, _ in BEFORE + SENTENCE_WIDE:
        text = text.replace(word, "")
    return VERBS.sub("", text).strip()


def indicator_for(name: str, unit: str, vocabulary: Vocabulary) -> str:
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


def similar_name(phrases: list[str], unit: str, vocabulary: Vocabulary) -> tuple[str, str]:
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
        pairs = _bigrams(strip_qualifiers(TRIM_NAME_START.sub("", phrase)))
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
    return not dim or not own or own == dim


def complete_name(words: str, own: str) -> str:
    """A name cut short before 、 takes the end of the next one: 养老、医疗保险参保率 → 养老保险参保率."""
    words = TRIM_NAME_START.sub("", words)
    if len(words) <= 4 and len(own) > len(words) + 2:
        return words + own[len(words):]
    return words


def rename(g: Guess, phrase: str, vocabulary: Vocabulary) -> None:
    """Give a guess the indicator that a phrase names (or most resembles)."""
    names = names_in(phrase, vocabulary)
    if names:
        name = max((end, end - start, n) for start, end, n in names)[2]
        found = indicator_for(name, g.unit, vocabulary)
    else:
        name, found = "", ""
    if not found:
        found, similar = similar_name([phrase], g.unit, vocabulary)
        name = "≈" + similar if found else name
    g.indicator, g.name = found, name


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
            if tail and not strip_qualifiers(TRIM_NAME_START.sub("", names[0])):
                names.append(LEARNT_TAIL_END.sub("", tail))
        for name in names:
            name = normalise(TRIM_NAME_END.sub("", TRIM_NAME_START.sub("", name.strip())))
            if 2 <= len(name) <= 24 and re.search(r"[\u4e00-\u9fff]", name) and not re.search(r"\d{2,}", name) and not NOT_A_NAME.match(name):
                out.append((name, r["indicator"]))
    return out
