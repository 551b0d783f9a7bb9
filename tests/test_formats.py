"""Every format of a report lands the same numbers as its text: the committed renderings
(scripts/render_samples.py), DOCX filled into the national template at test time, legacy Word
through LibreOffice; and files that cannot be read fail one by one, with their reason."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from parsers.parse import parse_bytes
from parsers.readers import office
from pipelines import ingest
from scripts import render_samples

from . import gold
from .helpers import RENDERINGS, SAMPLES, build_docx, build_pdf, query

TEMPLATE = gold.SHARED / "formats" / "template_2021_blank.docx"
FORMATS = ("html", "pdf", "docx")


def same_as_text(path: Path, sample: Path, fmt: str) -> None:
    got_fmt, report = parse_bytes(path.read_bytes(), path.name)
    truth = gold.load(gold.GOLDEN / f"{sample.stem}.json")
    assert got_fmt == fmt
    assert gold.differences(gold.expected_cells(truth), gold.report_cells(report)) == []
    assert (report.agency, report.year, report.template_version) == (truth["agency"], truth["year"], "2021")
    assert report.issues == []
    _, text_report = parse_bytes(sample.read_bytes(), sample.name)
    assert gold.report_cells(report) == gold.report_cells(text_report)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_rendering_lands_the_same_numbers_as_the_text(sample, fmt):
    same_as_text(RENDERINGS / f"{sample.stem}.{fmt}", sample, fmt)


def fill_template(truth: dict) -> bytes:
    """The national template as offices fill it: title, then table 2, 3 and 4 cells by label."""
    return render_samples.national_template(truth, template=TEMPLATE)


@pytest.mark.skipif(not TEMPLATE.exists(), reason=f"{TEMPLATE} not present: the national template comes with ../shared")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_national_template_filled_with_a_sample_lands_its_numbers(sample):
    truth = gold.load(gold.GOLDEN / f"{sample.stem}.json")
    fmt, report = parse_bytes(fill_template(truth), "filled.docx")
    assert fmt == "docx"
    assert gold.differences(gold.expected_cells(truth), gold.report_cells(report)) == []
    assert (report.agency, report.year) == (truth["agency"], truth["year"])
    assert report.issues == []


needs_libreoffice = pytest.mark.skipif(office.soffice() is None, reason="LibreOffice (soffice) is not installed")


@needs_libreoffice
@pytest.mark.slow
def test_legacy_word_is_read_through_libreoffice(tmp_path):
    import subprocess

    sample = SAMPLES[4]
    subprocess.run(
        [
            office.soffice(),
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(tmp_path),
            str(RENDERINGS / f"{sample.stem}.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    same_as_text(tmp_path / f"{sample.stem}.doc", sample, "doc")


def test_legacy_word_without_libreoffice_says_how_to_enable_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    _, report = parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "report.doc")
    (issue,) = report.issues
    assert issue.severity == "error" and "needs LibreOffice" in issue.detail and "apt-get install" in issue.detail


def test_unreadable_documents_fail_one_by_one_and_the_rest_lands(raw_dir, warehouse_path):
    import zipfile

    pdf = build_pdf([[("text", 72, 700, 12, "某某县2023年政府信息公开工作年度报告")]])
    bad = {
        "scan.pdf": build_pdf([[("line", 10, 10, 500, 500)]]),
        "locked.pdf": build_pdf([[("text", 72, 700, 12, "报告")]], encrypt=True),
        "truncated.pdf": (RENDERINGS / f"{SAMPLES[1].stem}.pdf").read_bytes()[:5000],
        "no_tables.docx": build_docx(with_table=False),
        "numbers.xlsx": _xlsx(zipfile),
    }
    for name, data in bad.items():
        (raw_dir / name).write_bytes(data)
    (raw_dir / "title_only.pdf").write_bytes(pdf)
    ingest.run(raw_dir, warehouse_path)
    reasons = dict(
        query(
            warehouse_path,
            "SELECT regexp_extract(source_path, '[^/]+$'), status_reason FROM reports WHERE parse_status = 'failed'",
        )
    )
    assert reasons["scan.pdf"] == "scanned PDF: no text layer, and OCR found no text in it"
    assert reasons["locked.pdf"].startswith("encrypted PDF: a password is needed")
    assert reasons["truncated.pdf"].startswith("damaged or truncated PDF")
    assert reasons["no_tables.docx"].startswith("table 3 (收到和处理政府信息公开申请情况) not found")
    assert reasons["numbers.xlsx"].startswith("unsupported format: xlsx")
    assert query(warehouse_path, "SELECT count(*) FROM report_headlines") == [(5,)]


def _xlsx(zipfile) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()
