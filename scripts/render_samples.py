"""Renders each sample report as the formats offices publish: an HTML page with the template's
tables (rowspan/colspan as in the national template), and from it PDF and DOCX via LibreOffice.

    python scripts/render_samples.py [OUT_DIR]      # default tests/renderings

The numbers come from the sample's gold file (tests/golden), the text of parts 1, 5 and 6 from
the sample itself; tests then check that every rendering lands the same numbers as the text.
LibreOffice (soffice) is needed only to make the PDF and DOCX; the renderings are committed.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers import catalogue  # noqa: E402
from parsers.parse import parse_bytes  # noqa: E402

TABLE2 = [  # (section label, items) in the template's order
    ("第二十条第（一）项", ["regulations", "normative_documents"]),
    ("第二十条第（五）项", ["administrative_licensing"]),
    ("第二十条第（六）项", ["administrative_penalty", "administrative_coercion"]),
    ("第二十条第（八）项", ["administrative_fees"]),
]
TABLE2_2019 = [  # the 2019 format's blocks: (section label, items, measures)
    ("第二十条第（一）项", ["regulations", "normative_documents"], ["made", "published", "total_published"]),
    (
        "第二十条第（五）项",
        ["administrative_licensing", "other_external_services"],
        ["items_prior_year", "items_change", "decisions"],
    ),
    (
        "第二十条第（六）项",
        ["administrative_penalty", "administrative_coercion"],
        ["items_prior_year", "items_change", "decisions"],
    ),
    ("第二十条第（八）项", ["administrative_fees"], ["items_prior_year", "items_change"]),
    ("第二十条第（九）项", ["government_procurement"], ["projects", "amount"]),
]
LABELS_2019 = {  # the 2019 format's wording where the catalogue's first label is the 2021 one
    "normative_documents": "规范性文件",
    "made": "本年新制作数量",
    "published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "items_prior_year": "上一年项目数量",
    "items_change": "本年增/减",
    "decisions": "处理决定数量",
    "projects": "采购项目数量",
    "amount": "采购总金额",
}
STYLE = "border-collapse:collapse"


def td(text="", rowspan=1, colspan=1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f'<td{attrs} style="border:1px solid #000;padding:2px"><p><span>{html.escape(str(text))}</span></p></td>'


def number(v) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:f}".rstrip("0").rstrip(".")  # 29.93, 251000.5, never 2.51e+05


def table2_2019(gold: dict) -> str:
    """Table 2 in the 2019 format: five blocks, the procurement amount printed with its unit."""
    items = catalogue.load().canonical("t2_item") | LABELS_2019
    rows = []
    for section, codes, measures in TABLE2_2019:
        rows.append(td(section, colspan=4))
        span = 3 // len(measures)
        rows.append(
            td("信息内容")
            + "".join(td(LABELS_2019[m], colspan=span + (k == 0) * (3 - span * len(measures))) for k, m in enumerate(measures))
        )
        for c in codes:
            values = gold["table2_2019"][c]["values"]
            cells = [values[m].get("as_printed") or number(values[m]["value"]) for m in measures]
            rows.append(
                td(items[c]) + "".join(td(v, colspan=span + (k == 0) * (3 - span * len(measures))) for k, v in enumerate(cells))
            )
    return _table(rows)


def table2(gold: dict) -> str:
    if gold.get("template_version") == "2019":
        return table2_2019(gold)
    cat = catalogue.load()
    items = cat.canonical("t2_item")
    measures = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
    ad = gold["active_disclosure"]
    rows = []
    for section, codes in TABLE2:
        rows.append(td(section, colspan=4))
        if codes[0] in ("regulations", "normative_documents"):
            rows.append(td("信息内容") + "".join(td(m) for m in measures.values()))
            for c in codes:
                rows.append(td(items[c]) + "".join(td(number(ad[c][m])) for m in measures))
        elif codes[0] == "administrative_fees":
            fee = ad["administrative_fees"]
            rows.append(td("信息内容") + td(f"本年收费金额（单位：{fee['unit']}）", colspan=3))
            rows.append(td(items["administrative_fees"]) + td(number(fee["amount"]), colspan=3))
        else:
            rows.append(td("信息内容") + td("本年处理决定数量", colspan=3))
            for c in codes:
                rows.append(td(items[c]) + td(number(ad[c]["decisions"]), colspan=3))
    return _table(rows)


def table3(gold: dict) -> str:
    cat = catalogue.load()
    labels = cat.canonical("t3_row")
    groups = cat.canonical("t3_group")
    apps = gold["applications"]
    with_other = any(v[5] is not None for v in apps.values())
    rows = [
        td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3)
        + td("申请人情况", colspan=7 if with_other else 6),
        td("自然人", rowspan=2) + td("法人或其他组织", colspan=5 if with_other else 4) + td("总计", rowspan=2),
        "".join(td(x) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构"] + (["其他"] if with_other else [])),
    ]

    def values(code: str) -> str:
        vs = apps[code]
        if not with_other and vs[5] is None:
            vs = vs[:5] + vs[6:]
        return "".join(td(number(v)) for v in vs)

    order = catalogue.table3_rows()
    outcome_rows = order[order.index("granted") : order.index("total_processed") + 1]
    other = _children("other_handling")  # printed as three rows, or (the 2019 format) as one: （六）其他处理
    single = "other_handling" in apps and not any(v is not None for r in other for v in apps[r])
    shown = {"other_handling"} if single else other
    outcome_rows = [r for r in outcome_rows if r in shown or r not in other | {"other_handling"}]
    first_in_group = {
        "denied_state_secret": "denied",
        "unavailable_not_held": "unavailable",
        "not_processed_petition": "not_processed",
        "other_no_correction": "other_handling",
    }
    group_size = {
        g: sum(1 for r in outcome_rows if cat.parents("t3_row")[r] == g)
        for g in ("denied", "unavailable", "not_processed", "other_handling")
    }
    for code in order:
        if code in ("new_received", "carried_over", "carried_forward"):
            rows.append(td(labels[code], colspan=3) + values(code))
        elif code in outcome_rows:
            head = td(groups["results"], rowspan=len(outcome_rows)) if code == "granted" else ""
            parent = cat.parents("t3_row")[code]
            if parent == "results":
                rows.append(head + td(labels[code], colspan=2) + values(code))
            else:
                group = first_in_group.get(code)
                label = labels["other_handling"] if group == "other_handling" else groups.get(group, "")
                lead = td(label, rowspan=group_size[group]) if group else ""
                rows.append(head + lead + td(labels[code]) + values(code))
    return _table(rows)


def _children(code: str) -> set[str]:
    return {r for r, parent in catalogue.load().parents("t3_row").items() if parent == code}


def table4(gold: dict) -> str:
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rl = gold["review_litigation"]
    rows = [
        td("行政复议", colspan=5) + td("行政诉讼", colspan=10),
        "".join(td(o, rowspan=2) for o in outcomes) + td("未经复议直接起诉", colspan=5) + td("复议后起诉", colspan=5),
        "".join(td(o) for o in outcomes * 2),
        "".join(td(number(v)) for p in catalogue.proceedings() for v in rl[p]),
    ]
    return _table(rows)


def _table(rows: list[str]) -> str:
    body = "\n".join(f"<tr>{r}</tr>" for r in rows)
    return f'<table border="1" cellspacing="0" style="{STYLE}">\n{body}\n</table>'


CENTRED = "<style>td{text-align:center}</style>"
"""Cells set in their middle, as most offices set a table's headings and numbers: a layout
extractor then starts a value under the middle of its heading, not where the heading starts."""


def page(text: bytes, gold: dict, centred: bool = False) -> str:
    """The report as an HTML page: its own parts 1, 5 and 6 (parsed from its text), its tables from
    gold; with `centred`, every table cell set in its middle (CENTRED)."""
    _, report = parse_bytes(text, "report.txt")
    sections = {n: (heading, body) for n, heading, body in report.sections}
    tables = {2: table2(gold), 3: table3(gold), 4: table4(gold)}
    title = f"{gold['agency']}{gold['year']}年政府信息公开工作年度报告"
    parts = [f"<h1>{html.escape(title)}</h1>"]
    for n in range(1, 7):
        heading, body = sections[n]
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        if n in tables:
            parts.append(tables[n])
        else:
            parts.extend(f"<p>{html.escape(line)}</p>" for line in body.splitlines() if line.strip())
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>'
        + html.escape(title)
        + "</title>"
        + (CENTRED if centred else "")
        + "</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


TEMPLATE = ROOT.parent / "shared" / "formats" / "template_2021_blank.docx"
_PROSE_PARTS = {"一、总体情况": 1, "五、存在的主要问题及改进情况": 5, "六、其他需要报告的事项": 6}


PAGE_NUMBERS = {"bare": "{}", "dashes": "- {} -"}
"""Page numbers as offices set them in a report's footer: Word's own (the number alone, centred),
or between dashes as official documents print them."""


def national_template(
    gold: dict,
    text: bytes | None = None,
    template: Path = TEMPLATE,
    table_font: float | None = None,
    page_numbers: str | None = None,
    centred: bool = False,
) -> bytes:
    """The national template (国办公开办函〔2021〕30号's DOCX) as offices fill it: the title in place
    of the template's, every table cell by its label, and parts 1, 5 and 6 from the report's text
    (parsed from it) in place of the template's `（文字描述）`; its tables' text in `table_font`
    points when given (offices set their own: labels then wrap elsewhere, and extractors read the
    cells in other orders); a page number in the footer in the PAGE_NUMBERS form named; with
    `centred`, every value set in its cell's middle (CENTRED)."""
    import io

    import docx
    from docx.shared import Pt

    from parsers.catalogue import label_key

    if not template.exists():
        raise SystemExit(f"{template} not found: the national template comes with ../shared/formats")
    d = docx.Document(str(template))
    sections = {n: body for n, _, body in parse_bytes(text, "report.txt")[1].sections} if text else {}
    part = None
    for paragraph in d.paragraphs:
        if "格式模板" in paragraph.text:
            paragraph.text = f"{gold['agency']}{gold['year']}年政府信息公开工作年度报告"
        elif paragraph.text in _PROSE_PARTS:
            part = _PROSE_PARTS[paragraph.text]
        elif paragraph.text.startswith("（文字描述") and sections.get(part):
            paragraph.text = sections[part].replace("\n", "")
    t2, t3, t4 = d.tables
    ad = gold["active_disclosure"]
    items = {label_key(lab): code for code, lab in catalogue.load().canonical("t2_item").items()}
    for row in t2.rows:
        cells = list(dict.fromkeys(row.cells))  # a merged cell is one object, repeated
        code = items.get(label_key(cells[0].text))
        if code is None:
            if "本年收费金额" in cells[0].text or (len(cells) > 1 and "本年收费金额" in cells[1].text):
                cells[-1].text = f"本年收费金额（单位：{ad['administrative_fees']['unit']}）"
            continue
        values = [ad[code]["amount"]] if code == "administrative_fees" else [ad[code][m] for m in ad[code]]
        for cell, v in zip(cells[1:], values):
            cell.text = number(v)
    rows = catalogue.table3_rows()
    matcher = catalogue.load().matcher("t3_row")
    for row in t3.rows[3:]:
        cells = list(dict.fromkeys(row.cells))
        label = cells[len(cells) - 8].text
        code = next(lab.code for lab in matcher.candidates(label_key(label)) if lab.code in rows)
        for cell, v in zip(cells[-7:], gold["applications"][code]):
            cell.text = number(v)
    values = [v for p in catalogue.proceedings() for v in gold["review_litigation"][p]]
    for cell, v in zip(t4.rows[3].cells, values):
        cell.text = number(v)
    if centred:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        for p in (p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs if number_like(p.text)):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if table_font:
        for run in (r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs):
            run.font.size = Pt(table_font)
    if page_numbers:
        _page_number_footer(d, PAGE_NUMBERS[page_numbers])
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def number_like(text: str) -> bool:
    """A value cell's text: a number, or nothing (a cell left blank)."""
    return not text.strip() or text.strip().lstrip("-").replace(".", "", 1).isdigit()


def _page_number_footer(d, form: str) -> None:
    """Each page's number centred in the footer, a PAGE field inside the form's text."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = d.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = form.split("{}")
    if before:
        paragraph.add_run(before)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    field.append(run)
    paragraph._p.append(field)
    if after:
        paragraph.add_run(after)


def convert(sources: list[Path], target_format: str, out_dir: Path) -> list[Path]:
    """HTML pages (or DOCX files) to PDF, DOCX, HTML or text through LibreOffice, all in one call (it starts slowly)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) is needed to make PDF and DOCX renderings")
    filters = {
        "pdf": "pdf:writer_pdf_Export",
        "docx": "docx:MS Word 2007 XML",
        "html": "html:HTML (StarWriter)",
        "txt": "txt:Text (encoded):UTF8",  # a cell a line, an empty cell an empty line
    }
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(  # loaded into Writer, not Writer/Web, so the page keeps its heading
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                *(["--infilter=HTML (StarWriter)"] if sources and sources[0].suffix == ".html" else []),
                "--convert-to",
                filters[target_format],
                "--outdir",
                str(out_dir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=180 + 5 * len(sources),
        )
    return [out_dir / f"{source.stem}.{target_format}" for source in sources]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "renderings"
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    for sample in sorted((ROOT / "data" / "raw").glob("*.txt")):
        gold = json.loads((ROOT / "tests" / "golden" / f"{sample.stem}.json").read_text(encoding="utf-8"))
        target = out / f"{sample.stem}.html"
        target.write_text(page(sample.read_bytes(), gold), encoding="utf-8")
        pages.append(target)
    for fmt in ("pdf", "docx"):
        for path in convert(pages, fmt, out):
            print(path)


if __name__ == "__main__":
    main()
