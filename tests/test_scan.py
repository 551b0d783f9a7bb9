"""Scanned reports: a rendering printed to a degraded image-only PDF lands every number; a PNG
page is read; a misread number is named by a finding. OCR is slow: these few tests read one
report and one page (the rest is in scripts/benchmark_scans.py)."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image, ImageFilter

os.environ.setdefault("XXGK_OCR_THREADS", "1")

from parsers import ocr  # noqa: E402
from parsers.parse import parse_bytes  # noqa: E402
from parsers.readers import read  # noqa: E402
from parsers.readers import scan  # noqa: E402
from parsers.readers.scan import render_pdf  # noqa: E402
from parsers.template import parse_document  # noqa: E402

from . import gold  # noqa: E402
from .helpers import RENDERINGS, SAMPLES  # noqa: E402

SAMPLE = SAMPLES[2]


def scanned_pages(stem: str, turn: float = 0.8) -> list[Image.Image]:
    """The rendering printed and scanned: grey, turned a little, blurred, JPEG at quality 60."""
    pages = []
    for rgb in render_pdf((RENDERINGS / f"{stem}.pdf").read_bytes()).values():
        page = Image.fromarray(rgb).convert("L").rotate(turn, resample=Image.BICUBIC, fillcolor=255)
        buf = io.BytesIO()
        page.filter(ImageFilter.GaussianBlur(0.7)).save(buf, "JPEG", quality=60)
        pages.append(Image.open(io.BytesIO(buf.getvalue())))
    return pages


@pytest.fixture(scope="module")
def scan_pages() -> list[Image.Image]:
    return scanned_pages(SAMPLE.stem)


@pytest.mark.slow
def test_scanned_pdf_lands_every_number(scan_pages):
    buf = io.BytesIO()
    scan_pages[0].save(buf, "PDF", save_all=True, append_images=scan_pages[1:], resolution=200)
    fmt, report = parse_bytes(buf.getvalue(), "scan.pdf")
    truth = gold.load(gold.GOLDEN / f"{SAMPLE.stem}.json")
    assert fmt == "pdf"
    assert gold.differences(gold.expected_cells(truth), gold.report_cells(report)) == []
    assert (report.agency, report.year, report.template_version) == (truth["agency"], truth["year"], "2021")
    assert not report.failed
    ref = next(r for row, col, _, r in report.applications if (row, col) == ("new_received", "total"))
    assert ref.startswith("page ") and " ocr " in ref  # page 2 ocr x,y,w,h: where to look in the scan


def test_png_page_is_read_as_a_one_page_scan(scan_pages):
    truth = gold.load(gold.GOLDEN / f"{SAMPLE.stem}.json")
    page = next(p for p in scan_pages[1:])  # the page where table 3 begins
    buf = io.BytesIO()
    page.save(buf, "PNG")
    doc = read(buf.getvalue(), "page.png")
    assert doc.format == "png"
    rows: dict[int, list[str]] = {}
    for c in doc.cells:
        rows.setdefault(c.line, []).append(c.text)
    received = next(r for r in rows.values() if r[0].startswith("一、本年新收"))
    want = ["" if v is None else str(v) for v in truth["applications"]["new_received"]]
    assert received[1:] == want
    assert all(0.0 <= doc.confidence[c.ref] <= 1.0 for c in doc.cells)


def test_a_misread_digit_is_named_with_its_likely_value():
    """No OCR here: the sample's cells as if read by OCR, one digit of one cell misread."""
    doc = read(SAMPLE.read_bytes(), SAMPLE.name)
    truth = gold.load(gold.GOLDEN / f"{SAMPLE.stem}.json")
    report = parse_document(doc)
    ref = next(r for row, col, _, r in report.applications if (row, col) == ("new_received", "natural_person"))
    right = truth["applications"]["new_received"][0]
    misread = str(right + 1 if right % 10 != 9 else right - 1)
    for c in doc.cells:
        doc.confidence[c.ref] = 0.99
        if c.ref == ref:
            c.text, doc.confidence[c.ref] = misread, 0.6
    report = parse_document(doc)
    ocr.findings(doc, report)
    named = [i.detail for i in report.issues if i.check_name == "ocr_uncertain"]
    assert named and all(ref in d for d in named)
    assert f"new_received.natural_person read '{misread}' (confidence 0.60, {ref}), likely {right} " in named[0]
    assert gold.report_cells(report)[("applications", "new_received", "natural_person")] == int(misread)  # landed as read


def test_a_scanned_page_inside_a_digital_pdf_is_read_in_its_place(scan_pages):
    import pypdfium2

    digital = pypdfium2.PdfDocument((RENDERINGS / f"{SAMPLE.stem}.pdf").read_bytes())
    image = io.BytesIO()
    scan_pages[2].save(image, "PDF", resolution=200)
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(digital, [0, 1])
    mixed.import_pages(pypdfium2.PdfDocument(image.getvalue()), [0])
    mixed.import_pages(digital, list(range(3, len(digital))))
    buf = io.BytesIO()
    mixed.save(buf)
    _, report = parse_bytes(buf.getvalue(), "mixed.pdf")
    truth = gold.load(gold.GOLDEN / f"{SAMPLE.stem}.json")
    assert gold.differences(gold.expected_cells(truth), gold.report_cells(report)) == []
    refs = {r.split(" ocr ")[0] for *_, r in report.applications if r and " ocr " in r}
    assert refs == {"page 3"}  # only the scanned page was read by OCR


