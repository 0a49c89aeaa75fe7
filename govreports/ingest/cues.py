"""Kind, year and period cues: what a figure is (a target, an estimate, a result), for which year and
which part of it, from the words before it, its section's heading and the kind of report."""
from __future__ import annotations

import re

from .names import NORMALISE, Vocabulary

# Cue words of kind, by what they announce; the nearest before a figure wins (longest first at a place).
KIND_CUES = [
    ("estimate", ["预计", "预估", "预测"]),
    ("result", ["圆满实现既定目标", "实现既定目标", "完成既定目标", "完成年度目标", "超额完成", "实现", "完成", "达到", "同比",
                "比上年", "较上年", "累计", "全年共", "共计", "共", "已", "建成", "新增", "引进", "增长", "下降", "突破"]),
    ("target", ["预期目标", "主要预期目标", "目标", "预期", "力争", "确保", "计划", "争取", "努力", "力求", "要", "将", "拟",
                "推动", "加快", "实施", "控制在", "保持"]),
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
    "计划": ("计划执行", "计划草案", "行动计划", "计划单列", "计划生育", "发展计划", "计划安排"),
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
RELATIVE_YEARS = [("今年", 0), ("本年", 0), ("去年", -1), ("上年", -1), ("上一年", -1), ("过去一年", -1), ("明年", 1)]


def section_of(heading: str, report_year: int, current: tuple) -> tuple:
    """The (kind, year) a section is about, from its heading; `current` when the heading does not say."""
    years = [int(y) for y in YEAR.findall(heading)]
    year = years[0] if years else None
    if REVIEW_HEADING.search(heading):
        return ("result", year or report_year - 1)
    if PLAN_HEADING.search(heading) or (year is not None and year >= report_year):
        return ("target", year or report_year)
    return current if not years else ("target" if year >= report_year else "result", year)


def kind_and_year(sentence: str, at: int, report_year: int, section: tuple, report_kind: str) -> tuple[str, int]:
    """A figure's kind and year: the nearest cue before `at`, else its section, else the kind of report."""
    strong, weak = nearest_kind(sentence, at)
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


def nearest_kind(sentence: str, at: int) -> tuple[str | None, str | None]:
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
        if i >= 0 and (best is None or i > best[0]):
            best = (i, report_year + delta)
    return best[1] if best else None


def period_of(sentence: str, at: int, vocabulary: Vocabulary) -> str:
    """The period of the nearest period cue before `at` (periods.csv); blank for the calendar year or after 全年."""
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
