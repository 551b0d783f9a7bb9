"""Real published reports (PDF and HTML as found online) parse to their hand-read gold values.

The documents and their gold live in ../shared/real beside the repository, not in it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .gold import differences, expected_cells, load, report_cells
from parsers import checks, frames
from parsers.parse import parse_bytes

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
GOLD = REAL / "gold"


def _documents() -> list[str]:
    if not GOLD.is_dir():
        return ["(absent)"]
    return sorted(p.name for p in REAL.iterdir() if p.is_file() and (GOLD / f"{p.stem}.json").is_file())


def _load(name: str):
    if name == "(absent)":
        pytest.skip(f"../shared/real not present: {REAL} holds the real documents and their gold")
    path = REAL / name
    data = path.read_bytes()
    fmt, report = parse_bytes(data, path.name)
    return data, fmt, report, load(GOLD / f"{path.stem}.json")


@pytest.mark.parametrize("name", _documents())
def test_every_cell_matches_gold(name):
    _, _, report, gold = _load(name)
    errors = [i for i in report.issues if i.severity == "error"]
    assert not errors, errors
    wrong = differences(expected_cells(gold), report_cells(report))
    assert not wrong, f"{len(wrong)} wrong cells: {wrong[:10]}"


@pytest.mark.parametrize("variant", ["pdftotext", "pdftotext_layout"])
@pytest.mark.parametrize("name", [n for n in _documents() if n.endswith(".pdf") or n == "(absent)"])
def test_a_real_pdf_as_pdftotext_leaves_it_lands_every_cell(name, variant):
    """The text poppler's pdftotext makes of a real PDF (plain and -layout) lands the PDF's every
    cell, body and year: its reading order sets the footer, spaced-out headings (`总 计`) and
    values where no template prints them."""
    from scripts import text_variants

    _, _, _, gold = _load(name)
    text = text_variants.PDF_VARIANTS[variant]((REAL / name).read_bytes())
    _, report = parse_bytes(text.encode("utf-8"), f"{Path(name).stem}.txt")
    assert differences(expected_cells(gold), report_cells(report)) == []
    assert (report.agency, report.year) == (gold["agency"], gold["year"])


@pytest.mark.parametrize("name", _documents())
def test_agency_year_and_version(name):
    _, fmt, report, gold = _load(name)
    assert fmt == Path(name).suffix.lstrip(".").lower()
    assert (report.agency, report.year) == (gold["agency"], gold["year"])
    if gold.get("template_version"):
        assert report.template_version == gold["template_version"]


@pytest.mark.parametrize("name", _documents())
def test_no_numbers_left_unplaced(name):
    _, _, report, _ = _load(name)
    assert not [i for i in report.issues if i.check_name in ("unplaced_numbers", "row_misaligned")]


_INCONSISTENCY = re.compile(r"^table\s*(\d)\s+(?:column\s+)?(\w+)")


@pytest.mark.parametrize("name", _documents())
def test_source_inconsistencies_are_reported(name):
    """Each identity the document itself breaks is a warning naming the same table and row or
    column; a document that breaks none gets no identity warning."""
    data, fmt, report, gold = _load(name)
    src = frames.SourceFile(name, frames.sha256_of(data), len(data))
    issues = checks.identity_issues(frames.build([(src, fmt, report)], "test"))
    warnings = [d for d, s in zip(issues["detail"], issues["severity"]) if s == "warning"]
    expected = gold.get("source_inconsistencies") or []
    if not expected:
        assert not warnings
    for entry in expected:
        m = _INCONSISTENCY.match(entry)
        assert m, f"gold entry not understood: {entry}"
        table, key = m.groups()
        assert any(f"table {table}" in w and key in w for w in warnings), (entry, warnings)


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
@pytest.mark.parametrize("name", [n for n in _documents() if not n.endswith(".pdf")])
def test_a_mirror_s_copy_in_traditional_characters(name, config):
    """The page as a mirror site copies it in traditional characters (OpenCC's conversions): every
    cell, the body and the year as in simplified ones."""
    from opencc import OpenCC

    data, fmt, _, gold = _load(name)
    _, report = parse_bytes(OpenCC(config).convert(data.decode("utf-8")).encode("utf-8"), name)
    wrong = differences(expected_cells(gold), report_cells(report))
    assert not wrong, f"{len(wrong)} wrong cells: {wrong[:10]}"
    assert (report.agency, report.year) == (gold["agency"], gold["year"])


@pytest.mark.parametrize("name", [n for n in _documents() if n.endswith(".html")])
def test_the_page_chromium_prints_with_headers_and_footers_through_every_extractor(name, tmp_path):
    """The page printed with the print dialog's headers and footers (the date and time, then the
    page's title, atop each page; its address and `n/N` below), as xxgk and every extractor read
    it: the body is the title's, not the date before it (`12/2/26, 4:48 AM 平潭综合实验区2020年…`),
    and no number is misread."""
    from scripts import text_variants
    from scripts.score_corpus import score

    if not text_variants.CHROMIUM.exists():
        pytest.skip(f"{text_variants.CHROMIUM} is not installed (bash scripts/setup --test installs it)")
    _, _, _, gold = _load(name)
    (data,) = text_variants.printed_by_chromium([REAL / name], headers_and_footers=True)
    pdf = tmp_path / name.replace(".html", ".pdf")
    pdf.write_bytes(data)
    forms = {"xxgk": pdf}
    for variant, text in text_variants.variants(pdf).items():
        forms[variant] = tmp_path / f"{pdf.stem}__{variant}.txt"
        forms[variant].write_text(text, encoding="utf-8")
    results = {variant: score(path, gold) for variant, path in forms.items()}
    assert not [m for r in results.values() for m in r.misread]
    assert not {v: r.title for v, r in results.items() if r.title}
    assert results["xxgk"].landed == results["xxgk"].cells


@pytest.mark.parametrize("saved_as, fmt", [("saved_as_one_file", "mhtml"), ("printed_by_chromium", "pdf")])
@pytest.mark.parametrize("name", [n for n in _documents() if n.endswith(".html")])
def test_the_page_as_chromium_saves_it(name, saved_as, fmt):
    """The page as Chromium saves it as one file (MHTML, its images beside it) and prints it to PDF
    ("Save as PDF": Type3 CJK fonts without a descent, the long tables' rows cut across pages with
    no border at the cut): every cell, the body and the year as the page's, no number left over."""
    from scripts import text_variants

    if not text_variants.CHROMIUM.exists():
        pytest.skip(f"{text_variants.CHROMIUM} is not installed (bash scripts/setup --test installs it)")
    _, _, _, gold = _load(name)
    (data,) = getattr(text_variants, saved_as)([REAL / name])
    got_format, report = parse_bytes(data, name.replace(".html", f".{fmt}"))
    assert got_format == fmt
    wrong = differences(expected_cells(gold), report_cells(report))
    assert not wrong, f"{len(wrong)} wrong cells: {wrong[:10]}"
    assert (report.agency, report.year) == (gold["agency"], gold["year"])
    assert not [i for i in report.issues if i.check_name in ("unplaced_numbers", "row_misaligned", "table3_incomplete")]


@pytest.mark.parametrize(
    "name, label, printed",
    [
        # county bureaus' 2019 pages cut these headings before their last character
        ("pingtan_2020.html", "本年增/减", "本年增/"),
        ("pingtan_2020.html", "采购项目数量", "采购项目数"),
        # a development zone's 2021 page: 决定 misheard, 申请 left out; a 苏木's 规章(制度)
        ("pingtan_2021.html", "本年处理决定数量", "本年处理绝对数量"),
        ("pingtan_2021.html", "二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开数量"),
        ("pingtan_2021.html", ">规章<", ">规章(制度)<"),
        # a city commission's 2021 page: 本年制发件数 printed 本年发件
        ("pingtan_2021.html", "本年制发件数", "本年发件"),
        # a township's 2020 page: 结转 printed 转结
        ("pingtan_2020.html", "二、上年结转政府信息公开申请数量", "二、上年转结政府信息公开申请数量"),
        # a county bureau's page: 行政事业性收费 printed 行政事业型收费
        ("pingtan_2021.html", "行政事业性收费", "行政事业型收费"),
    ],
)
def test_labels_as_bodies_print_them(name, label, printed):
    """Headings and labels as bodies' pages print them, cut or misprinted: the catalogue's, and the
    real page lands every cell as with them right (was: the items under them, 上年结转's row or
    规章's, NULL)."""
    path = REAL / name
    if not path.exists():
        pytest.skip(f"../shared/real not present: {REAL}")
    data = path.read_text(encoding="utf-8")
    assert label in data
    _, report = parse_bytes(data.replace(label, printed).encode("utf-8"), path.name)
    wrong = differences(expected_cells(load(GOLD / name.replace(".html", ".json"))), report_cells(report))
    assert not wrong, wrong[:5]
