"""Synthetic 2021-format annual reports in the five sample layouts, each beside its gold values.

Five samples are too few to measure the parser's accuracy or speed. This renders any number of
reports of known values in the samples' layouts and quirks (see LAYOUTS), with realistic numbers
that keep the template's identities, except a set share that break one identity on purpose.

    python scripts/make_corpus.py OUT_DIR --n 1000 --seed 0 [--broken-share 0.05] [--zeros-blank 0.15] [--formats txt,html,docx,pdf,template,template_page]

Writes OUT_DIR/000123_<layout>.txt (or .html/.docx/.pdf with --formats) and
OUT_DIR/000123_<layout>.json (the schema of tests/golden/*.json plus `source_inconsistencies`,
`layout`, `format` and `template_version`).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import tempfile
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from parsers import catalogue

ROWS = [r for r in catalogue.table3_rows() if r != "other_handling"]
APPLICANTS = catalogue.applicants()
PARTS = APPLICANTS[:-1]  # the six applicant columns; the last is 总计
PROCEEDINGS = catalogue.proceedings()
OUTCOMES = catalogue.outcomes()
OUTCOME_ROWS = ROWS[ROWS.index("granted") : ROWS.index("total_processed")]
SIX_COLUMN_ROWS = ROWS[: ROWS.index("other_no_correction")]  # rows printed without 其他 in the tabs_pdf header
OTHER_ROWS = ("other_no_correction", "other_fee_unpaid", "other_other")
ROWS_2019 = [("other_handling" if r == OTHER_ROWS[0] else r) for r in ROWS if r not in OTHER_ROWS[1:]]
"""Table 3's rows in the 2019 format: （六）其他处理 one row, in place of its three."""

# ------------------------------------------------------------------ names
PLACES = {
    "重庆市": "渝中区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 渝北区 巴南区 涪陵区 綦江区 大足区 璧山区 铜梁区 潼南区 "
    "荣昌区 开州区 梁平区 武隆区 长寿区 江津区 合川区 永川区 南川区 黔江区 万州区 城口县 丰都县 垫江县 忠县 云阳县 "
    "奉节县 巫山县 巫溪县 石柱土家族自治县 秀山土家族苗族自治县 酉阳土家族苗族自治县",
    "四川省成都市": "锦江区 青羊区 金牛区 武侯区 成华区 龙泉驿区 新都区 温江区 双流区 郫都区 蒲江县",
    "浙江省杭州市": "上城区 拱墅区 西湖区 滨江区 萧山区 余杭区 临平区 富阳区 桐庐县 淳安县",
    "湖北省武汉市": "江岸区 江汉区 硚口区 汉阳区 武昌区 青山区 洪山区 东西湖区 蔡甸区 新洲区",
    "江苏省淮安市": "清江浦区 淮安区 淮阴区 洪泽区 涟水县 盱眙县 金湖县",
    "广东省广州市": "越秀区 海珠区 荔湾区 天河区 白云区 黄埔区 番禺区 花都区 南沙区 从化区 增城区",
}
DEPARTMENTS = (
    "发展和改革委员会 教育委员会 科学技术局 经济和信息化委员会 公安分局 民政局 司法局 财政局 人力资源和社会保障局 "
    "规划和自然资源局 生态环境局 住房和城乡建设委员会 城市管理局 交通运输委员会 水利局 农业农村委员会 商务委员会 "
    "文化和旅游发展委员会 卫生健康委员会 退役军人事务局 应急管理局 审计局 市场监督管理局 统计局 医疗保障局 林业局 "
    "政务服务管理办公室 大数据应用发展管理局 信访办公室 国有资产监督管理委员会 体育局 民族宗教事务委员会 "
    "机关事务管理局 工业和信息化和商务局 人民政府办公室"
).split()
CITY_BODIES = "通信管理局 气象局 邮政管理局 税务局 烟草专卖局 地震局 粮食和物资储备局".split()
# Town names from two syllables: enough distinct bodies for a corpus of 100,000 reports and more.
_SYLLABLES = "古 文 三 新 永 龙 南 观 石 双 白 青 金 桃 凤 云 安 平 兴 福".split()
TOWNS = [a + b for a in _SYLLABLES for b in "南 龙 江 盛 城 溪 坪 桥 门 沙 山 源 凰 河 峰 安 田 湾 坝 场".split()]
SPECIAL = ["重庆两江新区", "重庆高新技术产业开发区", "平潭综合实验区", "重庆经济技术开发区", "天府新区成都直管区"]


def agency_name(rng: random.Random) -> tuple[tuple[str, ...], str]:
    """(the body, as the same body would be however its name is printed; its name)."""
    province_city = rng.choice(list(PLACES))
    district = rng.choice(PLACES[province_city].split())
    city = re.sub(r"^.+?省", "", province_city)
    department = rng.choice(DEPARTMENTS)
    kind = rng.random()
    if kind < 0.55:
        return (district, department), f"{city}{district}{department}"
    if kind < 0.70:  # printed without its city, as 老城区工业和信息化和商务局
        return (district, department), f"{district}{department}"
    if kind < 0.78:
        body = rng.choice(CITY_BODIES)
        return (city, body), f"{city}{body}"
    if kind < 0.86:
        return (district,), f"{city}{district}人民政府"
    if kind < 0.96:
        town, office = rng.choice(TOWNS), rng.choice(["街道办事处", "镇人民政府"])
        return (district, town, office), f"{city}{district}{town}{office}"
    zone = rng.choice(SPECIAL)
    return (zone,), zone + rng.choice(["", "管理委员会"])


# ------------------------------------------------------------------ values
def skewed(rng: random.Random, zero_share: float, median: float, cap: int, sigma: float = 1.2) -> int:
    """Mostly zero; otherwise log-normal around the median, as the counts of real reports are."""
    if rng.random() < zero_share:
        return 0
    return max(1, min(cap, round(rng.lognormvariate(math.log(median), sigma))))


OUTCOME_WEIGHTS = dict(
    zip(
        OUTCOME_ROWS,
        [
            10,
            3,  # granted, partially_granted
            0.05,
            0.2,
            0.1,
            0.5,
            0.5,
            0.6,
            0.5,
            0.3,  # denied …
            4,
            1,
            0.5,  # unavailable …
            0.6,
            0.5,
            0.2,
            0.1,
            0.3,  # not processed …
            0.5,
            0.05,
            1,  # other handling …
        ],
    )
)
# (zero share, median, cap) of the applications handled per applicant column
COLUMN_SIZES = dict(zip(PARTS, [(0.1, 12, 3000), (0.6, 2, 400), (0.95, 1, 20), (0.93, 1, 30), (0.85, 1, 60), (0.85, 1, 50)]))


@dataclass
class Report:
    agency: str
    year: int
    layout: str
    table2: dict[str, dict[str, int]]
    fee: tuple[int | float, str]  # amount as printed, unit
    table3: dict[str, list[int | None]]  # row -> seven values as printed; None = a blank cell
    table4: dict[str, list[int | None]]  # None = a blank cell
    absent: set[tuple[str, int]] = field(default_factory=set)  # (row, column index) not printed at all
    broken: str | None = None
    touched: set[tuple[str, int]] = field(default_factory=set)
    zeros_blank: bool = False  # table 3's and table 4's zeros printed blank (leave_zeros_blank)
    totals_blank: bool = False  # table 3's outcome rows printed without their 总计 (leave_totals_blank)
    zero_totals_blank: bool = False  # ... those of zeros only (leave_zero_totals_blank)
    rows_blank: bool = False  # table 3's rows of zeros printed wholly blank (leave_rows_blank)
    version: str = "2021"  # the template's format: 2019 for reports on 2019 and 2020 (build_reports)


# (zero share, median, cap) of issued, repealed and in force
DOCUMENT_SIZES = {
    "regulations": ((0.95, 1, 5), (0.95, 1, 5), (0.75, 8, 120)),
    "normative_documents": ((0.45, 4, 80), (0.6, 2, 40), (0.3, 20, 700)),
}


