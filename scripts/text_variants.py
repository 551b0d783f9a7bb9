"""The text a report becomes when a tool other than xxgk reads it: the forms reports travel in.

For a PDF: pdftotext (plain, -layout, -raw, -fixed, and -colspacing as older releases set it;
Debian's poppler-utils), pdfplumber `extract_text`
(plain and layout=True), pypdfium2 `get_text_range`, PyMuPDF `get_text` and pymupdf4llm's
Markdown. For a web page: a crawler's BeautifulSoup `get_text()` (cells run together, as
scrapers store them), a crawler's rows (`a | | 0 |`, a table row a line, blank cells kept) and
cells (a cell's text on a line, a bar on the next), trafilatura's main text (plain and Markdown, with its metadata header),
html-text, inscriptis, terminal browsers' dumps (w3m, lynx, elinks, links2), and Markdown from markdownify, html2text and markitdown; Markdown keeping its
tables as HTML or as tabulate, prettytable or a pandas DataFrame (Markdown, CSV, columns of spaces)
prints them; pandoc's text, Markdown and MediaWiki; and the page as Chromium saves
it as one file (MHTML, saved_as_one_file), prints it to PDF (printed_by_chromium) and copies its
text (copied_by_chromium). For a Word
document: pandoc's plain text, Markdown (its own, CommonMark, GitHub's), reStructuredText, AsciiDoc,
Org and MediaWiki (LibreOffice's text of it is make_corpus's `office_text`).

Nothing here is edited by hand: each variant is exactly what its tool printed. These tools are
for making test corpora (dev dependencies), not for reading reports.

    python scripts/text_variants.py REPORT.pdf|REPORT.html|REPORT.docx OUT_DIR    # one .txt/.md per variant
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import unicodedata
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def _pdftotext(*flags: str) -> Callable[[bytes], str]:
    def run(data: bytes) -> str:
        done = subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    return run


def _pdfplumber(layout: bool) -> Callable[[bytes], str]:
    def run(data: bytes) -> str:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text(layout=layout) or "" for page in pdf.pages)

    return run


def _pypdfium2(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def _pymupdf(data: bytes) -> str:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "".join(page.get_text() for page in doc)


def _pymupdf4llm(data: bytes) -> str:
    import pymupdf
    import pymupdf4llm

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return pymupdf4llm.to_markdown(doc, show_progress=False, use_ocr=False)


def _crawler(data: bytes, table_lines: Callable[[list[list[str]]], list[str]] | None = None) -> str:
    """The page as BeautifulSoup's get_text() leaves it (scripts and styles dropped), each table
    first made text by `table_lines` from its rows' cell texts, where given: how a crawler stores
    tables."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    if table_lines is not None:
        for table in soup.find_all("table"):
            rows = [
                [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"], recursive=False)] for tr in table.find_all("tr")
            ]
            table.replace_with("\n" + "\n".join(table_lines(rows)) + "\n")
    return soup.get_text()


def _stripped(separator: str) -> Callable[[bytes], str]:
    """The page as BeautifulSoup's get_text(separator, strip=True) leaves it (scripts and styles
    dropped): every string stripped and joined by `separator`, an empty one left out, so a blank
    cell leaves nothing and the spans a Word page splits a number into (`<span>3</span><span>2</span>`)
    stand apart as two cells do (`3 2`)."""

    def text(data: bytes) -> str:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(data, "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        return soup.get_text(separator, strip=True)

    return text


def _rows(rows: list[list[str]]) -> list[str]:
    """A row a line, each cell's text followed by ` | ` (a blank cell kept as nothing between two
    bars; a cell a rowspan covers is in no later row)."""
    return [" | ".join(cells) + " |" for cells in rows]


def _cell_lines(rows: list[list[str]]) -> list[str]:
    """Each cell's text on a line of its own with a bar on the next (`0` / `|`; a blank cell is the
    bar alone), and `||` after each row, as some sites' archived reports read."""
    return [line for cells in rows for line in [*(part for text in cells for part in (text, "|")), "||"]]


def _paragraphs(rows: list[list[str]]) -> list[str]:
    """A cell a paragraph: a cell's text and an empty line after it, an empty cell one empty line
    (its paragraph's line break alone), rows one after the other."""
    return ["\n".join(text + "\n" if text else "" for cells in rows for text in cells)]


def _padded(bar_lines: bool) -> Callable[[list[list[str]]], list[str]]:
    """Each row padded with bars to the table's widest row (counting cells, not columns: a
    colspan's or a rowspan's cells print as padding), as archived report pages read: `bar_lines`,
    a cell a line as `text |` (a blank cell a bar alone) and the padding a line of bars (`||`);
    else a row a line, `| a | b |` and the padding after it (`| 0 | ||`)."""

    def lines(rows: list[list[str]]) -> list[str]:
        width = max(map(len, rows), default=0)
        out = []
        for cells in rows:
            padding = "|" * (width - len(cells))
            if bar_lines:
                out += [f"{text} |" if text else "|" for text in cells] + ([padding] if padding else [])
            else:
                out.append("| " + " | ".join(cells) + " |" + (f" {padding}" if padding else ""))
        return out

    return lines


def _opened_rows(rows: list[list[str]]) -> list[str]:
    """Each row opened by a bar alone on its line, then a cell a line as `text |` (a blank cell a
    bar alone), the row padded with bars to the table's widest after its last cell (`第二十条第（一）项 | |||`),
    as a district government's archived report page reads."""
    width = max(map(len, rows), default=0)
    out = []
    for cells in rows:
        lines = [f"{text} |" if text else "|" for text in cells]
        if lines and len(cells) < width:
            lines[-1] += " " + "|" * (width - len(cells))
        out += ["|", *lines]
    return out


def _led_cells(rows: list[list[str]]) -> list[str]:
    """A row's first cell on a line as it is, each other cell on a line of its own led by a bar
    (`| 0`; a blank cell a bar alone), and a bar alone after the row, as an archived statistics
    page reads."""
    return [line for cells in rows if cells for line in [cells[0], *(f"| {t}" if t else "|" for t in cells[1:]), "|"]]


def _w3m(data: bytes) -> str:
    """w3m's dump of the page (Debian's w3m): a terminal browser's text, tables drawn with box
    lines (`│规章  │0  │`, `├──┼──┤`), cells wrapped at 80 columns."""
    return subprocess.run(
        ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")


def _terminal(command: list[str], as_file: bool = False) -> Callable[[bytes], str]:
    """A terminal browser's dump of the page (Debian's lynx, elinks, links2): lynx and elinks set
    a table's cells in columns of spaces, links2 draws its boxes with `|`, `-` and `+`."""

    def dump(data: bytes) -> str:
        if not as_file:
            return subprocess.run(command, input=data, capture_output=True, check=True).stdout.decode("utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "page.html"
            page.write_bytes(data)
            return subprocess.run([*command, str(page)], capture_output=True, check=True).stdout.decode("utf-8")

    return dump


_LYNX = ["lynx", "-dump", "-nolist", "-stdin", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8"]
_ELINKS = ["elinks", "-dump", "-no-references", "-no-numbering", "-dump-charset", "utf-8", "-force-html"]
_LINKS2 = ["links2", "-dump", "-html-assume-codepage", "utf-8", "-codepage", "utf-8"]  # (reads a file, not stdin)


def _markdownify(data: bytes) -> str:
    from markdownify import markdownify

    return markdownify(_without_scripts(data), strip=["script", "style"])


def _html2text(data: bytes) -> str:
    import html2text

    return html2text.html2text(_without_scripts(data))


def _trafilatura(markdown: bool) -> Callable[[bytes], str]:
    """The main text as trafilatura keeps it for a crawl: tables as `a | b |` rows, the page's
    title in a metadata header (the page's own heading and chrome are dropped)."""

    def run(data: bytes) -> str:
        import trafilatura

        form = "markdown" if markdown else "txt"
        return trafilatura.extract(data, include_tables=True, with_metadata=True, output_format=form) or ""

    return run


def markitdown(data: bytes) -> str:
    """markitdown's Markdown (Microsoft's converter for LLM pipelines): a page through its
    markdownify, tables as bar rows; a PDF's tables as pdfplumber finds them in the text (two
    columns merged in a cell, a table cut at every wrapped label)."""
    from markitdown import MarkItDown, StreamInfo

    kind = StreamInfo(extension=".pdf" if data.startswith(b"%PDF") else ".html", charset="utf-8")
    return MarkItDown().convert_stream(io.BytesIO(data), stream_info=kind).text_content


def _pandoc(source: str, form: str) -> Callable[[bytes], str]:
    """pandoc's text of a document (Debian's pandoc): `plain` and Markdown set tables out in columns
    of spaces under a rule of dashes per column, CommonMark keeps a table with merged cells as its
    HTML, GitHub's Markdown as bar rows with the merges undone, reStructuredText as grid tables,
    AsciiDoc and Org as bar rows under their own headings (`==`, `*`)."""

    def run(data: bytes) -> str:
        return subprocess.run(["pandoc", "-f", source, "-t", form], input=data, capture_output=True, check=True).stdout.decode(
            "utf-8"
        )

    return run


def _page_with_tables(render: Callable) -> Callable[[bytes], str]:
    """The page through markdownify, each table (outermost) set out by `render` from its rows (each
    a list of (text, colspan, rowspan) cells): how a pipeline that reads tables on their own writes
    the page."""

    def run(data: bytes) -> str:
        from bs4 import BeautifulSoup
        from markdownify import markdownify

        soup = BeautifulSoup(_without_scripts(data), "html.parser")
        tables = []
        for table in soup.find_all("table"):
            if table.find_parent("table") is not None:
                continue
            rows = [
                [(" ".join(td.get_text(" ").split()), td.get("colspan"), td.get("rowspan")) for td in tr.find_all(["td", "th"])]
                for tr in table.find_all("tr")
            ]
            table.replace_with(f"XXGKTABLE{len(tables)}")
            tables.append(render(rows))
        text = markdownify(str(soup), strip=["script", "style"])
        for k in range(len(tables) - 1, -1, -1):  # the tenth's mark holds the first's
            text = text.replace(f"XXGKTABLE{k}", "\n\n" + tables[k] + "\n\n")
        return text

    return run


def _as_html(rows: list[list[tuple]]) -> str:
    """A table's HTML on one line (`<table><tr><td rowspan="2">…`), as PDF-to-Markdown tools that
    recognise tables write it (MinerU) and a crawler that keeps a table's markup."""
    cells = (
        "<tr>" + "".join(f"<td{_spans(colspan, rowspan)}>{text}</td>" for text, colspan, rowspan in row) + "</tr>" for row in rows
    )
    return "<html><body><table>" + "".join(cells) + "</table></body></html>"


def _spans(colspan: str | None, rowspan: str | None) -> str:
    return "".join(
        f' {name}="{value}"' for name, value in (("colspan", colspan), ("rowspan", rowspan)) if value not in (None, "1")
    )


def _tabulated(form: str, wrap: int | None = None, wide: bool = True) -> Callable[[list[list[tuple]]], str]:
    """A table's rows printed by tabulate, its first row as the header (merged cells once, rows padded
    to the widest): `pretty` rules the header off and no other row, `grid` rules between every two
    (`heavy_grid` in heavy box lines), `moinmoin` and `jira` part cells by `||`, `textile` marks each. `wrap`: each
    cell wrapped to at most that many characters (tabulate's `maxcolwidths`). `wide`: a Chinese
    character counted two columns (tabulate with wcwidth), else one (without it, as pandas'
    `to_string` counts)."""

    def render(rows: list[list[tuple]]) -> str:
        import tabulate

        texts = [[text for text, _, _ in row] for row in rows]
        width = max(map(len, texts), default=0)
        rows = [row + [""] * (width - len(row)) for row in texts]
        widths = None if wrap is None or not rows else [wrap] * width
        before, tabulate.WIDE_CHARS_MODE = tabulate.WIDE_CHARS_MODE, wide and tabulate.WIDE_CHARS_MODE
        try:
            return (
                tabulate.tabulate(rows[1:], headers=rows[0], tablefmt=form, disable_numparse=True, maxcolwidths=widths)
                if rows
                else ""
            )
        finally:
            tabulate.WIDE_CHARS_MODE = before

    return render


def _frame(form: str) -> Callable[[list[list[tuple]]], str]:
    """A table's rows as a pandas DataFrame without names (merged cells once, rows padded to the
    widest), as a pipeline that extracts tables (camelot, tabula, pdfplumber) writes it: `markdown`
    (`|    |   0 |   1 |`, each row led by its number), `csv` (`,0,1,2`, the row's number first),
    `string` (columns of spaces, a character a column)."""

    def render(rows: list[list[tuple]]) -> str:
        import pandas

        texts = [[text for text, _, _ in row] for row in rows]
        width = max(map(len, texts), default=0)
        frame = pandas.DataFrame([row + [""] * (width - len(row)) for row in texts])
        return {"markdown": frame.to_markdown, "csv": frame.to_csv, "string": frame.to_string}[form]()

    return render


def _prettytable(rows: list[list[tuple]]) -> str:
    """A table's rows printed by prettytable without field names: a header `Field 1 | Field 2 …`."""
    from prettytable import PrettyTable

    texts = [[text for text, _, _ in row] for row in rows]
    width = max(map(len, texts), default=0)
    table = PrettyTable()
    for row in texts:
        table.add_row(row + [""] * (width - len(row)))
    return table.get_string()


def _html_text(data: bytes) -> str:
    """html-text (Scrapy's): a cell a paragraph, blank cells dropped."""
    import html_text

    return html_text.extract_text(data.decode("utf-8", "replace"))


def _inscriptis(data: bytes) -> str:
    """inscriptis: tables laid out in columns of spaces, blank cells as spaces."""
    import inscriptis

    return inscriptis.get_text(data.decode("utf-8", "replace"))


def _without_scripts(data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return str(soup)


PDF_VARIANTS: dict[str, Callable[[bytes], str]] = {
    "pdftotext": _pdftotext(),
    "pdftotext_layout": _pdftotext("-layout"),
    "pdftotext_raw": _pdftotext("-raw"),
    "pdftotext_fixed": _pdftotext("-fixed", "3"),  # text set out at a fixed pitch (tabular)
    "pdftotext_colspacing": _pdftotext("-colspacing", "0.3"),  # the column spacing of older releases
    "pdfplumber": _pdfplumber(False),
    "pdfplumber_layout": _pdfplumber(True),
    "pypdfium2": _pypdfium2,
    "pymupdf": _pymupdf,
    "pymupdf4llm_md": _pymupdf4llm,
    # markitdown's text of a PDF is left out: its tables can set a row's values beside another
    # row's label, which the parser does not always tell (README, what is not read)
}
HTML_VARIANTS: dict[str, Callable[[bytes], str]] = {
    "crawler_get_text": _crawler,
    "crawler_rows": lambda data: _crawler(data, _rows),
    "crawler_cell_lines": lambda data: _crawler(data, _cell_lines),
    "crawler_paragraphs": lambda data: _crawler(data, _paragraphs),
    "crawler_bar_lines": lambda data: _crawler(data, _padded(True)),
    "crawler_padded_rows": lambda data: _crawler(data, _padded(False)),
    "crawler_led_cells": lambda data: _crawler(data, _led_cells),
    "crawler_opened_rows": lambda data: _crawler(data, _opened_rows),
    "w3m": _w3m,
    "lynx": _terminal(_LYNX),
    "elinks": _terminal(_ELINKS),
    "links2": _terminal(_LINKS2, as_file=True),
    "markitdown_html_md": markitdown,
    "tables_as_html_md": _page_with_tables(_as_html),
    "tabulate_pretty_md": _page_with_tables(_tabulated("pretty")),
    "tabulate_grid_md": _page_with_tables(_tabulated("grid")),
    "tabulate_simple_md": _page_with_tables(_tabulated("simple")),  # tabulate's default: runs of dashes two spaces apart
    "tabulate_rst_chars_md": _page_with_tables(_tabulated("rst", wide=False)),  # `===  ===`, a character a column
    "tabulate_heavy_grid_md": _page_with_tables(_tabulated("heavy_grid")),  # `┃` sides, `━` rules
    "prettytable_md": _page_with_tables(_prettytable),
    "pandas_md": _page_with_tables(_frame("markdown")),
    "pandas_csv": _page_with_tables(_frame("csv")),
    "pandas_string": _page_with_tables(_frame("string")),
    "tabulate_moinmoin_md": _page_with_tables(_tabulated("moinmoin")),  # `|| a || b ||`, an empty cell `||  ||`
    "tabulate_jira_md": _page_with_tables(_tabulated("jira")),  # `|| header ||` over `| a | b |` rows
    "tabulate_textile_md": _page_with_tables(_tabulated("textile")),  # `|_. header |`, `|<. cell |`
    "pandoc_plain": _pandoc("html", "plain"),
    "pandoc_md": _pandoc("html", "markdown"),  # its own: grid tables, `[…]{style=…}` spans, `:::` divs
    "pandoc_commonmark_md": _pandoc("html", "commonmark"),
    "pandoc_gfm_md": _pandoc("html", "gfm"),
    "pandoc_org": _pandoc("html", "org"),  # an empty cell's anchor as `<<>>`
    "pandoc_mediawiki": _pandoc("html", "mediawiki"),  # `{|` … `|}`, a cell a line; a page's spans kept as tags
    "markdownify_md": _markdownify,
    "html2text_md": _html2text,
    "trafilatura": _trafilatura(False),
    "trafilatura_md": _trafilatura(True),
    "html_text": _html_text,
    "inscriptis": _inscriptis,
}
# A crawler's get_text(" ", strip=True) and get_text("\n", strip=True), left out of HTML_VARIANTS:
# where a page splits numbers over spans, their pieces stand apart exactly as cells do and blank
# cells leave nothing, so most rows are refused (README, what is not read)
STRIPPED_VARIANTS: dict[str, Callable[[bytes], str]] = {
    "crawler_stripped_text": _stripped(" "),
    "crawler_stripped_lines": _stripped("\n"),
}

DOCX_VARIANTS: dict[str, Callable[[bytes], str]] = {
    "docx_pandoc_plain": _pandoc("docx", "plain"),
    "docx_pandoc_md": _pandoc("docx", "markdown"),
    "docx_pandoc_commonmark_md": _pandoc("docx", "commonmark"),
    "docx_pandoc_gfm_md": _pandoc("docx", "gfm"),
    "docx_pandoc_rst": _pandoc("docx", "rst"),  # grid tables: `+---+---+` between rows, cells wrapped inside
    "docx_pandoc_asciidoc": _pandoc("docx", "asciidoc"),
    "docx_pandoc_org": _pandoc("docx", "org"),
    "docx_pandoc_mediawiki": _pandoc("docx", "mediawiki"),
}


_BFCHAR = re.compile(rb"(beginbfchar)(.*?)(endbfchar)", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>")


def _radical_forms() -> dict[int, int]:
    """Each ideograph that has a radical form, and that form: Kangxi radicals by NFKC, the
    radicals supplement by Unicode's Equivalent_Unified_Ideograph (parsers/radicals.csv)."""
    forms = {ord(unicodedata.normalize("NFKC", chr(cp))): cp for cp in range(0x2F00, 0x2FD6)}
    with (Path(__file__).resolve().parents[1] / "parsers" / "radicals.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            forms.setdefault(int(row["ideograph"], 16), int(row["radical"], 16))
    return forms


def radical_fonts(data: bytes) -> bytes:
    """The same PDF, its fonts' ToUnicode maps giving the radical form of every ideograph that has
    one (`⼈⺠政府`): what a font that draws both with one glyph leaves in the PDFs some word
    processors write, so that every extractor (and xxgk's PDF reader) reads radicals. Pages,
    glyphs and layout are untouched; only `bfchar` entries are rewritten."""
    import pymupdf

    forms = _radical_forms()

    def pair(m: re.Match) -> bytes:
        cp = int(m.group(2), 16)
        return m.group(0) if cp not in forms else b"<%s> <%04X>" % (m.group(1), forms[cp])

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for xref in range(1, doc.xref_length()):
            kind, value = doc.xref_get_key(xref, "ToUnicode")
            if kind == "xref":
                cmap = int(value.split()[0])
                text = doc.xref_stream(cmap)
                doc.update_stream(cmap, _BFCHAR.sub(lambda m: m.group(1) + _PAIR.sub(pair, m.group(2)) + m.group(3), text))
        return doc.tobytes()


def embedded_fonts(data: bytes) -> list[str]:
    """The names of a PDF's fonts that carry a ToUnicode map."""
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return sorted({doc.xref_get_key(x, "BaseFont")[1] for x in _mapped(doc)})


def unmapped_fonts(data: bytes, only: str | None = None) -> bytes:
    """The same PDF with its fonts embedded without their ToUnicode maps, as some PDF writers leave
    them (a title's display font most often): every font, or those whose name holds `only`. The
    pages look the same; every extractor prints other characters for those glyphs."""
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for xref in _mapped(doc):
            if only is None or only in doc.xref_get_key(xref, "BaseFont")[1]:
                doc.xref_set_key(xref, "ToUnicode", "null")
        return doc.tobytes()


def _mapped(doc) -> list[int]:
    return [x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "ToUnicode")[0] == "xref"]


CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium (`bash scripts/setup --test`)
CHROMIUM_ARGS = [  # headless, without the background calls a machine with no network refuses
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def saved_as_one_file(pages: list[Path]) -> list[bytes]:
    """Each web page as Chromium saves it as one file (MHTML: `Page.captureSnapshot`, what "Save
    page as… Webpage, Single File" writes), in one browser."""
    out = []
    with _chromium() as page:
        session = page.context.new_cdp_session(page)
        for path in pages:
            page.goto(path.resolve().as_uri())
            out.append(session.send("Page.captureSnapshot", {"format": "mhtml"})["data"].encode("utf-8"))
    return out


def printed_by_chromium(pages: list[Path], headers_and_footers: bool = False, paper: str = "A4") -> list[bytes]:
    """Each web page as Chromium prints it to PDF (A4, its default margins: "Save as PDF"), in one
    browser. Its PDFs draw CJK text in Type3 fonts without a descent, and cut a long table's rows
    across pages without the border at the cut. `headers_and_footers`: the print dialog's
    "Headers and footers" ticked, as it is by default: the date, time and page title atop each
    page, its address and `n/N` below. `paper`: the dialog's paper size (`A5`: the table's
    columns narrow, its labels wrapped over three lines or four, as a site's narrow page sets them)."""
    out = []
    with _chromium() as page:
        for path in pages:
            page.goto(path.resolve().as_uri())
            out.append(
                page.pdf(
                    format=paper,
                    margin={"top": "1cm", "bottom": "1cm", "left": "1cm", "right": "1cm"},
                    display_header_footer=headers_and_footers,
                )
            )
    return out


def copied_by_chromium(pages: list[Path]) -> list[str]:
    """Each web page's text as Chromium gives it to a copy of the whole page (select all, copy:
    `innerText`), in one browser: a table's cells parted by a tab, its rows by a line break, and
    each paragraph inside a cell set apart by empty lines (a cell a `<p>`: `0` / `` / a lone tab /
    `` / `0`)."""
    out = []
    with _chromium() as page:
        for path in pages:
            page.goto(path.resolve().as_uri())
            out.append(page.evaluate("document.body.innerText"))
    return out


@contextlib.contextmanager
def _chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def available(name: str) -> bool:
    """pdftotext comes from Debian's poppler-utils, w3m, lynx, elinks, links2 and pandoc from
    Debian's packages of those names; the rest from the dev dependencies."""
    command = next((c for c in ("pdftotext", "w3m", "lynx", "elinks", "links2", "pandoc") if c in name), None)
    return command is None or shutil.which(command) is not None


def variants(path: Path) -> dict[str, str]:
    """Every variant of one report file that the tools on this machine can make."""
    data = path.read_bytes()
    table = PDF_VARIANTS if data.startswith(b"%PDF") else DOCX_VARIANTS if data.startswith(b"PK") else HTML_VARIANTS
    return {name: make(data) for name, make in table.items() if available(name)}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, text in variants(source).items():
        target = out / f"{source.stem}__{name}.{'md' if name.endswith('_md') else 'txt'}"
        target.write_text(text, encoding="utf-8")
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
