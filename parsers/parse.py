"""Bytes in, ParsedReport out: the one entry point every caller (CLI, Dagster, tests) uses."""

from __future__ import annotations

from .limits import LimitExceeded
from .readers import ReadError, read
from .report import ParsedReport
from .template import parse_document


def parse_bytes(data: bytes, name: str = "") -> tuple[str | None, ParsedReport]:
    """(source_format, report). An unreadable file is a report with an error, never an exception."""
    try:
        doc = read(data, name)
    except LimitExceeded:
        raise  # over a per-file limit: the caller records it as such, to try again when limits change
    except ReadError as e:
        report = ParsedReport()
        report.error("unreadable", str(e))
        from .readers.detect import sniff

        return sniff(data, name), report
    report = parse_document(doc)
    for check, detail in doc.notes:
        report.warn(check, detail)
    if doc.confidence:  # cells read by OCR: doubtful ones and broken identities named
        from .ocr import findings

        findings(doc, report)
    return doc.format, report