def table2_values(rng: random.Random, before: dict | None) -> tuple[dict, tuple]:
    """Table 2 and the fee; a body's later year continues its earlier one: in force = last
    year's in force + issued − repealed."""
    t2 = {}
    for item, (issued, repealed, in_force) in DOCUMENT_SIZES.items():
        counts = {"issued": skewed(rng, *issued), "repealed": skewed(rng, *repealed), "in_force": skewed(rng, *in_force)}
        if before:
            counts["repealed"] = min(counts["repealed"], before[item]["in_force"] + counts["issued"])
            counts["in_force"] = before[item]["in_force"] + counts["issued"] - counts["repealed"]
        t2[item] = counts
    t2 |= {
        "administrative_licensing": {"decisions": skewed(rng, 0.35, 300, 99999, sigma=1.8)},
        "administrative_penalty": {"decisions": skewed(rng, 0.35, 50, 99999, sigma=1.8)},
        "administrative_coercion": {"decisions": skewed(rng, 0.7, 5, 9999, sigma=1.5)},
    }
    if rng.random() < 0.5:
        fee = (0, rng.choice(["万元", "万元", "元"]))
    elif rng.random() < 0.25:
        fee = (skewed(rng, 0, 50000, 9_999_999, sigma=2.0), "元")
    else:
        fee = (max(0.01, round(min(99999.99, rng.lognormvariate(math.log(30), 1.8)), 2)), "万元")
    return t2, fee


def table2_2019_values(rng: random.Random) -> tuple[dict, tuple]:
    """Table 2 in the 2019 format, and the procurement amount as printed (amount, unit)."""

    def documents(zero: float, median: float) -> dict:
        made = skewed(rng, zero, median, 80)
        return {"made": made, "published": made, "total_published": made + skewed(rng, 0.3, 30, 700)}

    def items(prior: tuple, change: int, decisions: tuple | None) -> dict:
        out = {"items_prior_year": skewed(rng, *prior), "items_change": rng.choice([0, 0, rng.randint(-change, change)])}
        return out | ({"decisions": skewed(rng, *decisions, sigma=1.8)} if decisions else {})

    t2 = {
        "regulations": documents(0.9, 1),
        "normative_documents": documents(0.4, 5),
        "administrative_licensing": items((0.2, 100, 3000), 40, (0.35, 300, 99999)),
        "other_external_services": items((0.5, 10, 300), 10, (0.5, 20, 9999)),
        "administrative_penalty": items((0.2, 200, 5000), 30, (0.35, 50, 99999)),
        "administrative_coercion": items((0.5, 10, 300), 5, (0.7, 5, 9999)),
        "administrative_fees": items((0.5, 5, 80), 5, None),
        "government_procurement": {"projects": skewed(rng, 0.5, 5, 500)},
    }
    if not t2["government_procurement"]["projects"]:
        return t2, (0, rng.choice(["元", "万元"]))
    if rng.random() < 0.5:
        return t2, (
            rng.choice([skewed(rng, 0, 200000, 99_999_999, sigma=2.0), round(rng.lognormvariate(math.log(200000), 2.0), 2)]),
            "元",
        )
    return t2, (max(0.01, round(min(99999.99, rng.lognormvariate(math.log(20), 1.8)), 2)), "万元")