def _ruled_row_png(cells: list[str]) -> bytes:
    """One ruled table row of numbers, drawn in Pillow's own font: what a scan of it shows."""
    from PIL import ImageDraw, ImageFont

    image = Image.new("L", (1654, 400), 255)
    draw, font = ImageDraw.Draw(image), ImageFont.load_default(size=30)
    x0, y0, w, h = 150, 100, 300, 90
    for k in range(len(cells) + 1):
        draw.line([(x0 + k * w, y0), (x0 + k * w, y0 + h)], fill=0, width=2)
    for y in (y0, y0 + h):
        draw.line([(x0, y), (x0 + len(cells) * w, y)], fill=0, width=2)
    for k, text in enumerate(cells):
        draw.text((x0 + k * w + 20, y0 + 28), text, fill=0, font=font)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def test_a_minus_sign_is_read_and_a_speck_is_not():
    """The 2019 format's 本年增/减 prints -14: its minus sign, a short bar standing apart from the
    digits, is read (was: trimmed as a speck, 14 landed); a dot before a number is still a speck,
    dropped with the cell's confidence capped."""
    doc = scan.read_image(_ruled_row_png(["17", "-14", "0", "·5"]), "png")
    read = {c.text: doc.confidence[c.ref] for c in doc.cells}
    assert list(read) == ["17", "-14", "0", "5"]
    assert read["-14"] > 0.9 and read["5"] <= 0.5


@pytest.mark.parametrize(
    "text, kept",
    [
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", True),  # a template label, far from every other
        ("信息内容", True),  # a header far from every label
        ("年收费金额（单位：万元）", False),  # 本年收费金额 with its first character lost
        ("行政许可", False),  # two characters from 行政诉讼 and 行政处罚: read again at full size
        ("727.08", False),  # a number is always read at full size
        ("OO", False),  # ... and so is what a number is misread as
    ],
)
def test_a_label_read_small_is_kept_only_when_surely_a_label(text, kept):
    region = scan._Region(scan._Box(0, 0, 1, 1), [], text=text, word_confidence=0.99)
    assert scan._kept_small(region) is kept


def test_a_label_read_small_but_unsure_is_read_again():
    region = scan._Region(scan._Box(0, 0, 1, 1), [], text="信息内容", word_confidence=0.8)
    assert not scan._kept_small(region)


# ---------------------------------------------------------------- fonts without ToUnicode maps
def unmapped(only: str | None = None) -> bytes:
    """The sample's rendering with its fonts (all, or those named `only`) embedded without their
    ToUnicode maps, as some PDF writers leave them: pdftotext prints other characters for them."""
    from scripts.text_variants import unmapped_fonts

    return unmapped_fonts((RENDERINGS / f"{SAMPLE.stem}.pdf").read_bytes(), only)


def test_a_glyph_without_a_unicode_map_is_never_read_as_a_character():
    """No OCR here: PDFium's own flag, not the code it would print instead (`!"#$%` or digits)."""
    from parsers.readers.pdf import UNMAPPED, extract

    for page in extract(unmapped()):
        assert {c[0] for c in page.chars} <= {UNMAPPED, " "}
    assert not any(c[0] == UNMAPPED for page in extract((RENDERINGS / f"{SAMPLE.stem}.pdf").read_bytes()) for c in page.chars)


def read_as_printed(data: bytes, name: str):
    """The report the sample's rendering became, parsed: every cell, body and year as printed."""
    _, report = parse_bytes(data, name)
    truth = gold.load(gold.GOLDEN / f"{SAMPLE.stem}.json")
    assert gold.differences(gold.expected_cells(truth), gold.report_cells(report)) == []
    assert (report.agency, report.year) == (truth["agency"], truth["year"])
    return report


@pytest.mark.slow
def test_a_pdf_whose_fonts_lost_their_unicode_maps_is_read_by_ocr():
    report = read_as_printed(unmapped(), "unmapped.pdf")
    assert all(" ocr " in r for *_, r in report.applications if r)
    assert [i.check_name for i in report.issues if i.severity == "warning"].count("pdf_read_by_ocr") == 1


@pytest.mark.slow
def test_only_the_pages_a_font_without_its_map_prints_on_are_read_by_ocr():
    """The title's bold fonts without their maps (a common case: a display font for the title):
    the title comes from OCR, the other pages from the text layer as before."""
    report = read_as_printed(unmapped("Bold"), "bold_unmapped.pdf")
    note = next(i.detail for i in report.issues if i.check_name == "pdf_read_by_ocr")
    refs = [r for *_, r in report.applications if r]
    ocr_pages = {f"page {r.split()[1]}" for r in refs if " ocr " in r}
    text_pages = {f"page {r.split()[1]}" for r in refs if " ocr " not in r}
    assert ocr_pages and text_pages and all(f"{p} (" in note for p in ocr_pages)
    assert note.startswith("read by OCR: ") and "glyphs whose font does not say which characters they are" in note


