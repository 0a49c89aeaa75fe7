#!/usr/bin/env python3
"""Write a synthetic, valid data folder of any size, for benchmarking the build.

    python benchmarks/synth_data.py OUT_DIR --indicators N [--districts D] [--years Y] [--seed S]

It makes one government work report per district and year (real Chongqing district names, a
plain-text report in texts/ laid out like the real ones: one paragraph a line, blank lines
between, glossary definitions as footnotes `[n: [] …]`), N indicators (synth-0001 …) with a few
observations each in a few districts and years (targets, estimates and results, some with 左右 /
以上 / 以内 …; every quote is a sentence of its report that holds the value as written), about N/10
glossary terms (numbered formulas such as “11241” and slogans such as “两核三带”) that occur in the
texts, and a glossary-versions.csv that already matches, so the build stamps nothing. Reference
tables and dataset.yml are copied from data/; tasks, agencies and status overrides are left empty.
The same arguments always give the same folder. `generate()` is importable by a benchmark script.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import shutil
import sys
import time
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from govreports.load.read import OBSERVATION_COLUMNS, TABLES  # noqa: E402 - after the path is set
from govreports.model.glossary_dates import entry_hash  # noqa: E402

DATA = ROOT / "data"
LAST_YEAR = 2025
VERSIONS_DATE = "2026-01-01"
MAX_INDICATORS = 100_000  # N/10 terms: beyond this the distinct slogans run out

# The 38 district-level divisions of Chongqing: (id, name, English name without "District" / "County").
DISTRICT_NAMES = [
    ("yuzhong", "渝中区", "Yuzhong"), ("dadukou", "大渡口区", "Dadukou"), ("jiangbei", "江北区", "Jiangbei"),
    ("shapingba", "沙坪坝区", "Shapingba"), ("jiulongpo", "九龙坡区", "Jiulongpo"), ("nanan", "南岸区", "Nan'an"),
    ("beibei", "北碚区", "Beibei"), ("yubei", "渝北区", "Yubei"), ("banan", "巴南区", "Banan"), ("wanzhou", "万州区", "Wanzhou"),
    ("fuling", "涪陵区", "Fuling"), ("qianjiang", "黔江区", "Qianjiang"), ("changshou", "长寿区", "Changshou"),
    ("jiangjin", "江津区", "Jiangjin"), ("hechuan", "合川区", "Hechuan"), ("yongchuan", "永川区", "Yongchuan"),
    ("nanchuan", "南川区", "Nanchuan"), ("qijiang", "綦江区", "Qijiang"), ("dazu", "大足区", "Dazu"), ("bishan", "璧山区", "Bishan"),
    ("tongliang", "铜梁区", "Tongliang"), ("tongnan", "潼南区", "Tongnan"), ("rongchang", "荣昌区", "Rongchang"),
    ("kaizhou", "开州区", "Kaizhou"), ("liangping", "梁平区", "Liangping"), ("wulong", "武隆区", "Wulong"),
    ("chengkou", "城口县", "Chengkou"), ("fengdu", "丰都县", "Fengdu"), ("dianjiang", "垫江县", "Dianjiang"),
    ("zhongxian", "忠县", "Zhong"), ("yunyang", "云阳县", "Yunyang"), ("fengjie", "奉节县", "Fengjie"), ("wushan", "巫山县", "Wushan"),
    ("wuxi", "巫溪县", "Wuxi"), ("shizhu", "石柱土家族自治县", "Shizhu Tujia"), ("xiushan", "秀山土家族苗族自治县", "Xiushan Tujia and Miao"),
    ("youyang", "酉阳土家族苗族自治县", "Youyang Tujia and Miao"), ("pengshui", "彭水苗族土家族自治县", "Pengshui Miao and Tujia"),
]
DISTRICTS = [(i, zh, en + (" Autonomous County" if "自治" in zh else " County" if zh.endswith("县") else " District"))
             for i, zh, en in DISTRICT_NAMES]

# Indicator topics: name, English name, unit, category, higher is better, style, value range, decimals.
# style: growth (a % change), rate (a level in %), amount (a quantity in the unit).
TOPICS = [
    ("地区生产总值", "GDP growth", "%", "economy", True, "growth", 1, 12, 1),
    ("社会消费品零售总额", "retail sales growth", "%", "economy", True, "growth", 2, 15, 1),
    ("固定资产投资", "fixed-asset investment growth", "%", "economy", True, "growth", 1, 15, 1),
    ("一般公共预算收入", "budget revenue growth", "%", "economy", True, "growth", 1, 10, 1),
    ("规模以上工业增加值", "industrial value added growth", "%", "economy", True, "growth", 2, 14, 1),
    ("城镇常住居民人均可支配收入", "urban disposable income growth", "%", "living", True, "growth", 3, 9, 1),
    ("进出口总额", "foreign trade growth", "%", "opening", True, "growth", 2, 20, 1),
    ("旅游总收入", "tourism revenue growth", "%", "tourism", True, "growth", 3, 25, 1),
    ("金融业增加值", "financial value added growth", "%", "finance", True, "growth", 2, 10, 1),
    ("城镇调查失业率", "surveyed urban unemployment rate", "%", "living", False, "rate", 4, 6, 1),
    ("空气质量优良天数比例", "share of days with good air quality", "%", "environment", True, "rate", 80, 95, 1),
    ("森林覆盖率", "forest coverage", "%", "environment", True, "rate", 30, 55, 1),
    ("居民消费价格涨幅", "consumer price increase", "%", "living", False, "rate", 2, 4, 1),
    ("地区生产总值", "GDP", "亿元", "economy", True, "amount", 80, 2000, 1),
    ("固定资产投资总额", "fixed-asset investment", "亿元", "economy", True, "amount", 50, 600, 0),
    ("金融机构本外币存款余额", "bank deposits", "亿元", "finance", True, "amount", 200, 3000, 0),
    ("招商引资到位资金", "investment attracted", "亿元", "opening", True, "amount", 20, 400, 0),
    ("实际使用外资", "foreign direct investment used", "万美元", "opening", True, "amount", 500, 9000, 0),
    ("城镇常住居民人均可支配收入", "urban disposable income per capita", "万元", "living", True, "amount", 3, 6, 1),
    ("新增市场主体", "new market entities", "户", "economy", True, "amount", 500, 9000, 0),
    ("新增规模以上工业企业", "new above-scale industrial enterprises", "家", "economy", True, "amount", 5, 90, 0),
    ("新增高新技术企业", "new high-tech enterprises", "家", "economy", True, "amount", 10, 300, 0),
    ("引进重点项目", "major projects attracted", "个", "opening", True, "amount", 10, 200, 0),
    ("城镇新增就业", "new urban jobs", "万人", "living", True, "amount", 1, 5, 1),
    ("新增养老床位", "new elderly-care beds", "张", "living", True, "amount", 50, 900, 0),
    ("改造老旧小区", "old residential compounds renovated", "万平方米", "environment", True, "amount", 5, 200, 0),
    ("新建城市绿道", "new urban greenways", "公里", "environment", True, "amount", 5, 80, 0),
    ("新增公共停车位", "new public parking spaces", "个", "environment", True, "amount", 200, 5000, 0),
    ("生产安全事故死亡人数", "work-safety deaths", "人", "safety", False, "amount", 1, 20, 0),
    ("接待游客", "tourist visits", "万人次", "tourism", True, "amount", 100, 5000, 0),
]
WORDS = ["保持全市前列", "与经济增长同步", "完成市级下达任务"]  # targets stated in words, not numbers

FILLER = [
    "坚持以习近平新时代中国特色社会主义思想为指导", "坚持稳中求进工作总基调", "完整准确全面贯彻新发展理念",
    "持续优化营商环境", "深化放管服改革", "扎实推进城市更新", "加快建设现代化产业体系", "大力发展数字经济",
    "着力扩大有效投资", "积极培育消费新场景", "深入推进生态文明建设", "持续改善人居环境", "扎实办好民生实事",
    "健全社会保障体系", "推进教育优质均衡发展", "提升基层治理能力", "统筹发展和安全", "守牢安全生产底线",
    "加强文化遗产保护利用", "推动文旅深度融合", "深化国资国企改革", "扩大高水平对外开放",
    "主动融入成渝地区双城经济圈建设", "强化科技创新引领", "推动金融服务实体经济", "加快补齐公共服务短板",
    "全面推进乡村振兴", "持续巩固拓展脱贫攻坚成果", "推动政务服务提质增效", "加强重点领域风险防范化解",
]
MENTION_ENDS = ["推动各项工作落地见效", "加快重点项目建设", "持续擦亮城市名片", "不断激发发展活力", "形成上下联动工作格局"]

# Glossary material. Numbered formulas: each digit is the size of a group of components.
FORMULA_GROUPS = [("生产性服务业", "producer services"), ("生活性服务业", "consumer services"), ("新兴产业", "emerging industries"),
                  ("重点片区", "key areas"), ("消费场景", "consumption settings"), ("民生工程", "livelihood projects"),
                  ("改革任务", "reform tasks"), ("开放平台", "opening-up platforms"), ("创新载体", "innovation hubs")]
FORMULA_ITEMS = [
    "现代金融", "专业服务", "科创服务", "现代物流", "现代商贸", "文旅文创", "大健康", "现代建筑业", "算力经济", "工业互联网",
    "低空经济", "软件信息", "检验检测", "会展经济", "夜间经济", "首店经济", "数字文创", "智能网联", "生物医药", "新材料",
    "绿色低碳", "人工智能", "跨境电商", "总部经济", "楼宇经济", "康养服务", "托育服务", "城市更新", "老旧小区改造",
    "背街小巷整治", "智慧社区", "数字政府", "营商环境", "国企改革", "要素市场", "开放通道", "保税物流", "科创走廊",
    "孵化平台", "人才高地",
]
VERBS = ["聚力发展", "加快发展", "巩固发展", "培育发展", "大力推进", "持续深化"]
DIGIT_PINYIN = dict(zip("123456789", ["yī", "èr", "sān", "sì", "wǔ", "liù", "qī", "bā", "jiǔ"]))
# Slogans: numeral + noun, twice (“两核三带”).
NUMERALS = [("一", "yī", 1, "One"), ("两", "liǎng", 2, "Two"), ("三", "sān", 3, "Three"),
            ("四", "sì", 4, "Four"), ("五", "wǔ", 5, "Five"), ("六", "liù", 6, "Six")]
NOUNS = [("核", "hé", "Core"), ("翼", "yì", "Wing"), ("城", "chéng", "City"), ("区", "qū", "Zone"), ("带", "dài", "Belt"),
         ("圈", "quān", "Circle"), ("廊", "láng", "Corridor"), ("岸", "àn", "Bank"), ("心", "xīn", "Centre"), ("极", "jí", "Pole"),
         ("园", "yuán", "Park"), ("港", "gǎng", "Port"), ("链", "liàn", "Chain"), ("谷", "gǔ", "Valley"), ("湾", "wān", "Bay"),
         ("街", "jiē", "Street"), ("轴", "zhóu", "Axis"), ("网", "wǎng", "Network"), ("站", "zhàn", "Station")]
PREFIXES = ["科创", "商贸", "文旅", "金融", "数字", "康养", "物流", "会展", "智造", "生态", "创意", "人文", "开放", "总部", "消费", "枢纽"]
PLAIN = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuvvvv")


class Spec(NamedTuple):
    """What a report needs to state a value of an indicator."""
    id: str
    label: str  # the name as the sentences write it
    unit: str
    category: str
    better: bool  # higher is better
    style: str  # growth, rate or amount
    decimals: int


# The tables the generator writes; every other table of data/ is copied as it is.
WRITTEN = ("districts.csv", "indicators.csv", "glossary-versions.csv", "sources.csv")
EMPTY = ("glossary-ignore.csv", "status-overrides.csv", "tasks.csv", "agencies.csv", "verdicts.csv", "synonyms.csv", "series-breaks.csv", "measure-pairs.csv")


def generate(out: Path, indicators: int, districts: int = 38, years: int = 10, seed: int = 1) -> dict:
    """Write the data folder `out`; return what it holds: sources, indicators, observations, terms."""
    if not 1 <= districts <= len(DISTRICTS) or years < 1 or not 1 <= indicators <= MAX_INDICATORS:
        raise ValueError(f"expected 1–{len(DISTRICTS)} districts, at least one year and 1–{MAX_INDICATORS} indicators")
    rng = random.Random(seed)
    out = Path(out)
    for sub in ("texts", "observations"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    for name in ["dataset.yml", *(t for t in TABLES if t not in WRITTEN + EMPTY)]:  # the vocabularies, as data/ has them
        shutil.copyfile(DATA / name, out / name)
    units = {r["id"] for r in _read(DATA / "units.csv")}
    categories = {r["id"]: r["name_zh"] for r in _read(DATA / "categories.csv")}
    assert all(t[2] in units and t[3] in categories for t in TOPICS), "a topic's unit or category is not in data/"

    dists = DISTRICTS[:districts]
    year_range = range(LAST_YEAR - years + 1, LAST_YEAR + 1)
    reports = {(d, y): Report(d, name, y, rng) for d, name, _ in dists for y in year_range}
    _write(out / "districts.csv", TABLES["districts.csv"],
           [{**dict(zip(("id", "name_zh", "name_en"), d)), "colour": "#" + hashlib.sha1(d[0].encode()).hexdigest()[:6]} for d in dists])

    width = max(4, len(str(indicators)))
    ind_rows = []
    for n in range(1, indicators + 1):
        num = str(n).zfill(width)
        zh, en, unit, cat, better, style, lo, hi, dec = rng.choice(TOPICS)
        label = f"{zh}（指标{num}）"
        ind_rows.append({
            "id": f"synth-{num}", "name_zh": f"{zh}增速（指标{num}）" if style == "growth" else label,
            "name_en": f"{en[0].upper()}{en[1:]} ({num})", "unit": unit, "category": cat,
            "higher_is_better": "true" if better else "false", "aliases": label if style == "growth" else "",
        })
        spec = Spec(f"synth-{num}", label, unit, cat, better, style, dec)
        n_dist = rng.choice([1, 1, 2, 2, 3, 4])
        for d, _, _ in rng.sample(dists, min(n_dist, districts)):
            n_years = min(years, rng.randint(2, 4) if n_dist <= 2 else 2)
            first = rng.randint(year_range[0], year_range[-1] - n_years + 1)
            level = rng.uniform(lo, hi)
            for y in range(first, first + n_years):
                report = reports[(d, y)]
                target = level if style != "amount" else level * 1.06 ** (y - first)
                report.target(spec, y, min(target, 9999))
                outcome = min(target / 1.06 if style == "amount" else target, 9999) * rng.uniform(0.85, 1.12)
                report.outcome(spec, y - 1, outcome, "estimate" if rng.random() < 0.3 else "result")
    _write(out / "indicators.csv", TABLES["indicators.csv"], ind_rows)

    terms = _glossary(max(20, round(indicators / 10)), list(reports.values()), [r["id"] for r in ind_rows], width, indicators, rng)
    with (out / "glossary.yml").open("w", encoding="utf-8") as fh:
        yaml.dump(terms, fh, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=10_000)
    versions = sorted(({"slug": t["slug"], "hash": entry_hash(t), "changed": VERSIONS_DATE} for t in terms), key=lambda r: r["slug"])
    _write(out / "glossary-versions.csv", TABLES["glossary-versions.csv"], versions)

    sources, observations = [], 0
    for report in reports.values():
        (out / "texts" / f"{report.id}.txt").write_text(report.text(categories), encoding="utf-8")
        _write(out / "observations" / f"{report.id}.csv", OBSERVATION_COLUMNS, report.rows)
        observations += len(report.rows)
        sources.append(report.source_row())
    _write(out / "sources.csv", TABLES["sources.csv"], sources)
    for name in EMPTY:
        _write(out / name, TABLES[name], [])
    return {"sources": len(sources), "indicators": len(ind_rows), "observations": observations, "terms": len(terms)}


class Report:
    """One district's work report of one year: the sentences that carry values, by section and category."""

    def __init__(self, district: str, name: str, year: int, rng: random.Random):
        self.district, self.name, self.year, self.rng = district, name, year, rng
        self.id = f"{district}-{year}-work-report"
        self.level = "县" if name.endswith("县") else "区"
        self.review: dict[str, list[str]] = {}  # category → sentences about last year
        self.plan: dict[str, list[str]] = {}  # category → sentences about this year
        self.mentions: list[str] = []  # sentences that name a glossary term
        self.footnotes: list[str] = []
        self.rows: list[dict] = []

    def target(self, spec: Spec, year: int, x: float):
        label, better, style = spec.label, spec.better, spec.style
        r, v = self.rng.random(), _fmt(x, spec.decimals)
        u = spec.unit  # % for growth and rate
        if r < 0.04:
            text, q, value = self.rng.choice(WORDS), "", ""
            sentence = f"{label}{text}"
        elif not better:
            text, q, value = (f"{v}{u}以内", "within", v) if r < 0.6 else (f"低于{v}{u}", "below", v)
            sentence = f"{label}控制在{text}" if q == "within" else f"{label}{text}"
        elif style == "growth":
            text, q = self.rng.choice([(f"增长{v}%", ""), (f"增长{v}%左右", "about"), (f"增长{v}%以上", "at_least"),
                                       (f"力争增长{v}%以上", "strive+at_least")])
            sentence, value = f"{label}{text}", v
        else:
            text, q = self.rng.choice([(f"{v}{u}", ""), (f"{v}{u}左右", "about"), (f"{v}{u}以上", "at_least"),
                                       (f"突破{v}{u}", "exceed"), (f"力争超过{v}{u}", "strive+over")])
            sentence, value = (f"{label}达到{text}" if q in ("", "about", "at_least") else f"{label}{text}"), v
        self._add(self.plan, spec, year, "target", value, q, text, sentence)

    def outcome(self, spec: Spec, year: int, x: float, kind: str):
        label, style, dec = spec.label, spec.style, spec.decimals
        u = spec.unit  # % for growth and rate
        if style == "growth" and kind == "result" and self.rng.random() < 0.1:
            v = _fmt(x * 0.3, dec)
            text, value, sentence = f"下降{v}%", f"-{v}", f"全年{label}下降{v}%"
            self._add(self.review, spec, year, kind, value, "", text, sentence)
            return
        v = _fmt(x, dec)
        if kind == "estimate":
            text, q = (f"增长{v}%左右", "about") if style == "growth" else (f"约{v}{u}", "approx")
            sentence = f"预计全年{label}{'可' if style == 'growth' else ''}{text}"  # 可: a target's quote is never inside it
        else:
            text, q = (f"增长{v}%", "") if style == "growth" else (f"{v}{u}", "")
            sentence = f"{year}年{label}{'同比' if style == 'growth' else '为'}{text}"
        self._add(self.review, spec, year, kind, v, q, text, sentence)

    def _add(self, section, spec, year, kind, value, q, text, sentence):
        section.setdefault(spec.category, []).append(sentence)
        self.rows.append({"indicator": spec.id, "district": self.district, "year": year, "kind": kind, "value": value,
                          "qualifier": q, "value_text": text, "unit": spec.unit,
                          "source": self.id, "quote": sentence})

    def mention(self, term: str, definition: str | None = None):
        ref = ""
        if definition:
            ref = f"[[footnoteRef:{len(self.footnotes)}]]"
            self.footnotes.append(f"[{len(self.footnotes)}: [] {definition}]")
        self.mentions.append(f"深入实施“{term}”{ref}，{self.rng.choice(MENTION_ENDS)}")

    def text(self, categories: dict[str, str]) -> str:
        y, gov = self.year, f"重庆市{self.name}人民政府"
        lines = [f"{y}年{gov}工作报告", f"——在{self.name}人民代表大会{y}年会议上", f"{gov}{self.level}长", "各位代表：",
                 f"现在，我代表{self.level}人民政府向大会报告工作，请予审议，并请{self.level}政协委员和其他列席人员提出意见。",
                 f"一、{y - 1}年工作回顾"]
        lines += self._sections(self.review, categories, self.mentions)
        lines += [f"二、{y}年工作安排", f"今年全{self.level}经济社会发展的主要预期目标是："]
        lines += self._sections(self.plan, categories, [])
        lines += ["各位代表！新征程催人奋进，新使命重任在肩。让我们团结一心、苦干实干，奋力谱写现代化新重庆建设新篇章！"]
        return "\n\n".join(lines + self.footnotes) + "\n"

    def _sections(self, by_category: dict, categories: dict, extra: list[str]) -> list[str]:
        """A sub-heading per category, then paragraphs of a few sentences each, some of them filler."""
        lines, extra = [], list(extra)
        for n, (cat, zh) in enumerate(categories.items()):
            sentences = list(by_category.get(cat, []))
            sentences += self.rng.sample(FILLER, 2) + extra[n::len(categories)]
            self.rng.shuffle(sentences)
            lines.append(f"（{'一二三四五六七八九十'[n % 10]}）{zh}")
            for i in range(0, len(sentences), 6):
                lines.append("；".join(sentences[i:i + 6]) + "。")
        return lines

    def source_row(self) -> dict:
        return {"id": self.id, "district": self.district, "year": self.year, "title": f"{self.year}年重庆市{self.name}人民政府工作报告",
                "kind": "work-report", "date": f"{self.year}-01-{self.rng.randint(8, 28):02d}", "file": f"{self.id}.txt",
                "covers": f"results of {self.year - 1}; targets for {self.year}", "publisher": "", "url": "", "url_note": "A synthetic report: it has no original.",
                "note": "Synthetic report for benchmarks."}