def table3_values(rng: random.Random, carried_in: list[int] | None, with_other_org: bool) -> dict[str, list[int]]:
    """Column by column: the outcomes, then what was carried, then 新收 so that 勾稽关系 holds."""
    active = rng.random() > 0.3
    columns: dict[str, Counter] = {}
    for i, col in enumerate(PARTS):
        zero, median, cap = COLUMN_SIZES[col]
        handled = skewed(rng, zero, median, cap, sigma=1.5) if active and (with_other_org or col != "other_org") else 0
        counts = Counter(rng.choices(OUTCOME_ROWS, weights=list(OUTCOME_WEIGHTS.values()), k=handled))
        carries = i < 2 and handled > 0  # only people and companies leave applications open
        counts["carried_over"] = carried_in[i] if carried_in else (skewed(rng, 0.6, 2, handled // 4 + 1) if carries else 0)
        counts["carried_forward"] = skewed(rng, 0.6, 2, handled // 4 + 1) if carries else 0
        new = handled + counts["carried_forward"] - counts["carried_over"]
        if new < 0:  # more was carried in than handled: the rest was granted
            counts["granted"] -= new
            handled -= new
            new = 0
        counts["new_received"], counts["total_processed"] = new, handled
        columns[col] = counts
    table = {row: [columns[c][row] for c in PARTS] for row in ROWS}
    return {row: values + [sum(values)] for row, values in table.items()}


def table4_values(rng: random.Random) -> dict[str, list[int]]:
    active = rng.random() < 0.35
    out = {}
    for proceeding, scale in zip(PROCEEDINGS, (3, 1.5, 1)):
        parts = [skewed(rng, 0.6, scale, 60) if active else 0 for _ in OUTCOMES[:-1]]
        out[proceeding] = parts + [sum(parts)]
    return out


# ------------------------------------------------------------------ identities and breaks
def inconsistencies(gold: dict) -> list[tuple[str, str]]:
    """(check, finding) for every identity the gold values break; a blank (null) cell is left out
    of a sum, and an identity whose printed result is blank is not checked (SPEC §2)."""
    t3, t4 = gold["applications"], gold["review_litigation"]
    single = ["other_handling"] if "other_handling" in t3 else []  # the 2019 format's one row; its three are null
    found = []
    for row in ROWS + single:
        *parts, total = t3[row]
        present = [v for v in parts if v is not None]
        if total is not None and present and sum(present) != total:
            found.append(("row_total", f"table3 row {row}: applicant columns sum to {sum(present)} but 总计 prints {total}"))
    for i, col in enumerate(APPLICANTS):
        nr, co, tp, cf = (t3[r][i] for r in ("new_received", "carried_over", "total_processed", "carried_forward"))
        if None not in (nr, co, tp, cf) and nr + co != tp + cf:
            found.append(
                (
                    "column_balance",
                    f"table3 column {col}: 新收 {nr} + 结转 {co} = {nr + co} but 总计 {tp} + 结转下年 {cf} = {tp + cf}",
                )
            )
        present = [t3[r][i] for r in OUTCOME_ROWS + single if t3[r][i] is not None]
        if tp is not None and present and sum(present) != tp:
            found.append(("outcome_total", f"table3 column {col}: outcome rows sum to {sum(present)} but (七)总计 prints {tp}"))
    for p in PROCEEDINGS:
        *parts, total = t4[p]
        if total is not None and sum(v or 0 for v in parts) != total:
            found.append(("review_litigation_total", f"table4 {p}: 维持+纠正+其他+尚未审结={sum(parts)} but 总计 prints {total}"))
    return found


def printed_columns(report: Report, row: str) -> list[int]:
    return [i for i in range(len(PARTS)) if (row, i) not in report.absent]


def break_identity(report: Report, rng: random.Random) -> None:
    """Changes printed numbers so that exactly one of the template's identities fails, the way
    real reports get it wrong; the carried rows stay, so the cross-year identity still holds."""
    t3, t4 = report.table3, report.table4
    kind = rng.choice(["row_total", "column_balance", "outcome_total", "review_litigation_total"])
    d = rng.randint(1, 5)
    if kind == "row_total":
        movable = [(r, i) for r in OUTCOME_ROWS for i in printed_columns(report, r) if t3[r][i] > 0]
        if movable:  # a number typed one row off
            source, i = rng.choice(movable)
            one_row = set(OTHER_ROWS) if report.version == "2019" else set()  # printed as one row: a move inside breaks nothing
            target = rng.choice([r for r in OUTCOME_ROWS if r != source and not {r, source} <= one_row])
            d = rng.randint(1, t3[source][i])
            t3[source][i] -= d
            t3[target][i] += d
            report.touched |= {(source, i), (target, i)}
        else:  # the 总计 column counts what no applicant column does
            for row in (rng.choice(OUTCOME_ROWS), "total_processed", "new_received"):
                t3[row][-1] += d
                report.touched.add((row, len(PARTS)))
    elif kind == "column_balance":  # 新收 overstated in one column and in 总计
        i = rng.choice(printed_columns(report, "new_received"))
        for j in (i, len(PARTS)):
            t3["new_received"][j] += d
            report.touched.add(("new_received", j))
    elif kind == "outcome_total":  # (七)总计 and 新收 both overstated, the outcome rows not
        i = rng.choice(printed_columns(report, "new_received"))
        for row in ("new_received", "total_processed"):
            for j in (i, len(PARTS)):
                t3[row][j] += d
                report.touched.add((row, j))
    else:
        p = rng.choice(PROCEEDINGS)
        parts = sum(t4[p][:-1])  # a 总计 mistyped, or left at 0 while its parts are not
        t4[p][-1] = rng.choice([parts + d, max(0, parts - d), 0] if parts else [d])
    report.broken = kind


def blank_cells(report: Report, rng: random.Random, n: int) -> None:
    """Zero cells of outcome rows printed blank (a lone tab): NULL in gold, no identity changes.
    Only cells between two printed values, as in the sample: a blank at either end of a row
    looks like the empty label cells around it."""
    zeros = [
        (r, i)
        for r in OUTCOME_ROWS
        for i in printed_columns(report, r)
        if 0 < i and report.table3[r][i] == 0 and (r, i) not in report.touched
    ]
    for row, i in rng.sample(zeros, min(n, len(zeros))):
        report.table3[row][i] = None


ZEROS_BLANK_SHARE = 0.15
SHARE_2019 = 0.1
"""The share of bodies make_corpus.py has report from 2019 (the 2019 format for 2019 and 2020) unless told otherwise."""
"""The share of reports make_corpus.py prints leaving table 3's zeros blank unless told otherwise."""


def leave_zeros_blank(report: Report, share: float) -> None:
    """Table 3's zeros printed blank, only its other numbers and 总计 printed (`二、上年结转… | | |
    | | | | 0 |`, as many bodies' pages do), and table 4's zeros, its 总计 too (`5 | | | 2 | 7 | 8 |
    | | 1 | 9 | | | | | |`, as a provincial office's page prints it), in `share` of reports: drawn from a stream of its
    own per report, so the rest of a seed's corpus is the same bytes with or without. A broken
    identity stays one the gold's blank cells do not hide."""
    if random.Random(f"zeros {report.agency} {report.year}").random() >= share or report.broken:
        return
    for row, values in report.table3.items():
        for i in printed_columns(report, row):  # 总计 is not one of them
            if values[i] == 0 and (row, i) not in report.touched:
                values[i] = None
    for values in report.table4.values():  # every zero, 总计 too: a proceeding with no case is five empty cells
        values[:] = [None if v == 0 else v for v in values]
    report.zeros_blank = True


def leave_totals_blank(report: Report, share: float) -> None:
    """Table 3's outcome rows, （一）予以公开 to （六）其他处理's, printed with their 总计 blank (only
    一、二、（七）总计 and 四、 print one), as a provincial office's page of 2019 does, in `share` of
    reports: drawn from a stream of its own per report, so the rest of a seed's corpus is the same
    bytes with or without. Not in a broken report (a row total it breaks stays printed)."""
    if random.Random(f"totals {report.agency} {report.year}").random() >= share or report.broken:
        return
    total = len(PARTS)
    for row in OUTCOME_ROWS:
        if (row, total) not in report.touched:
            report.table3[row][total] = None
    report.totals_blank = True


def leave_zero_totals_blank(report: Report, share: float) -> None:
    """Some of table 3's outcome rows of zeros, each drawn at even odds, printed with their 总计
    blank, the other rows printing theirs (`0 | 0 | 0 | 0 | 0 | 0 | |` beside `3 | 0 | 1 | 0 | 0 | 0 |
    4`), as bodies fill in a 总计 only where there is something to add, in `share` of reports: drawn
    from a stream of its own per report, so the rest of a seed's corpus is the same bytes with or
    without. Such a row's blank may as well be any other cell, as far as its text goes. Not in a
    broken report."""
    draw = random.Random(f"zero totals {report.agency} {report.year}")
    if draw.random() >= share or report.broken:
        return
    total = len(PARTS)
    for row in OUTCOME_ROWS:
        values = report.table3[row]
        if (row, total) not in report.touched and all(v == 0 for v in values) and draw.random() < 0.5:
            values[total] = None
            report.zero_totals_blank = True


def leave_rows_blank(report: Report, share: float) -> None:
    """Some of table 3's rows of zeros, each drawn at even odds, printed wholly blank, 总计 too
    (`二、上年结转… | | | | | | | |`), the others' zeros printed, as bodies leave a row they have
    nothing for, in `share` of reports: drawn from a stream of its own per report, so the rest of
    a seed's corpus is the same bytes with or without. Not in a broken report."""
    draw = random.Random(f"rows {report.agency} {report.year}")
    if draw.random() >= share or report.broken:
        return
    for row, values in report.table3.items():
        untouched = not any((row, i) in report.touched for i in range(len(values)))
        if all(v == 0 for v in values) and untouched and draw.random() < 0.5:
            values[:] = [None] * len(values)
    report.rows_blank = True


def print_2019(report: Report) -> None:
    """A 2019-format report's table 3 as printed: （六）其他处理 one row, each cell the sum of its three
    rows' (blank when all three are), the three not printed."""
    t3 = report.table3
    t3["other_handling"] = [
        None if all(t3[r][i] is None for r in OTHER_ROWS) else sum(t3[r][i] or 0 for r in OTHER_ROWS)
        for i in range(len(APPLICANTS))
    ]
    report.absent |= {(r, i) for r in OTHER_ROWS for i in range(len(APPLICANTS))}


def gold_of(report: Report) -> dict:
    amount, unit = report.fee
    applications = {
        row: [None if (row, i) in report.absent else v for i, v in enumerate(values)] for row, values in report.table3.items()
    }
    wan_yuan = amount / 10000 if unit == "元" else amount
    gold = {
        "template_version": report.version,
        "agency": report.agency,
        "year": report.year,
        "layout": report.layout,
        "active_disclosure": {
            **report.table2,
            "administrative_fees": {"amount": amount, "unit": unit, "amount_wan_yuan": wan_yuan},
        },
        "applications": applications,
        "review_litigation": report.table4,
    }
    if report.version == "2019":  # as the real documents' gold: every 2019 cell under table2_2019
        t2 = {item: {"values": {m: {"value": v} for m, v in measures.items()}} for item, measures in report.table2.items()}
        t2["government_procurement"]["values"]["amount"] = {
            "value": amount,
            "unit": unit,
            "as_printed": f"{fee_text(amount, unit)}{unit}",
            "amount_wan_yuan": wan_yuan,
        }
        gold["active_disclosure"], gold["table2_2019"] = {}, t2
    found = inconsistencies(gold)
    if {check for check, _ in found} != ({report.broken} if report.broken else set()):
        raise AssertionError(f"{report.agency} {report.year}: meant to break {report.broken}, breaks {found}")
    gold["source_inconsistencies"] = [finding for _, finding in found]
    if report.zeros_blank:
        gold["zeros_blank"] = True
    if report.totals_blank:
        gold["totals_blank"] = True
    if report.zero_totals_blank:
        gold["zero_totals_blank"] = True
    if report.rows_blank:
        gold["rows_blank"] = True
    return gold


# ------------------------------------------------------------------ layouts
LABELS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "results": "三、本年度办理结果",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied": "（三）不予公开",
    "denied_state_secret": "1.属于国家秘密",
    "denied_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied_security_stability": "3.危及“三安全一稳定”",
    "denied_third_party_rights": "4.保护第三方合法权益",
    "denied_internal_affairs": "5.属于三类内部事务信息",
    "denied_process_info": "6.属于四类过程性信息",
    "denied_enforcement_files": "7.属于行政执法案卷",
    "denied_inquiry_matters": "8.属于行政查询事项",
    "unavailable": "（四）无法提供",
    "unavailable_not_held": "1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear_after_correction": "3.补正后申请内容仍不明确",
    "not_processed": "（五）不予处理",
    "not_processed_petition": "1.信访举报投诉类申请",
    "not_processed_duplicate": "2.重复申请",
    "not_processed_publication": "3.要求提供公开出版物",
    "not_processed_excessive": "4.无正当理由大量反复申请",
    "not_processed_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other_handling": "（六）其他处理",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
SUBGROUPS = ("denied", "unavailable", "not_processed", "other")

# How each layout prints a table-3 row, as in the sample it comes from: R 三、本年度办理结果,
# S the row's group label (（三）不予公开 …), L the row's label, _ an empty cell, * the values,
# a leading / a blank line before the row.
SHAPES = """
row                                   tabs_pdf  word   html  tabs_typo
new_received                          L*        L*     L*    L_*_
carried_over                          /_L*      L*     L*    L_*_
granted                               RL*       RL*    RL*   RL*_
partially_granted                     _L*       _L*    L*    _L*_
denied_state_secret                   _L*       _SL*   SL*   _SL*
denied_prohibited_by_law              _L*       __L*   L*    __L*
denied_security_stability             _L*       __L*   L*    __L*
denied_third_party_rights             _L*       __L*   L*    __L*
denied_internal_affairs               _L*       __L*   L*    __L*
denied_process_info                   _L*       __L*   L*    __L*
denied_enforcement_files              _L*       __L*   L*    __L*
denied_inquiry_matters                _L*       __L*   L*    __L*
unavailable_not_held                  SL*       _SL*   SL*   _SL*
unavailable_needs_creation            _L*       __L*   L*    __L*
unavailable_unclear_after_correction  _L*       __L*   L*    __L*
not_processed_petition                _L*       _SL*   SL*   _SL*
not_processed_duplicate               _L*       __L*   L*    __L*
not_processed_publication             SL*       __L*   L*    __L*
not_processed_excessive               _L*       __L*   L*    __L*
not_processed_confirmation            _L*       __L*   L*    __L*
other_no_correction                   /__L*     _SL*   SL*   _SL*
other_fee_unpaid                      _SL*      __L*   L*    __L*
other_other                           __L*      __L*   L*    L_*_
other_handling                        _L*       _L*    L*    _L*_
total_processed                       _L_*      _L*    L*    L_*_
carried_forward                       _L_*      L*     L*    L_*_
"""


def _shapes() -> dict[str, dict[str, str]]:
    header, *lines = [line.split() for line in SHAPES.strip().splitlines()]
    return {name: {line[0]: line[k] for line in lines} for k, name in enumerate(header) if k}


OUT_JOINED = "结果维持|结果纠正|其他结果|尚未审结|总计"
OUT_SPACED = "结果 维持|结果 纠正|其他 结果|尚未 审结|总计"
OUT_BROKEN = "结果\n维持|结果\n纠正|其他\n结果|尚未\n审结|总计"
WORD_TABLE4 = (
    "行政复议|行政诉讼",
    "结果维持|结果\n纠正|其他\n结果|尚未\n审结|总计|未经复议直接起诉|复议后起诉",
    "|||||" + "|".join([OUT_BROKEN] * 2),
)
NOTE = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"


@dataclass(frozen=True)
class Layout:
    """One sample's way of printing a report. Header rows are cells separated by |."""

    name: str
    style: str  # tabs: a row per line · lines: a tab-indented cell per line · pipes: a cell per line ending in ' |'
    shapes: str
    title: str
    table3_header: tuple[str, ...]
    table4_header: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)  # this layout's wording of LABELS
    spaced_numbering: bool = False  # "(一) 予以公开", "1. 属于…"
    half_width: bool = False  # ( ) , : instead of （ ） ， ：
    articles: bool = True  # table 2 blocks under 第二十条第（…）项
    table2_pad: int = 0  # tabs padded to this many cells, as a PDF's table grid
    page_break_before: str = ""  # table-2 row after a page break (and narrower padding)
    repealed: str = "本年废止件数"
    part_one: str = "一、总体情况"
    sub_heading: str = "（{cn}）{topic}"
    sub_inline: bool = False
    paragraph_sep: str = "\n"
    spaced_digits: bool = False  # PDF text: "自 2024 年 1 月 1 日"
    six_columns: bool = False  # table-3 header without 其他; rows up to 三（五）5 print six values
    blanks: int = 0  # at most this many zero cells printed as a lone tab
    padded_numbers: bool = False  # "0" followed by an en space in table 4


LAYOUTS = {
    layout.name: layout
    for layout in [
        Layout(
            "tabs_pdf",
            "tabs",
            "tabs_pdf",
            "\n\n{agency} 政府信息公开工作 {year} 年度报告",
            (f"({NOTE})|申请人情况|||||", "|自然人|法人或其他组织||||总计", "||商业企业|科研机构|社会公益组织|法律服务机构|"),
            ("行政复议|||||行政诉讼|||||||||", "|||||未经复议直接起诉|||||复议后起诉||||", "|".join([OUT_JOINED] * 3)),
            labels={
                "denied_security_stability": "3.危及三安全一稳定",
                "not_processed_petition": "1.信访举报投诉诉求类申请",
                "not_processed_confirmation": "5.要求行政机关确认或者重新出具已获取信息",
                "other_no_correction": "1.申请人无正当理由，逾期不补正，行政机关不再处理其政府信息公开申请",
                "other_fee_unpaid": "2.申请人逾期未按收费通知缴纳费用，行政机关不再处理其政府信息公开申请",
            },
            spaced_numbering=True,
            articles=False,
            paragraph_sep="\n\n",
            spaced_digits=True,
            six_columns=True,
        ),
        Layout(
            "word_cells",
            "lines",
            "word",
            "{agency}\n{year}年政府信息公开工作年度报告",
            (f"（{NOTE}）|申请人情况", "|自然人|法人或其他组织|总计", "||商业\n企业|科研\n机构|社会公益组织|法律服务机构|其他|"),
            WORD_TABLE4,
            labels={
                "denied_prohibited_by_law": "2.其他法律和行政法规禁止公开",
                "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再受理其政府信息公开申请",
                "other_fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请",
            },
            sub_heading="（{cn}）{topic}情况。",
            padded_numbers=True,
        ),
        Layout(
            "html_pipes",
            "pipes",
            "html",
            "{agency}\n{year}年政府信息公开工作年度报告",
            (f"（{NOTE}）|申请人情况", "自然人|法人或其他组织|总计", "商业 企业|科研 机构|社会公益组织|法律服务机构|其他"),
            (
                "行政复议|行政诉讼",
                "结果维持|结果 纠正|其他 结果|尚未 审结|总计|未经复议直接起诉|复议后起诉",
                "|".join([OUT_SPACED] * 2),
            ),
            half_width=True,
            sub_heading="（{cn}）{topic}。",
            sub_inline=True,
        ),
        Layout(
            "tabs_typo",
            "tabs",
            "tabs_typo",
            "\n\n{agency} {year} 年政府信息公开工作年度报告",
            (
                f"({NOTE})||申请人情况||||||总计|",
                "||自然人|法人或其他组织||||||",
                "|||商业企业|科研机构|社会公益组织|法律服务机构|其他||",
            ),
            (
                "行政复议|||||行政诉讼|||||||||",
                OUT_SPACED + "|未经复议直接起诉|||||复议后起诉||||",
                "|||||" + "|".join([OUT_SPACED] * 2),
            ),
            labels={"partially_granted": "（二）部分公开 (区分处理的, 只计这一情形, 不计其他情形)"},
            spaced_numbering=True,
            table2_pad=4,
            page_break_before="行政强制",
            repealed="本年度止件数",
            sub_heading="({cn}) {topic}：",
            sub_inline=True,
            paragraph_sep="\n\n",
            spaced_digits=True,
        ),
        Layout(
            "word_blanks",
            "lines",
            "word",
            " {agency}{year}年\n政府信息公开工作年度报告",
            (f"（{NOTE}）|申请人情况", "|自然人|法人或其他组织|总计", "||商业\n企业|科研\n机构|社会公益组织|法律服务机构|其他|"),
            WORD_TABLE4,
            part_one="1、 总体情况",
            sub_heading="（{n}） {topic}方面",
            blanks=3,
        ),
    ]
}
SHAPE_TABLE = _shapes()
HALF_WIDTH = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "；": ";"})
CN = "一二三四五六七八九十"


