"""Word (.docx): body paragraphs and tables in document order; headers and footers left out.

python-docx repeats a merged cell in every grid position it covers; the matcher reads a label
and then its values, so each underlying <w:tc> is emitted once, where it starts.
"""
from __future__ import annotations

import io
import zipfile

from . import Cell, Document, ReadError, tidy


def read(data: bytes) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as e:
        raise ReadError(f"damaged DOCX: {e}") from None
    except Exception as e:  # lxml and zip errors of a truncated package
        raise ReadError(f"damaged DOCX: {type(e).__name__}: {e}") from None
    walker = _Walker()
    walker.blocks(document.element.body, document)
    return Document(format="docx", cells=walker.cells)


class _Walker:
    def __init__(self) -> None:
        self.cells: list[Cell] = []
        self.line = 0
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, element, parent) -> None:
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(Paragraph(child, parent))
            elif child.tag == qn("w:tbl"):
                self.table(Table(child, parent))
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent"))
                self.blocks(content if content is not None else child, parent)

    def paragraph(self, paragraph) -> None:
        self.paragraphs += 1
        for text in paragraph.text.splitlines():
            text = tidy(text)
            if text:
                self.line += 1
                self.cells.append(Cell(text, self.line, f"paragraph {self.paragraphs}"))

    def table(self, table) -> None:
        self.tables += 1
        number = self.tables
        seen: set = set()  # the <w:tc> elements themselves: identity, kept alive
        for r, row in enumerate(table.rows, start=1):
            self.line += 1
            for c, cell in enumerate(row.cells, start=1):
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                if cell.tables:
                    self.blocks(cell._tc, cell)  # a layout cell around a nested table
                    self.line += 1
                    continue
                text = tidy(" ".join(p.text for p in cell.paragraphs))
                self.cells.append(Cell(text, self.line, f"table {number} row {r} col {c}"))