# ---------------------------------------------------------------- text drawn invisibly
def searchable_scan() -> bytes:
    """The sample's pages as images, each under its own text drawn invisibly at the place it is
    printed (render mode 3), as a scanner's or converter's OCR makes a scan searchable; every
    digit of that text one off, as such OCR misreads."""
    import pymupdf

    shifted = str.maketrans("0123456789", "1234567890")
    with pymupdf.open(RENDERINGS / f"{SAMPLE.stem}.pdf") as printed, pymupdf.open() as out:
        for page in printed:
            image = page.get_pixmap(dpi=150).tobytes("png")
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, stream=image)
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        text = span["text"].translate(shifted)
                        new.insert_text(span["origin"], text, fontname="china-s", fontsize=span["size"], render_mode=3)
        return out.tobytes()


@pytest.mark.slow
def test_a_scan_another_programs_ocr_made_searchable_is_read_by_ocr():
    """Its invisible text is someone else's reading, unchecked: here every digit is wrong."""
    report = read_as_printed(searchable_scan(), "searchable.pdf")
    note = next(i.detail for i in report.issues if i.check_name == "pdf_read_by_ocr")
    assert "drawn invisibly" in note and "page 1 (" in note


@pytest.mark.parametrize("mode", [3, 7])  # invisible; a clipping path only
def test_text_drawn_invisibly_is_not_read_as_printed(mode):
    """No OCR here: a printed page with a word of text that paints nothing over its table keeps
    its cells, those digits left out."""
    import pymupdf

    from parsers.readers.pdf import extract

    printed = (RENDERINGS / f"{SAMPLE.stem}.pdf").read_bytes()
    with pymupdf.open(stream=printed, filetype="pdf") as doc:
        doc[1].insert_text((300, 400), "98765", fontname="china-s", fontsize=9, render_mode=mode)
        marked = doc.tobytes()
    pages = extract(marked)
    assert [p.hidden for p in pages] == [0, 5] + [0] * (len(pages) - 2)
    assert ["".join(c[0] for c in p.chars) for p in pages] == ["".join(c[0] for c in p.chars) for p in extract(printed)]
    _, report = parse_bytes(marked, "marked.pdf")
    assert "pdf_read_by_ocr" not in {i.check_name for i in report.issues}
    truth = gold.load(gold.GOLDEN / f"{SAMPLE.stem}.json")
    assert gold.differences(gold.expected_cells(truth), gold.report_cells(report)) == []


def test_the_text_of_a_pdf_whose_fonts_lost_their_maps_is_refused_saying_why():
    """pdftotext's text of such a PDF is other characters: no report, and the finding says what to
    ingest instead."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian's poppler-utils, installed by scripts/setup --test) is not on this machine")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=unmapped(), capture_output=True, check=True).stdout
    _, report = parse_bytes(text, "unmapped.txt")
    detail = next(i.detail for i in report.issues if i.check_name == "not_a_report")
    assert "the text holds almost no Chinese characters (0 of " in detail and "ingest the PDF itself" in detail
    _, sample = parse_bytes(SAMPLE.read_bytes(), SAMPLE.name)
    assert not sample.failed


@pytest.mark.slow
def test_scans_go_through_ingest_within_the_default_limits(raw_dir, warehouse_path, scan_pages):
    """Read by OCR in a parse worker at the default memory limit: a scan whose PDF states 72 dpi
    for its 200 (pages of 1.7 m, rendered no larger than they are read) and a PDF whose fonts lost
    their maps."""
    from pipelines import ingest

    from .helpers import query

    buf = io.BytesIO()
    scan_pages[0].save(buf, "PDF", save_all=True, append_images=scan_pages[1:], resolution=72)
    (raw_dir / "scan_72dpi.pdf").write_bytes(buf.getvalue())
    (raw_dir / "unmapped.pdf").write_bytes(unmapped())
    ingest.run(raw_dir, warehouse_path)
    want = {
        (r, a): v
        for (t, r, a), v in gold.expected_cells(gold.load(gold.GOLDEN / f"{SAMPLE.stem}.json")).items()
        if t == "applications"
    }
    for name in ("scan_72dpi.pdf", "unmapped.pdf"):
        sql = f"""SELECT r.parse_status, a.row_code, a.applicant, a.count FROM reports r JOIN applications a USING (report_id)
                  WHERE r.source_path LIKE '%/{name}'"""
        rows = query(warehouse_path, sql)
        assert {status for status, *_ in rows} <= {"ok", "warnings"}, (name, rows[:1])
        got = {(r, a): v for _, r, a, v in rows}
        assert {k: got.get(k) for k in want} == want, name