def label(layout: Layout, key: str) -> str:
    text = layout.labels.get(key, LABELS[key])
    if layout.spaced_numbering:
        text = re.sub(r"^（(.)）", r"(\1) ", text)
        text = re.sub(r"^(\d)\.", r"\1. ", text)
    return text


def render_rows(rows: list[tuple[bool, list[str]]], style: str, width: int) -> str:
    """Rows of cells as the layout's text; width is the table grid an HTML export pads to."""
    out: list[str] = []
    for k, (blank_before, cells) in enumerate(rows):
        if style == "tabs":
            out += [""] * blank_before + ["\t".join(cells)]
        elif style == "spaced":  # as `pdftotext -layout` prints a row: gaps of any width, blank cells gone
            out += [""] * blank_before + [_spaced(cells)]
        elif style == "glued":  # as a crawler's get_text() stores a row: the cells run together
            out += ["".join(cells)]
        elif style == "lines":
            out += [f"\t{c}" for c in cells] + [""]
        else:
            lines = [f"{c} |" for c in cells]
            if k < len(rows) - 1 and len(cells) < width:
                lines[-1] += " " + "|" * (width - len(cells))
            out += lines
    return "\n".join(out)


def _spaced(cells: list[str]) -> str:
    line = ""
    for k, cell in enumerate(c for c in cells if c):
        line += (" " * (1 + (3 * k + len(cell)) % 6) if line else "") + cell
    return line


