"""One reader per format. Each turns raw bytes into a Document: an ordered list of cells.

A cell is one piece of text as the layout gives it (a table cell, a tab- or |-separated
field, a line). Readers know nothing of the template; parsers.template does the matching.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class ReadError(Exception):
    """The file cannot be turned into text; the message is the reason users see."""


@dataclass(slots=True)
class Cell:
    text: str
    line: int  # position of the cell's line (or table row) in the document
    ref: str  # where a person finds it in the source: "line 57", "table 3 row 4 col 2", "page 3"


@dataclass
class Document:
    format: str
    cells: list[Cell] = field(default_factory=list)
    encoding: str | None = None


def read(data: bytes, name: str = "") -> Document:
    from .detect import sniff
    from . import docx, html, pdf, text

    fmt = sniff(data, name)
    readers = {"txt": text.read, "html": html.read, "pdf": pdf.read, "docx": docx.read}
    reader = readers.get(fmt)
    if reader is None:
        raise ReadError(f"unsupported format: {fmt} (xxgk reads text reports; this file looks like {fmt})")
    return reader(data)