def _glossary(count: int, reports: list[Report], indicator_ids: list[str], width: int, n_ind: int, rng: random.Random) -> list[dict]:
    """Numbered formulas and slogans, each defined (sometimes) in a footnote of one report and named in a few others."""
    terms, seen = [], set()
    while len(terms) < count:
        if len(terms) % 2 == 0:  # a numbered formula, five or six digits so it cannot be a figure, year or indicator number
            digits = [rng.randint(1, 5) for _ in range(rng.choice([5, 6]))]
            term = "".join(map(str, digits))
            if term in seen or (len(term) == width and int(term) <= n_ind):
                continue
            groups, items = rng.sample(FORMULA_GROUPS, len(digits)), rng.sample(FORMULA_ITEMS, sum(digits))
            components, parts, at = [], [], 0
            for k, ((gzh, _), d) in enumerate(zip(groups, digits)):
                chunk, at = items[at:at + d], at + d
                components.append({"label": chunk[0] if d == 1 else f"{d}大{gzh}", "items": chunk})
                parts.append(f"{VERBS[k % len(VERBS)]}{'、'.join(chunk)}" + ("" if d == 1 else f"{d}大{gzh}"))
            entry = {"slug": term, "term": term, "pinyin": " ".join(DIGIT_PINYIN[c] for c in term),
                     "english": f"{term} framework: " + ", ".join(f"{d} {gen}" for (_, gen), d in zip(groups, digits)),
                     "kind": "numbered-formula", "level": "district"}
            definition = f"“{term}”：指" + "，".join(parts) + "。"
        else:  # a slogan: numeral + noun, twice
            (n1, p1, c1, e1), (n2, p2, c2, e2) = rng.sample(NUMERALS, 2)
            (w1, q1, f1), (w2, q2, f2) = rng.sample(NOUNS, 2)
            term = f"{n1}{w1}{n2}{w2}"
            if term in seen:
                continue
            pre = rng.sample(PREFIXES, c1 + c2)
            g1, g2 = [p + w1 for p in pre[:c1]], [p + w2 for p in pre[c1:]]
            components = [{"label": f"{n1}{w1}", "items": g1}, {"label": f"{n2}{w2}", "items": g2}]
            entry = {"slug": "-".join(s.translate(PLAIN) for s in (p1, q1, p2, q2)), "term": term, "pinyin": f"{p1} {q1} {p2} {q2}",
                     "english": f"{e1} {_plural(f1, c1)} and {e2} {_plural(f2, c2)}", "kind": "slogan",
                     "level": rng.choice(["district", "district", "municipal", ""])}
            definition = f"“{term}”：指建设{'、'.join(g1)}{n1}{w1}，打造{'、'.join(g2)}{n2}{w2}。"
        seen.add(term)
        home, *others = rng.sample(reports, min(len(reports), rng.randint(2, 5)))
        defined = rng.random() < 0.6
        home.mention(term, definition if defined else None)
        for r in others:
            r.mention(term)
        earlier = [t["slug"] for t in terms[-50:]]
        entry.update({
            "definitions": [{"source": home.id, "quote": definition}] if defined else [],
            "components": components if defined else [],
            "match": [term],
            "related": rng.sample(earlier, 1) if earlier and rng.random() < 0.3 else [],
            "broader": rng.sample(earlier, 1) if earlier and rng.random() < 0.1 else [],
            "indicators": rng.sample(indicator_ids, min(2, len(indicator_ids))) if rng.random() < 0.2 else [],
            "old_slugs": [],
        })
        terms.append(entry)
    return terms


def _plural(noun: str, n: int) -> str:
    return noun if n == 1 else {"City": "Cities", "Axis": "Axes"}.get(noun, noun + "s")


def _fmt(x: float, decimals: int) -> str:
    """A number as a report writes it: 6.5, 8 (never 8.0), at least the smallest step."""
    s = f"{max(x, 10 ** -decimals):.{decimals}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, columns: list[str], rows: list[dict]):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the data folder to write (texts/ and observations/ in it are replaced)")
    parser.add_argument("--indicators", type=int, required=True, help="how many indicators")
    parser.add_argument("--districts", type=int, default=38, help=f"how many districts, 1–{len(DISTRICTS)} (default 38)")
    parser.add_argument("--years", type=int, default=10, help=f"how many report years, ending {LAST_YEAR} (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(args.out, args.indicators, args.districts, args.years, args.seed)
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" → {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