TEXT_VARIANTS = (
    "spaced",
    "glued",
    "radicals",
    "spans",
    "tools",
    "unmapped",
    "traditional",
    "mhtml",
    "chromium",
    "chromium_a5",
    "copied",
    "office_text",
)
"""How a report is written again: `spaced` and `glued` rewrite a txt report as `pdftotext -layout`
and a crawler's get_text() leave a row; `radicals` writes every pdf report again with fonts that
give radicals for ideographs (`⼈⺠政府`, scripts/text_variants.radical_fonts); `spans` writes every
html report again with each number of two digits or more split over two spans, as Word's pages
split a number typed in two edits (`<span>2</span><span>0</span>`: a crawler's get_text(" ") then
prints `2 0`); `tools` runs the extractors themselves (scripts/text_variants.py) on every html, pdf
and docx report, those included; `unmapped` writes every pdf report again with its fonts (all, or one)
embedded without their ToUnicode maps (scripts/text_variants.unmapped_fonts): read by OCR, and left
out of `tools`, whose text of it is other characters; `traditional` writes every txt and html report
again in traditional characters, as a mirror site's copy or a converter leaves it (OpenCC's s2t,
s2tw or s2hk, chosen by the file's name); `mhtml` saves every html report as Chromium saves a page
as one file (scripts/text_variants.saved_as_one_file); `chromium` prints every html report to PDF
as Chromium does (printed_by_chromium), before the PDF variants, which then take those PDFs too;
`chromium_a5` likewise on A5 paper (narrow columns, labels wrapped over three lines or four);
`copied` writes every html report (spans' included) as text copied from the page in Chromium
(copied_by_chromium: a cell's paragraphs apart by empty lines, its cells by a lone tab); `office_text` writes every DOCX (the docx reports and the national template's, filled) as
LibreOffice saves a Word file as text (a cell a line, an empty cell an empty line)."""
_FROM_FILES = (
    "tools",
    "traditional",
    "mhtml",
    "chromium",
    "chromium_a5",
    "copied",
    "office_text",
)  # variants made from the written files, not by rendering the text again
_NUMBER_SPAN = re.compile(r"(<span[^>]*>)(\d)(\d+)(</span>)")


def header_rows(spec: tuple[str, ...]) -> list[tuple[bool, list[str]]]:
    return [(False, row.split("|")) for row in spec]


def fee_text(amount: float, unit: str) -> str:
    """An amount as a report prints it: 元 as counted, 万元 to two decimals."""
    return str(amount) if unit == "元" or amount == 0 else f"{amount:.2f}"


def _blocks_2019(report: Report) -> list[tuple[str, list[str], list[tuple[str, dict]]]]:
    """Table 2's blocks in the 2019 format; the procurement amount printed with its unit (`251000元`)."""
    t2, (amount, unit) = report.table2, report.fee
    items = ["上一年项目数量", "本年增/减", "处理决定数量"]
    procurement = {"projects": t2["government_procurement"]["projects"], "amount": fee_text(amount, unit) + unit}
    return [
        (
            "一",
            ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            [("规章", t2["regulations"]), ("规范性文件", t2["normative_documents"])],
        ),
        ("五", items, [("行政许可", t2["administrative_licensing"]), ("其他对外管理服务事项", t2["other_external_services"])]),
        ("六", items, [("行政处罚", t2["administrative_penalty"]), ("行政强制", t2["administrative_coercion"])]),
        ("八", items[:2], [("行政事业性收费", t2["administrative_fees"])]),
        ("九", ["采购项目数量", "采购总金额"], [("政府集中采购", procurement)]),
    ]


def table2_text(layout: Layout, report: Report) -> str:
    amount, unit = report.fee
    t2 = report.table2
    decisions = ["本年处理决定数量"]
    blocks = [
        (
            "一",
            ["本年制发件数", layout.repealed, "现行有效件数"],
            [("规章", t2["regulations"]), ("行政规范性文件", t2["normative_documents"])],
        ),
        ("五", decisions, [("行政许可", t2["administrative_licensing"])]),
        ("六", decisions, [("行政处罚", t2["administrative_penalty"]), ("行政强制", t2["administrative_coercion"])]),
        ("八", [f"本年收费金额（单位：{unit}）"], [("行政事业性收费", {"amount": fee_text(amount, unit)})]),
    ]
    if report.version == "2019":
        blocks = _blocks_2019(report)
    if not layout.articles:  # one header over 许可, 处罚 and 强制 (and 其他对外管理服务事项)
        blocks[1:3] = [("", blocks[1][1], blocks[1][2] + blocks[2][2])]
    rows: list[tuple[bool, list[str]]] = []
    for k, (article, measures, items) in enumerate(blocks):
        if layout.articles:
            rows.append((False, [f"第二十条第（{article}）项"]))
        rows.append((k > 0 and not layout.articles, ["信息内容", *measures]))
        rows += [(False, [item, *map(str, values.values())]) for item, values in items]
    pad = layout.table2_pad
    padded = []
    for blank_before, cells in rows:
        if cells[0] == layout.page_break_before:
            blank_before, pad = True, 2
        padded.append((blank_before, cells + [""] * (pad - len(cells))))
    return render_rows(padded, layout.style, 4)


def table3_text(layout: Layout, report: Report) -> str:
    shapes = SHAPE_TABLE[layout.shapes]
    rows = header_rows(layout.table3_header)
    for row in ROWS_2019 if report.version == "2019" else ROWS:
        shape = shapes[row]
        group = next((g for g in SUBGROUPS if row.startswith(g + "_")), "")
        values = ["" if v is None else str(v) for i, v in enumerate(report.table3[row]) if (row, i) not in report.absent]
        cells: list[str] = []
        for token in shape.lstrip("/"):
            cells += {
                "R": [label(layout, "results")],
                "S": [label(layout, group)] if group else [],
                "L": [label(layout, row)],
                "_": [""],
                "*": values,
            }[token]
        rows.append((shape.startswith("/"), cells))
    return render_rows(rows, layout.style, 10)


def table4_text(layout: Layout, report: Report, rng: random.Random) -> str:
    values = []
    for p in PROCEEDINGS:
        for v in report.table4[p]:
            pad = layout.padded_numbers and rng.random() < 0.3  # drawn for a blank too: the seed's other reports keep their bytes
            values.append("" if v is None else str(v) + ("\u2002" if pad else ""))
    return render_rows(header_rows(layout.table4_header) + [(False, values)], layout.style, 15)


# ------------------------------------------------------------------ narrative
PREAMBLES = [
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求，"
    "现发布《{agency}{year}年政府信息公开工作年度报告》。统计时间为{year}年1月1日至{year}年12月31日。",
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项六部分组成。所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
    "依据《中华人民共和国政府信息公开条例》相关要求，现正式公布{agency}{year}年度政府信息公开工作情况。"
    "本报告中所涉数据的统计时段为{year}年1月1日至{year}年12月31日。",
]
TOPICS = [
    (
        "主动公开",
        [
            "{year}年，{agency}坚持以公开为常态、不公开为例外，通过门户网站、政务新媒体等渠道主动公开政府信息{n1}条，其中政策文件{n2}件、政策解读{n3}篇。",
            "围绕重点领域信息公开，及时发布工作动态、财政预决算、行政执法等信息{n1}条，更新办事指南{n2}项，回应社会关切{n3}次。",
        ],
    ),
    (
        "依申请公开",
        [
            "全年共收到政府信息公开申请{received}件，上年结转{carried}件，均严格按照法定时限和程序答复。",
            "进一步规范依申请公开受理、登记、审核、答复流程，加强会商研判，{year}年新收申请{received}件，按时答复率100%。",
        ],
    ),
    (
        "政府信息管理",
        [
            "严格落实公开前保密审查制度，坚持先审后发、分级审核，全年清理规范性文件{n2}件，确保信息准确、规范、及时。",
            "定期梳理政府信息公开目录，动态更新现行有效规范性文件，全年调整公开事项{n3}项。",
        ],
    ),
    (
        "政府信息公开平台建设",
        [
            "持续优化门户网站栏目设置，及时清理过时、失效信息，全年网站访问量{n1}人次，政务新媒体发布信息{n3}条。",
            "依托政务公开专区提供查阅、咨询服务，配备自助查询终端{n4}台，接待现场查阅群众{n3}人次。",
        ],
    ),
    (
        "监督保障",
        [
            "健全主要负责同志负总责、分管负责同志具体抓、业务科室抓落实的工作机制，组织政务公开业务培训{n4}次。",
            "将政务公开纳入年度目标考核，开展自查{n4}次，全年未发生因政务公开工作引起的责任追究。",
        ],
    ),
]
PROBLEMS = [
    "存在的主要问题：一是主动公开的及时性和规范性有待提升；二是政策解读形式较为单一。改进措施：一是加强业务培训，提升工作人员能力；二是丰富解读形式，提高政策知晓度。",
    "一是信息公开的深度和广度还需拓展，二是工作人员业务能力有待加强。下一步将加强学习培训，完善工作机制，推动政务公开工作提质增效。",
    "对标新时代政务公开工作要求，仍存在信息发布不够及时、栏目维护不够精细等不足。{next_year}年将重点做好以下工作：强化审核把关，优化栏目设置，加强队伍建设。",
]
OTHERS = [
    "本单位{year}年度未收取政府信息公开信息处理费。",
    "严格执行《政府信息公开信息处理费管理办法》，全年未收取信息处理费。",
    "{year}年共收取信息处理费{fee}元。本年度报告电子版可在本机关门户网站“政府信息公开年报”栏目获取。",
    "无。",
]


def sections_text(layout: Layout, report: Report, rng: random.Random) -> dict[str, list[str]]:
    """Parts one, five and six, and the preamble, as paragraphs."""
    t3 = report.table3

    def fill(template: str) -> str:
        return template.format(
            agency=report.agency,
            year=report.year,
            next_year=report.year + 1,
            received=t3["new_received"][-1],
            carried=t3["carried_over"][-1],
            n1=rng.randint(20, 3000),
            n2=rng.randint(0, 60),
            n3=rng.randint(1, 400),
            n4=rng.randint(1, 12),
            fee=rng.randint(1, 300) * 10,
        )

    part_one = []
    for n, (topic, sentences) in enumerate(rng.sample(TOPICS, rng.randint(3, len(TOPICS))), start=1):
        heading = layout.sub_heading.format(cn=CN[n - 1], n=n, topic=topic)
        body = "".join(fill(s) for s in rng.sample(sentences, rng.randint(1, 2)))
        part_one += [heading + body] if layout.sub_inline else [heading, body]
    out = {
        "preamble": [fill(rng.choice(PREAMBLES))] if rng.random() < 0.8 else [],
        "one": part_one,
        "five": [fill(rng.choice(PROBLEMS))],
        "six": [fill(rng.choice(OTHERS))],
    }
    if layout.spaced_digits:
        for paragraphs in out.values():
            paragraphs[:] = [re.sub(r" ?(\d+) ?", r" \1 ", p).strip() for p in paragraphs]
    if layout.style == "tabs" and len(part_one) > 1:  # a page break inside a sentence
        k = max(range(len(part_one)), key=lambda i: len(part_one[i]))
        cut = rng.randint(10, len(part_one[k]) - 10)
        part_one[k] = part_one[k][:cut] + "\n\n" + part_one[k][cut:]
    return out


TITLE_FORMS = (
    "{agency}{cn_year}年政府信息公开工作年度报告",  # the year in Chinese numerals, as formal titles write it
    "{agency}{year}年政府信息公开年报",
    "{agency}政府信息公开工作年度报告（{year}年）",
    "关于印发{agency}{year}年政府信息公开工作年度报告的通知",
    "{agency}{wide_year}年度政府信息公开工作年度报告",  # typed in full width
)
TITLE_FORM_SHARE = 0.25
"""Other ways bodies write the title: a share of reports gets one instead of its layout's, drawn
from a stream of its own (so the rest of a seed's corpus is the same bytes with or without)."""


def title_of(layout: Layout, report: Report) -> str:
    pick = random.Random(f"title {report.agency} {report.year}")
    form = pick.choice(TITLE_FORMS) if pick.random() < TITLE_FORM_SHARE else layout.title
    year = str(report.year)
    return form.format(
        agency=report.agency,
        year=year,
        cn_year="".join("〇一二三四五六七八九"[int(d)] for d in year),
        wide_year=year.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    )


def render(report: Report, rng: random.Random, style: str | None = None) -> str:
    layout = LAYOUTS[report.layout]
    if style:
        layout = replace(layout, style=style)
    text = sections_text(layout, report, rng)
    title = title_of(layout, report)
    parts = [
        title,
        *text["preamble"],
        layout.part_one,
        *text["one"],
        "二、主动公开政府信息情况",
        table2_text(layout, report),
        "三、收到和处理政府信息公开申请情况",
        table3_text(layout, report),
        "四、政府信息公开行政复议、行政诉讼情况",
        table4_text(layout, report, rng),
        "五、存在的主要问题及改进情况",
        *text["five"],
        "六、其他需要报告的事项",
        *text["six"],
    ]
    doc = layout.paragraph_sep.join(parts) + "\n"
    return doc.translate(HALF_WIDTH) if layout.half_width else doc


# ------------------------------------------------------------------ the corpus
def plan(rng: random.Random, n: int) -> list[tuple[str, int]]:
    """(agency, year) for n reports: each body reports for one to three consecutive years."""
    seen: set[tuple[str, ...]] = set()
    out: list[tuple[str, int]] = []
    while len(out) < n:
        body, agency = agency_name(rng)
        if body in seen:
            continue
        seen.add(body)
        years = rng.choice([1, 1, 1, 2, 2, 3])
        start = rng.randint(2021, 2026 - years)
        out += [(agency, year) for year in range(start, start + years)]
    return out[:n]


def build_reports(
    rng: random.Random,
    n: int,
    broken_share: float,
    zeros_blank: float = 0.0,
    share_2019: float = 0.0,
    totals_blank: float = 0.0,
    rows_blank: float = 0.0,
    zero_totals_blank: float = 0.0,
) -> list[Report]:
    """n reports; `share_2019` of the bodies report from 2019 on, in the 2019 format until 2020
    (drawn from streams of their own: every other report is the same bytes with or without);
    `zeros_blank`, `totals_blank`, `rows_blank` and `zero_totals_blank` shares print table 3 with
    cells blank (leave_zeros_blank, leave_totals_blank, leave_rows_blank, leave_zero_totals_blank)."""
    reports = []
    last_year: dict[str, tuple[dict | None, list[int]]] = {}  # a body's table 2 (2021 format) and carried_forward
    planned = plan(rng, n)
    first = {}
    for agency, year in planned:
        first.setdefault(agency, year)
    for agency, year in planned:
        layout = LAYOUTS[rng.choice(list(LAYOUTS))]
        t2_before, carried = last_year.get(agency, (None, None))
        t2, fee = table2_values(rng, t2_before)
        t3 = table3_values(rng, carried, with_other_org=not layout.six_columns)
        version = "2021"
        if random.Random(f"2019 {agency}").random() < share_2019:
            year -= first[agency] - 2019
            if year <= 2020:
                version = "2019"
                t2, fee = table2_2019_values(random.Random(f"table 2 {agency} {year}"))
        last_year[agency] = (t2 if version == "2021" else None), t3["carried_forward"][: len(PARTS)]
        report = Report(agency, year, layout.name, t2, fee, t3, table4_values(rng), version=version)
        if layout.six_columns:
            report.absent = {(row, PARTS.index("other_org")) for row in SIX_COLUMN_ROWS}
        reports.append(report)
    rng.shuffle(reports)
    for k in sorted(rng.sample(range(n), round(n * broken_share))):
        break_identity(reports[k], rng)
    for report in reports:
        blanks = LAYOUTS[report.layout].blanks
        if blanks:
            blank_cells(report, rng, rng.choice(range(blanks + 1)))
        leave_rows_blank(report, rows_blank)
        leave_zeros_blank(report, zeros_blank)
        leave_totals_blank(report, totals_blank)
        leave_zero_totals_blank(report, zero_totals_blank)
        if report.version == "2019":
            print_2019(report)
    return reports


FORMATS = ("txt", "html", "docx", "pdf", "template", "template_page")
"""template: the report filled into the national template (DOCX from ../shared/formats) and printed
to PDF by LibreOffice, as offices publish it (scripts/render_samples.national_template);
template_page: the same DOCX saved as a web page by LibreOffice, as an office pastes its Word
report into its site (blank cells hold an empty paragraph, merged cells keep their spans)."""
_CONVERTED = {"docx": "docx", "pdf": "pdf", "template": "pdf", "template_page": "html"}  # format: LibreOffice's target
TEMPLATE_TABLE_FONTS = (None, None, 9, 10.5, 12)  # the template's own size, or one an office sets (points)


def generate(
    out_dir: Path,
    n: int,
    seed: int = 0,
    broken_share: float = 0.05,
    formats: tuple[str, ...] = ("txt",),
    variants: tuple[str, ...] = (),
    zeros_blank: float = 0.0,
    share_2019: float = 0.0,
    totals_blank: float = 0.0,
    rows_blank: float = 0.0,
    page_numbers: float = 0.0,
    centred: float = 0.0,
    zero_totals_blank: float = 0.0,
) -> list[Path]:
    """Writes n reports and their gold files into out_dir; the same seed writes the same bytes.
    With several formats each report is written in one of them, chosen by a stream of its own
    (so the txt reports of a seed are the same whatever the formats); html, docx and pdf are
    the report's text made into a page (scripts/render_samples.py), docx and pdf by LibreOffice;
    template and template_page fill the national template's DOCX, which LibreOffice prints to PDF
    or saves as a web page. Each variant (TEXT_VARIANTS) writes every txt report (spaced, glued) or every html and pdf report
    (tools) once more in that form, with its gold. A `zeros_blank` share of reports prints table 3's
    zeros blank (leave_zeros_blank), a `totals_blank` share its outcome rows' 总计 (leave_totals_blank), a `rows_blank` share its rows of zeros (leave_rows_blank), a `zero_totals_blank` share the 总计 of its outcome rows of zeros (leave_zero_totals_blank). A `page_numbers` share of
    template reports prints its page numbers in the footer (render_samples.PAGE_NUMBERS). A `centred` share of
    pages and templates sets its table cells in their middle (render_samples.CENTRED). A `share_2019` of bodies report in the 2019 format until 2020
    (build_reports); the national template being the 2021 one, those take another of the formats."""
    from scripts import render_samples

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pick = random.Random(seed + 1_000_003)
    paths, to_convert = [], {fmt: [] for fmt in _CONVERTED}
    untemplated = [f for f in formats if not f.startswith("template")]
    for k, report in enumerate(
        build_reports(
            rng, n, broken_share, zeros_blank, share_2019 if untemplated else 0.0, totals_blank, rows_blank, zero_totals_blank
        )
    ):
        stem = f"{k:06d}_{report.layout}"
        text = render(report, rng)
        gold = gold_of(report)
        fmt = pick.choice(formats)
        middle = random.Random(f"centred {seed} {k}").random() < centred  # a stream of its own: other seeds' bytes stay
        if report.version == "2019" and fmt.startswith("template"):
            fmt = random.Random(f"format {seed} {k}").choice(untemplated)
        gold["format"] = fmt
        path = out_dir / f"{stem}.{ {'txt': 'txt', 'template': 'docx', 'template_page': 'docx'}.get(fmt, 'html') }"
        if fmt == "txt":
            path.write_text(text, encoding="utf-8")
        elif fmt in ("template", "template_page"):
            font = random.Random(f"template font {seed} {k}").choice(TEMPLATE_TABLE_FONTS)
            footer = random.Random(f"template footer {seed} {k}")
            numbers = footer.choice(sorted(render_samples.PAGE_NUMBERS)) if footer.random() < page_numbers else None
            path.write_bytes(
                render_samples.national_template(
                    gold,
                    text.encode("utf-8"),
                    table_font=font,
                    page_numbers=numbers if fmt == "template" else None,
                    centred=middle,
                )
            )
        else:
            path.write_text(render_samples.page(text.encode("utf-8"), gold, centred=middle), encoding="utf-8")
        _gold_beside(path, gold)
        if fmt in to_convert:
            to_convert[fmt].append(path)
        paths.append(path)
        for variant in [v for v in variants if v not in _FROM_FILES] if fmt == "txt" else ():
            extra = out_dir / f"{stem}__{variant}.txt"
            extra.write_text(render(report, random.Random(k), style=variant), encoding="utf-8")
            _gold_beside(extra, gold, variant)
            paths.append(extra)
    if "office_text" in variants:  # the template's DOCX before LibreOffice makes them PDFs and pages
        paths += office_text_variants(to_convert["template"] + to_convert["template_page"])
    for fmt, pages in to_convert.items():
        if pages:
            converted = dict(zip(pages, render_samples.convert(pages, _CONVERTED[fmt], out_dir)))
            for page in pages:
                page.unlink()
            paths = [converted.get(p, p) for p in paths]
    if "office_text" in variants:
        paths += office_text_variants([p for p in paths if p.suffix == ".docx" and "__" not in p.stem])
    pages = [p for p in paths if p.suffix == ".html" and "__" not in p.stem]
    if "chromium" in variants:
        paths += chromium_variants(pages)
    if "chromium_a5" in variants:
        paths += chromium_variants(pages, "A5")
    if "radicals" in variants:
        paths += [radical_variant(p) for p in paths if p.suffix == ".pdf"]
    if "spans" in variants:
        paths += [spans_variant(p) for p in paths if p.suffix == ".html"]
    if "tools" in variants:
        paths += [v for p in paths if p.suffix in (".html", ".pdf", ".docx") for v in tool_variants(p)]
    if "unmapped" in variants:
        paths += [unmapped_variant(p) for p in paths if p.suffix == ".pdf" and "__" not in p.stem]
    if "traditional" in variants:
        paths += [traditional_variant(p) for p in paths if p.suffix in (".txt", ".html") and "__" not in p.stem]
    if "mhtml" in variants:
        paths += mhtml_variants([p for p in paths if p.suffix == ".html" and "__" not in p.stem])
    if "copied" in variants:
        paths += copied_variants([p for p in paths if p.suffix == ".html"])
    return paths


def copied_variants(pages: list[Path]) -> list[Path]:
    """Each html report as text copied from the page in Chromium, beside the report's gold."""
    from scripts import text_variants

    made = [text.encode("utf-8") for text in text_variants.copied_by_chromium(pages)] if pages else []
    return _beside(pages, made, "copied", ".txt")


def mhtml_variants(pages: list[Path]) -> list[Path]:
    """Each html report as Chromium saves it as one file, beside the report's gold."""
    from scripts import text_variants

    return _beside(pages, text_variants.saved_as_one_file(pages) if pages else [], "mhtml", ".mhtml")


def office_text_variants(documents: list[Path]) -> list[Path]:
    """Each DOCX report as LibreOffice saves it as text, beside the report's gold."""
    from scripts import render_samples

    if not documents:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        made = [p.read_bytes() for p in render_samples.convert(documents, "txt", Path(tmp))]
    return _beside(documents, made, "office_text", ".txt")


def chromium_variants(pages: list[Path], paper: str = "A4") -> list[Path]:
    """Each html report as Chromium prints it to PDF on that paper, beside the report's gold."""
    from scripts import text_variants

    made = text_variants.printed_by_chromium(pages, paper=paper) if pages else []
    return _beside(pages, made, "chromium" if paper == "A4" else f"chromium_{paper.lower()}", ".pdf")


def _beside(sources: list[Path], made: list[bytes], variant: str, suffix: str) -> list[Path]:
    out = []
    for source, data in zip(sources, made):
        gold = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
        path = source.with_name(f"{source.stem}__{variant}{suffix}")
        path.write_bytes(data)
        _gold_beside(path, gold, variant)
        out.append(path)
    return out


TRADITIONAL_CONVERSIONS = ("s2t", "s2tw", "s2hk")  # OpenCC's conversions to traditional: standard, Taiwan's, Hong Kong's


def traditional_variant(source: Path) -> Path:
    """The txt or html report again in traditional characters (one of OpenCC's conversions)."""
    from opencc import OpenCC

    gold = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    config = random.Random(source.stem).choice(TRADITIONAL_CONVERSIONS)
    path = source.with_name(f"{source.stem}__traditional{source.suffix}")
    path.write_text(OpenCC(config).convert(source.read_text(encoding="utf-8")), encoding="utf-8")
    _gold_beside(path, gold, f"traditional_{config}")
    return path


def radical_variant(source: Path) -> Path:
    """The pdf report again, its fonts giving radicals for ideographs, beside the report's gold."""
    from scripts import text_variants

    gold = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    path = source.with_name(f"{source.stem}__radicals.pdf")
    path.write_bytes(text_variants.radical_fonts(source.read_bytes()))
    _gold_beside(path, gold, "radicals")
    return path


def unmapped_variant(source: Path) -> Path:
    """The pdf report again, its fonts (all, or one chosen by its name) without their ToUnicode maps."""
    from scripts import text_variants

    gold = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    path = source.with_name(f"{source.stem}__unmapped.pdf")
    data = source.read_bytes()
    only = random.Random(source.stem).choice([None, *text_variants.embedded_fonts(data)])
    path.write_bytes(text_variants.unmapped_fonts(data, only))
    _gold_beside(path, gold, "unmapped")
    return path


def spans_variant(source: Path) -> Path:
    """The html report again, each number of two digits or more split over two spans."""
    gold = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    path = source.with_name(f"{source.stem}__spans.html")
    path.write_text(_NUMBER_SPAN.sub(r"\1\2\4\1\3\4", source.read_text(encoding="utf-8")), encoding="utf-8")
    _gold_beside(path, gold, "spans")
    return path


def tool_variants(source: Path) -> list[Path]:
    """The text every extractor on this machine makes of one report, each beside the report's gold."""
    from scripts import text_variants

    gold = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    out = []
    for name, text in text_variants.variants(source).items():
        path = source.with_name(f"{source.stem}__{name}.{'md' if name.endswith('_md') else 'txt'}")
        path.write_text(text, encoding="utf-8")
        _gold_beside(path, gold, name)
        out.append(path)
    return out


def _gold_beside(path: Path, gold: dict, variant: str | None = None) -> None:
    """The report's gold as JSON beside its file; a variant's named after the form it was made
    from too (`spans+crawler_rows`)."""
    if variant:
        gold = {**gold, "variant": "+".join(filter(None, (gold.get("variant"), variant)))}
    path.with_suffix(".json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out_dir", type=Path)
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--broken-share", type=float, default=0.05)
    p.add_argument("--zeros-blank", type=float, default=ZEROS_BLANK_SHARE, help="share of reports printing table 3's zeros blank")
    p.add_argument(
        "--totals-blank", type=float, default=0.0, help="share of reports printing table 3's outcome rows without their 总计"
    )
    p.add_argument(
        "--zero-totals-blank",
        type=float,
        default=0.0,
        help="share of reports printing the 总计 of some of table 3's outcome rows of zeros blank (rows with numbers print theirs)",
    )
    p.add_argument("--page-numbers", type=float, default=0.0, help="share of template reports with page numbers in their footer")
    p.add_argument("--centred", type=float, default=0.0, help="share of pages and templates setting table cells in their middle")
    p.add_argument("--rows-blank", type=float, default=0.0, help="share of reports printing table 3's rows of zeros wholly blank")
    p.add_argument(
        "--share-2019", type=float, default=SHARE_2019, help="share of bodies reporting from 2019, in the 2019 format until 2020"
    )
    p.add_argument(
        "--variants",
        default="",
        help=f"comma-separated, of {','.join(TEXT_VARIANTS)}: each txt report again in that form; "
        "radicals: every pdf report with fonts giving radicals for ideographs; spans: every html report with "
        "its numbers split over two spans; tools: every html/pdf report "
        "as each text extractor leaves it; unmapped: every pdf report with fonts lacking ToUnicode maps; traditional: every txt and html report in "
        "traditional characters; mhtml: every html report as Chromium saves it as one file; chromium: every html report as Chromium "
        "prints it to PDF; chromium_a5: the same on A5 paper; copied: every html report as text copied from the page in Chromium; office_text: every docx report and filled template as LibreOffice saves it as text",
    )
    p.add_argument(
        "--formats",
        default="txt",
        help=f"comma-separated, of {','.join(FORMATS)} (docx, pdf and the template forms need LibreOffice)",
    )
    args = p.parse_args(argv)
    unknown = set(filter(None, args.variants.split(","))) - set(TEXT_VARIANTS)
    if unknown:
        p.error(f"unknown variant {', '.join(sorted(unknown))}: one of {', '.join(TEXT_VARIANTS)}")
    paths = generate(
        args.out_dir,
        args.n,
        args.seed,
        args.broken_share,
        tuple(args.formats.split(",")),
        tuple(filter(None, args.variants.split(","))),
        args.zeros_blank,
        args.share_2019,
        args.totals_blank,
        args.rows_blank,
        args.page_numbers,
        args.centred,
        args.zero_totals_blank,
    )
    golds = [json.loads(path.with_suffix(".json").read_text(encoding="utf-8")) for path in paths]
    layouts = Counter(g["layout"] for g in golds)
    broken = sum(bool(g["source_inconsistencies"]) for g in golds)
    print(
        f"{len(paths)} reports in {args.out_dir} ({', '.join(f'{k} {v}' for k, v in sorted(layouts.items()))}); {broken} break an identity"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
