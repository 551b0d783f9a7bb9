"""Readers on small documents built here: what each format turns into cells, and how it fails."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from parsers.parse import parse_bytes
from parsers.readers import ReadError, read
from parsers.readers.detect import sniff

from .helpers import SAMPLES, build_docx, build_pdf


def texts(doc) -> list[str]:
    return [c.text for c in doc.cells]


# ---------------------------------------------------------------- HTML
GBK_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某某县商务局2023年政府信息公开工作年度报告_年报_某某县人民政府</title>
<script>var menu = "首页 其他 总计";</script><style>p {color: red}</style></head>
<body>
<div class="nav"><a href="/">首页</a><a href="/a">政务公开</a><a href="/b">其他</a></div>
<nav>导航 自然人</nav>
<div class="article">
<p class=MsoNormal><span style='font-family:
仿宋'>一、总体情况</span></p>
<p>本机关全年主动公开政府信息<span>12</span>条。<br>第二行文字。</p>
<table border=1>
<tr><td rowspan=2 colspan=2><p>三、本年度</p><p>办理结果</p></td><td>自然人</td><td>总计</td></tr>
<tr><td><span>2</span><span>0</span></td><td>&nbsp;<font>3</font>&nbsp;</td></tr>
<tr><td>（一）予以公开</td><td></td><td>&nbsp;</td><td>7</td></tr>
</table>
<p>六、其他需要报告的事项</p><p>无。</p>
</div>
<footer>版权所有 其他</footer>
</body></html>
"""


def test_html_gbk_charset_cells_and_spans():
    data = GBK_PAGE.encode("gbk")
    doc = read(data, "page.htm")
    assert doc.format == "html" and doc.encoding == "gb18030"
    assert texts(doc) == [
        "某某县商务局2023年政府信息公开工作年度报告",  # the page title, the body has none
        "一、总体情况",
        "本机关全年主动公开政府信息12条。",
        "第二行文字。",
        "三、本年度办理结果",  # one cell for a rowspan+colspan cell, emitted once
        "自然人",
        "总计",
        "20",  # a number split over two spans
        "3",  # &nbsp; padding
        "（一）予以公开",
        "",
        "",
        "7",
        "六、其他需要报告的事项",
        "无。",
    ]
    by_text = {c.text: c for c in doc.cells}
    assert by_text["20"].ref == "table 1 row 2 col 3"  # grid column after the rowspan/colspan cell
    assert by_text["自然人"].line == by_text["总计"].line != by_text["20"].line
    assert by_text["7"].ref == "table 1 row 3 col 4"


def test_html_meta_charset_utf8_and_fragment():
    page = '<meta charset="utf-8"><div><p>二、主动公开政府信息情况</p><table><tr><th>规章</th><td>5</td></tr></table></div>'
    doc = read(page.encode("utf-8"))
    assert doc.format == "html"
    assert texts(doc) == ["二、主动公开政府信息情况", "规章", "5"]


def test_html_layout_table_is_not_one_cell():
    paragraphs = "".join(
        f"<p>第{i}段：这是一段足够长的正文，用来说明布局表格中的文章不会被当成一个单元格。</p>" for i in range(4)
    )
    page = (
        f"<html><body><table><tr><td>{paragraphs}<table><tr><td>规章</td><td>1</td></tr></table></td></tr></table></body></html>"
    )
    doc = read(page.encode("utf-8"))
    assert len(doc.cells) == 6
    assert texts(doc)[-2:] == ["规章", "1"]


def test_html_declared_gb2312_but_saved_as_utf8():
    doc = read(GBK_PAGE.encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert texts(doc)[0] == "某某县商务局2023年政府信息公开工作年度报告"


def test_html_undeclared_gb18030_is_decoded():
    page = "<html><body><p>三、收到和处理政府信息公开申请情况</p></body></html>"
    doc = read(page.encode("gb18030"))
    assert texts(doc) == ["三、收到和处理政府信息公开申请情况"]


ARTICLE = "".join(f"<p>第{i}段正文，说明本机关政府信息公开工作的情况与成效。</p>" for i in range(6))


def test_html_heading_above_article_wins_over_link_lists():
    page = f"""<html><head><title>详细页面</title></head><body>
    <div class="side"><ul><li><a href="/1">某某区2022年政府信息公开工作年度报告</a></li></ul></div>
    <div class="head"><h1>某某区2023年政府信息公开工作年度报告</h1></div>
    <div class="menu" style="display: none"><p>其他</p><p>总计</p></div>
    <div class="article"><div class="body">{ARTICLE}<table><tr><td>规章</td><td>1</td></tr></table></div></div>
    </body></html>"""
    doc = read(page.encode("utf-8"))
    assert texts(doc)[0] == "某某区2023年政府信息公开工作年度报告"
    assert "其他" not in texts(doc)
    assert texts(doc)[-2:] == ["规章", "1"]


def test_html_article_in_a_hidden_tab_is_kept():
    page = f"""<html><body><div class="tab" style="display:none"><div>{ARTICLE}</div></div>
    <div class="links"><a href="/">首页</a></div></body></html>"""
    doc = read(page.encode("utf-8"))
    assert len(doc.cells) == 6


def test_html_site_header_goes_article_header_stays_text_after_article_kept():
    page = f"""<html><body><header>网站首页 导航</header>
    <div class="wrap"><article><header><h1>某某区2023年政府信息公开工作年度报告</h1></header>
    <div>{ARTICLE}<table><tr><td>规章</td><td></td><td>1</td></tr></table></div>尾注文字</article></div>
    <footer>版权所有</footer></body></html>"""
    doc = read(page.encode("utf-8"))
    assert texts(doc)[0] == "某某区2023年政府信息公开工作年度报告"
    assert "网站首页 导航" not in texts(doc) and "版权所有" not in texts(doc)
    assert texts(doc)[-4:] == ["规章", "", "1", "尾注文字"]  # the blank cell stays a cell
    assert [c.ref for c in doc.cells[-4:-1]] == ["table 1 row 1 col 1", "table 1 row 1 col 2", "table 1 row 1 col 3"]


def test_html_colspan_bomb_is_refused_with_the_limit():
    from parsers.readers import html

    row = '<tr><td colspan="1000" rowspan="1000">x</td></tr>'
    page = f"<html><body><table>{row * 3}</table></body></html>"
    with pytest.raises(ReadError, match=f"over {html.cell_limit():,} cells"):
        read(page.encode("utf-8"))


def test_html_nested_beyond_any_report_reads_or_fails_cleanly():
    page = "<div>" * 3000 + "<p>一、总体情况</p>" + "</div>" * 3000
    try:
        cells = texts(read(page.encode("utf-8")))
    except ReadError as e:
        assert "nested too deeply" in str(e)
    else:
        assert cells == ["一、总体情况"]


def test_html_cell_limit_is_one_setting(monkeypatch):
    from parsers import limits

    page = "<table>" + "<tr><td>1</td><td>2</td><td>3</td></tr>" * 4 + "</table>"
    assert len(read(page.encode("utf-8")).cells) == 12
    monkeypatch.setattr(limits, "ACTIVE", limits.Limits(table_cells=11))
    with pytest.raises(ReadError, match="over 11 cells.*XXGK_MAX_TABLE_CELLS"):
        read(page.encode("utf-8"))


# ---------------------------------------------------------------- DOCX
def test_docx_paragraphs_and_merged_cells_once():
    doc = read(build_docx(), "report.docx")
    assert doc.format == "docx"
    assert texts(doc) == [
        "某某县2023年政府信息公开工作年度报告",
        "一、总体情况",
        "三、本年度办理结果",
        "申请人情况",
        "1",
        "2",
        "四、结转下年度继续办理",
        "",
        "0",
        "五、存在的主要问题及改进情况",
    ]
    assert [c.ref for c in doc.cells][2:5] == ["table 1 row 1 col 1", "table 1 row 1 col 2", "table 1 row 2 col 2"]


def test_docx_without_tables_yields_paragraphs_and_no_table3():
    fmt, report = parse_bytes(build_docx(with_table=False), "report.docx")
    assert fmt == "docx"
    assert report.year == 2023
    assert "no_table3" in {i.check_name for i in report.issues}


def test_docx_truncated_is_a_read_error():
    data = build_docx()
    with pytest.raises(ReadError, match="damaged DOCX"):
        read(data[: len(data) // 2])


def _docx_package(body: str) -> bytes:
    """A DOCX written by hand: only the parts Word needs to find the main document."""
    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}<w:sectPr/></w:body></w:document>")
    return buf.getvalue()


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _tc(content: str, span: int = 1, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        "" if merge is None else '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    )
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{content}</w:tc>"


def test_docx_runs_breaks_merges_and_nested_tables():
    body = (
        _p(_r("标题"), f'<w:hyperlink r:id="rId9">{_r("链接文字")}</w:hyperlink>')
        + _p(
            _r("第一行"),
            '<w:r><w:br/><w:t>第二行</w:t><w:tab/><w:t>12</w:t><w:br w:type="page"/><w:noBreakHyphen/><w:t>3</w:t></w:r>',
        )
        + f"<w:sdt><w:sdtContent>{_p(_r('控件里的段落'))}</w:sdtContent></w:sdt>"
        + "<w:tbl>"
        + "<w:tr>"
        + _tc(_p(_r("三、本年度办理结果")), merge="restart")
        + _tc(_p(_r("申请人情况")), span=2)
        + "</w:tr>"
        + "<w:tr>"
        + _tc(_p(), merge="continue")
        + _tc(_p(_r("1")))
        + _tc(_p(_r("2")))
        + "</w:tr>"
        + "<w:tr>"
        + _tc(_p(), merge="continue")
        + _tc(_p(_r("3")), span=2, merge="restart")
        + "</w:tr>"
        + "<w:tr>"
        + _tc(_p(_r("四")))
        + _tc(_p(), span=2, merge="continue")
        + "</w:tr>"
        + '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + _tc(_p(_r("后移")) + _p(_r("两段")))
        + _tc(_p())
        + "</w:tr>"
        + "<w:tr>"
        + _tc(_p(_r("外层")) + "<w:tbl><w:tr>" + _tc(_p(_r("内层"))) + _tc(_p(_r("5"))) + "</w:tr></w:tbl>" + _p())
        + _tc(_p(_r("6")), span=2)
        + "</w:tr>"
        + "</w:tbl>"
        + _p(_r("结尾"))
    )
    doc = read(_docx_package(body), "report.docx")
    assert [(c.text, c.line, c.ref) for c in doc.cells] == [
        ("标题链接文字", 1, "paragraph 1"),  # hyperlink text is paragraph text
        ("第一行", 2, "paragraph 2"),  # a line break splits the paragraph into lines
        ("第二行 12-3", 3, "paragraph 2"),  # tab and non-breaking hyphen; a page break is no text
        ("控件里的段落", 4, "paragraph 3"),
        ("三、本年度办理结果", 5, "table 1 row 1 col 1"),  # vMerge over three rows: once
        ("申请人情况", 5, "table 1 row 1 col 2"),  # gridSpan 2: once
        ("1", 6, "table 1 row 2 col 2"),
        ("2", 6, "table 1 row 2 col 3"),
        ("3", 7, "table 1 row 3 col 2"),  # a merge both wide and tall
        ("四", 8, "table 1 row 4 col 1"),
        ("后移两段", 9, "table 1 row 5 col 1"),
        ("", 9, "table 1 row 5 col 2"),  # a blank cell is a cell
        ("外层", 11, "paragraph 4"),  # a cell holding a table is read as a container
        ("内层", 12, "table 2 row 1 col 1"),
        ("5", 12, "table 2 row 1 col 2"),
        ("6", 13, "table 1 row 6 col 2"),
        ("结尾", 14, "paragraph 6"),
    ]


def test_docx_without_document_part_is_a_read_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/styles.xml", "<styles/>")
        z.writestr("word/document.xml.bak", "x")
    with pytest.raises(ReadError, match="damaged DOCX"):
        read(_docx_package("<w:p>")[:-40] + b"garbage", "report.docx")


# ---------------------------------------------------------------- PDF
def ruled_table(xs: list[float], ys: list[float]) -> list[tuple]:
    return [("line", x, ys[0], x, ys[-1]) for x in xs] + [("line", xs[0], y, xs[-1], y) for y in ys]


PAGE = [
    ("text", 72, 800, 16, "某某局2023年政府信息公开工作年度报告"),
    ("text", 72, 770, 12, "一、总体情况"),
    *ruled_table([72, 200, 300, 400], [700, 675, 650]),
    ("text", 76, 683, 10, "规章"),
    ("text", 204, 683, 10, "1"),
    ("text", 304, 683, 10, "2"),
    ("text", 76, 662, 10, "行政规范"),  # a label wrapped inside its cell
    ("text", 76, 652, 10, "性文件"),
    ("text", 204, 658, 10, "3"),
    ("text", 72, 600, 10, "行政许可"),  # an unruled row: cells set apart by wide gaps
    ("text", 200, 600, 10, "12"),
    ("text", 260, 600, 10, "0"),
    ("text", 280, 60, 10, "- 1 -"),
    ("text", 290, 40, 10, "7"),  # a bare page number in the bottom margin
]


def test_pdf_tables_lines_and_page_numbers():
    doc = read(build_pdf([PAGE]), "report.pdf")
    assert doc.format == "pdf"
    assert texts(doc) == [
        "某某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "规章",
        "1",
        "2",
        "行政规范性文件",
        "3",
        "",
        "行政许可",
        "12",
        "0",
    ]
    assert doc.cells[2].ref == "page 1 table 1 row 1 col 1"
    assert doc.cells[2].line == doc.cells[4].line != doc.cells[5].line


def ruled_with_rectangles(xs: list[float], ys: list[float], width: float = 0.5) -> list[tuple]:
    """Rulings as thin filled rectangles, as WPS and Word draw table borders."""
    return [("rect", x - width / 2, ys[-1], width, ys[0] - ys[-1]) for x in xs] + [
        ("rect", xs[0], y - width / 2, xs[-1] - xs[0], width) for y in ys
    ]


def test_pdf_rectangle_rulings_make_the_same_table_and_curves_make_none():
    lines = [op for op in PAGE if op[0] == "line"]
    page = [op for op in PAGE if op[0] != "line"] + ruled_with_rectangles([72, 200, 300, 400], [700, 675, 650])
    page.append(("curve", 60, 590, 60, 620, 120, 620, 120, 590))  # a rounded mark around the unruled row
    assert lines and texts(read(build_pdf([page]))) == texts(read(build_pdf([PAGE])))
    assert read(build_pdf([page])).cells[2].ref == "page 1 table 1 row 1 col 1"


REAL_PDF = Path(__file__).resolve().parents[1].parent / "shared" / "real" / "hongze_district_2023.pdf"


@pytest.mark.skipif(not REAL_PDF.exists(), reason=f"{REAL_PDF} not present: it comes with ../shared")
def test_pdf_label_printed_down_a_merged_cell_in_a_vertical_font():
    """三、本年度办理结果 is set one character per line in a vertical (Identity-V) font: one cell,
    where the grid puts it, and the row labels beside it stay in their own cells."""
    doc = read(REAL_PDF.read_bytes(), REAL_PDF.name)
    by_ref = {c.ref: c.text for c in doc.cells}
    assert by_ref["page 3 table 4 row 6 col 1"] == "三、本年度办理结果"
    assert by_ref["page 3 table 4 row 9 col 3"] == "2.其他法律行政止公开"  # the typo as printed
    assert not [c for c in doc.cells if c.text in {"- 4 -", "-4-"}]  # page numbers inside table 3


def turned(data: bytes) -> bytes:
    """The PDF with every page's content turned a quarter onto a landscape sheet and the page
    shown upright again with /Rotate 90, as some printers and scanners write pages."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    doc = pypdfium2.PdfDocument(data)
    for page in doc:
        width, height = page.get_size()
        pdfium.FPDFPage_TransFormWithClip(page.raw, pdfium.FS_MATRIX(0, 1, -1, 0, height, 0), None)
        pdfium.FPDFPage_SetMediaBox(page.raw, 0, 0, height, width)
        pdfium.FPDFPage_SetRotation(page.raw, 1)
        pdfium.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


RENDERED_PDF = Path(__file__).parent / "renderings" / "001_91d3ca9b7d2b23aa.pdf"


@pytest.mark.parametrize("path", [RENDERED_PDF, REAL_PDF], ids=["rendering", "real"])
def test_pdf_page_shown_turned_reads_as_shown(path):
    if not path.exists():
        pytest.skip(f"{path} not present")
    upright = read(path.read_bytes())
    sideways = read(turned(path.read_bytes()))
    assert [(c.text, c.ref) for c in sideways.cells] == [(c.text, c.ref) for c in upright.cells]


def test_pdf_rotate_reads_upright_content_as_shown():
    """Content drawn upright on a page shown upside down (/Rotate 180) reads as a reader of the
    page sees it: last line first, each line right to left."""
    data = build_pdf([PAGE]).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate 180")
    assert texts(read(data)) == [
        "0",
        "21",
        "可许政行",
        "",
        "3",
        "件文性范规政行",
        "2",
        "1",
        "章规",
        "况情体总、一",
        "告报度年作工开公息信府政年3202局某某",
    ]


def test_pdf_page_number_lines_between_pages_are_dropped():
    second = [("text", 280, 800, 10, "第 2 页"), ("text", 72, 700, 12, "六、其他需要报告的事项")]
    doc = read(build_pdf([PAGE, second]))
    assert texts(doc)[-1] == "六、其他需要报告的事项"
    assert "第 2 页" not in texts(doc) and "第2页" not in texts(doc)


@pytest.mark.parametrize(
    "paths",
    [
        ruled_table([72, 200], [700, 650]),
        [("line", 10, 10, 500, 500)],  # a diagonal stroke only: no ruling in either direction
        [],
    ],
)
def test_pdf_without_text_layer_is_scanned(paths):
    with pytest.raises(ReadError, match="scanned PDF: no text layer"):
        read(build_pdf([paths]))


def test_pdf_with_password_is_refused():
    with pytest.raises(ReadError, match="encrypted PDF"):
        read(build_pdf([PAGE], encrypt=True))


@pytest.mark.parametrize("cut", [300, 0.5])
def test_pdf_truncated_or_corrupt(cut):
    data = build_pdf([PAGE])
    end = cut if isinstance(cut, int) else int(len(data) * cut)
    with pytest.raises(ReadError, match="damaged or truncated PDF"):
        read(data[:end])


def test_unreadable_pdf_is_a_failed_report_not_an_exception():
    fmt, report = parse_bytes(b"%PDF-1.4\nnot really a pdf", "x.pdf")
    assert fmt == "pdf"
    assert [i.check_name for i in report.issues] == ["unreadable"]


# ---------------------------------------------------------------- other kinds
@pytest.mark.parametrize(
    "data, name, kind",
    [
        (b"GIF89a" + b"\x00" * 20, "scan.gif", "gif"),
    ],
)
def test_unsupported_kinds_say_why(data, name, kind):
    assert sniff(data, name) == kind
    with pytest.raises(ReadError, match=f"unsupported format: {kind}"):
        read(data, name)


def test_xlsx_and_zip_are_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="unsupported format: xlsx"):
        read(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(ReadError, match="unsupported format: zip"):
        read(buf.getvalue())


def test_an_ofd_document_is_named_for_what_it_is():
    """OFD (China's fixed-layout format, a ZIP whose root holds OFD.xml): not read, and not called
    an archive to unpack; the reason says what to do."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
        z.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    assert sniff(buf.getvalue(), "report.ofd") == "ofd"
    with pytest.raises(ReadError, match="unsupported format: ofd .*convert it to PDF"):
        read(buf.getvalue())


def test_a_text_report_loads_no_other_format_s_reader():
    """Each format's reader is imported when a file of it comes: parse workers of a text corpus
    do not carry PDFium, lxml or the DOCX reader."""
    import subprocess
    import sys

    from .helpers import SAMPLES

    code = (
        "import sys; from pathlib import Path; from parsers.parse import parse_bytes; "
        f"parse_bytes(Path({str(SAMPLES[0])!r}).read_bytes(), 'x.txt'); "
        "print(sorted(m for m in ('pypdfium2', 'lxml', 'selectolax', 'parsers.readers.docx', 'parsers.readers.pdf') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------- radicals
def test_radicals_and_compatibility_ideographs_read_as_the_ideographs_printed():
    """`⼈⺠政府` (a Kangxi radical and a supplement radical, as PDF fonts leave them) and a
    compatibility ideograph (U+F9FB 炙 is U+7099) read as the ideographs, in every cell; a text
    without them is left as it was."""
    doc = read("某县⼈⺠政府2023年政府信息公开⼯作年度报告\n\uf9fb\t⻓⻔\n".encode("utf-8"), "r.txt")
    assert texts(doc) == ["某县人民政府2023年政府信息公开工作年度报告", "\u7099", "长门"]
    plain = "某县人民政府\t⺀\n"  # U+2E80 has no equivalent ideograph: kept
    assert texts(read(plain.encode("utf-8"), "r.txt")) == ["某县人民政府", "⺀"]


def test_full_width_digits_and_zero_width_spaces_read_as_printed():
    """`２０２４年` typed in full width, and zero-width spaces a page leaves inside a word or a
    number (`20\u200b24`, `政府\u200b信息`): the digits and words as printed, title and cells alike."""
    doc = read("某县商务局\u200b２０２４年政府\u200b信息公开工作年度报告\n予以公开\t1\u200b2\t３\n".encode("utf-8"), "r.txt")
    assert texts(doc) == ["某县商务局2024年政府信息公开工作年度报告", "予以公开", "12", "3"]


def test_radicals_table_maps_radicals_to_unified_ideographs():
    """radicals.csv: each row a radical of the supplement block and a unified ideograph, agreeing
    with NFKC where NFKC defines one."""
    import csv
    import unicodedata

    from parsers.readers import RADICALS_PATH

    with RADICALS_PATH.open(encoding="utf-8") as f:
        rows = [(int(r["radical"], 16), int(r["ideograph"], 16)) for r in csv.DictReader(f)]
    assert len(rows) == 114 and all(0x2E80 < r <= 0x2EF3 for r, _ in rows)
    assert all(unicodedata.name(chr(i)).startswith("CJK UNIFIED IDEOGRAPH") for _, i in rows)
    assert all(unicodedata.normalize("NFKC", chr(r)) in (chr(r), chr(i)) for r, i in rows)


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
def test_utf16_without_a_byte_order_mark_is_text(encoding):
    """`pdftotext -enc UTF-16` writes big-endian UTF-16 without a BOM: read as text, not refused
    as binary for its NUL bytes."""
    text = "某县商务局2024年政府信息公开工作年度报告\n予以公开\t12\t0\t12\n"
    doc = read(text.encode(encoding), "r.txt")
    assert texts(doc) == ["某县商务局2024年政府信息公开工作年度报告", "予以公开", "12", "0", "12"]
    assert doc.encoding == encoding


def test_nul_bytes_of_no_utf16_are_binary():
    with pytest.raises(ReadError, match="NUL bytes"):
        read(bytes(range(256)) * 40, "r.txt")


def test_a_cell_a_line_with_its_bar_on_the_next():
    """Some sites' archived reports print each table cell on a line and a bar on the next (`0` /
    `|`), a blank cell as an empty line between two bars: the bar closes the cell above and is no
    cell itself; the cells stand next to each other (a row is not parted by blank lines), and each
    one's reference names its own line."""
    from parsers.readers.text import cells_of_lines

    lines = ["规范性文件", "|", "2", "|", "", "|", "5", "|", "||", "", "行政许可", "|"]
    cells = cells_of_lines(lines)
    assert [(c.text, c.ref) for c in cells] == [
        ("规范性文件", "line 1"),
        ("2", "line 3"),
        ("", "line 5"),
        ("5", "line 7"),
        ("行政许可", "line 11"),
    ]
    positions = [c.line for c in cells]
    assert positions[:4] == list(range(positions[0], positions[0] + 4))  # one row's cells, next to each other
    assert positions[4] > positions[3] + 1  # the blank line after the row still parts it from the next


def test_a_row_html2text_broke_inside_its_blank_cells():
    """html2text prints a cell holding an empty paragraph as a line break: the row goes on on the
    next line, which opens with the bar that closes the blank cell; a run of blank cells prints a
    lone bar a line. Every blank cell stays a cell, on the row's line; each cell's reference names
    the line it was printed on."""
    from parsers.readers.text import cells_of_lines

    lines = ["一、本年新收 |  3 |  8 |    ", "|  ", "|  1 |    ", "|  12  ", "二、上年结转 |  0 |  0"]
    cells = cells_of_lines(lines)
    assert [c.text for c in cells] == ["一、本年新收", "3", "8", "", "", "1", "", "12", "二、上年结转", "0", "0"]
    assert [c.line for c in cells[:8]] == [1] * 8 and cells[8].line == 5
    assert [c.ref for c in cells[3:8]] == ["line 1", "line 2", "line 3", "line 3", "line 4"]


def test_bars_that_end_cells_are_not_a_broken_row():
    """A crawler's `x |` a line, a Markdown row, and `0 | ||` for a colspan's cells end with a bar
    without leaving a cell open: no blank cell is added."""
    from parsers.readers.text import cells_of_lines

    assert [c.text for c in cells_of_lines(["| a | 1 |", "| b | 2 |"])] == ["a", "1", "b", "2"]
    assert [c.text for c in cells_of_lines(["a | 1 | ||", "| b | 2 |"])] == ["a", "1", "b", "2"]
    assert [c.text for c in cells_of_lines(["a |", "|", "1 |"])] == ["a", "", "1"]


def test_a_markdown_row_keeps_its_empty_cells():
    """In a Markdown table (rows opening with a bar, a `|---|` rule among them) `||` is an empty
    cell of the row, kept in its place (pymupdf4llm's row printed blank); a crawler's trailing `||`
    outside such a table stays the cells a colspan covers."""
    from parsers.readers.text import cells_of_lines

    table = ["|a|b|c|", "|---|---|---|", "|二、上年结转|申请数量||||"]
    assert [c.text for c in cells_of_lines(table)] == ["a", "b", "c", "二、上年结转", "申请数量", "", "", ""]
    assert [c.text for c in cells_of_lines(["|二、上年结转|申请数量||||"])] == ["二、上年结转", "申请数量"]


def test_a_blank_cell_of_tabs_between_bars_is_one_cell():
    """trafilatura keeps an empty cell's tabs (`|  \t\t\t\t |`): between bars, tabs and spaces alone
    are one blank cell; tabs between text still part it."""
    from parsers.readers.text import cells_of_lines

    cells = cells_of_lines(["|  | 1.属于国家秘密 | 1 |  \t\t\t\t | 1 | ", "a\tb | 2"])
    assert [c.text for c in cells] == ["1.属于国家秘密", "1", "", "1", "a", "b", "2"]


def test_a_line_break_outside_a_table_row_is_a_line():
    """`<br>` in Markdown text that is no table row (pymupdf4llm's text of a picture) parts lines;
    in a row's cell it parts the cell's numbers on the row's line."""
    from parsers.readers.text import cells_of_lines

    cells = cells_of_lines(["标题", "2<br>一、本年新收 1 1<br>0", "|a<br>b|3|"])
    assert [(c.text, c.ref) for c in cells] == [
        ("标题", "line 1"),
        ("2", "line 2"),
        ("一、本年新收 1 1", "line 2"),
        ("0", "line 2"),
        ("a b", "line 3"),
        ("3", "line 3"),
    ]
    assert len({c.line for c in cells[1:4]}) == 3 and cells[4].line == cells[5].line


def test_a_row_label_after_a_line_break_in_a_cell_starts_a_cell():
    """pymupdf4llm puts a group heading's piece and the next row's label in one cell
    (`三、本<br>（一）予以` | `公开`): the label, opened by its bracketed numeral, starts a cell of its
    own, so its rest in the next cell joins it; other line breaks in a cell stay inside it."""
    from parsers.readers.text import cells_of_lines

    assert [c.text for c in cells_of_lines(["|三、本<br>（一）予以|公开|0|"])] == ["三、本", "（一）予以", "公开", "0"]
    assert [c.text for c in cells_of_lines(["|（二）部分<br>计其他情形|3<br>0|"])] == ["（二）部分 计其他情形", "3 0"]


def test_text_without_bars_or_markdown_reads_as_the_general_line_reader_reads_it():
    """The short loop for plain and tab-separated text gives the very cells the general reader
    does: every sample without a bar, and lines of tabs, blank lines, indents and trailing tabs."""
    from parsers.readers.text import _cells_of_lines, _tab_cells, decode

    tricky = ["", "\t", "\t\t", " a ", "\ta\tb", "a\t\tb\t", "  \t x\t1 ", "\f", "a b\t 2\t", "三、\t（一）予以公开\t1"]
    texts = [text.splitlines() for text in (decode(p.read_bytes())[0] for p in SAMPLES) if "|" not in text] + [tricky]
    assert len(texts) > 3
    for lines in texts:
        assert _tab_cells(lines) == _cells_of_lines(lines, False)
    assert [(c.text, c.line) for c in _tab_cells(tricky)] == [
        ("", 2),
        ("", 3),
        ("a", 4),
        ("a", 5),
        ("b", 5),
        ("a", 6),
        ("", 6),
        ("b", 6),
        ("", 6),
        ("x", 7),
        ("1", 7),
        ("a b", 9),
        ("2", 9),
        ("", 9),
        ("三、", 10),
        ("（一）予以公开", 10),
        ("1", 10),
    ]


@pytest.fixture(scope="module")
def chromium():
    from scripts import text_variants

    if not text_variants.CHROMIUM.exists():
        pytest.skip(f"{text_variants.CHROMIUM} is not installed (bash scripts/setup --test installs it)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    return text_variants


SAMPLE_PAGES = [Path(__file__).parent / "renderings" / f"{s.stem}.html" for s in SAMPLES]


def _reads_as_its_gold(page: Path, data: bytes, name: str, fmt: str) -> None:
    from . import gold

    got_format, report = parse_bytes(data, name)
    want = gold.load(gold.GOLDEN / f"{page.stem}.json")
    assert got_format == fmt
    wrong = gold.differences(gold.expected_cells(want), gold.report_cells(report))
    assert not wrong, (page.name, wrong[:5])
    assert (report.agency, report.year) == (want["agency"], want["year"])
    assert not [i for i in report.issues if i.check_name in ("unplaced_numbers", "row_misaligned")], page.name


def test_pages_saved_as_one_file(chromium):
    """Each sample's web page as Chromium saves it as one file (MHTML: quoted-printable HTML beside
    the page's other parts): read as the page, every cell, the body and the year."""
    for page, data in zip(SAMPLE_PAGES, chromium.saved_as_one_file(SAMPLE_PAGES)):
        assert sniff(data, "page.mhtml") == sniff(data, "") == "mhtml"
        _reads_as_its_gold(page, data, f"{page.stem}.mhtml", "mhtml")


def test_pages_printed_to_pdf_by_chromium(chromium):
    """Each sample's web page as Chromium prints it to PDF ("Save as PDF"): its CJK text drawn in
    Type3 fonts with no descent (a glyph's box its ink: `一` a thin bar above the line, the digits
    of another font below it), table rows cut across pages with no border at the cut. Every cell,
    the body and the year."""
    for page, data in zip(SAMPLE_PAGES, chromium.printed_by_chromium(SAMPLE_PAGES)):
        assert b"/Type3" in data
        _reads_as_its_gold(page, data, f"{page.stem}.pdf", "pdf")


def test_pages_copied_from_chromium(chromium):
    """Each sample's web page as text copied from Chromium (select all, copy: `innerText`), a cell's
    paragraph set apart by empty lines and its cells by a lone tab: every cell, the body and the
    year, each value on its row."""
    for page, text in zip(SAMPLE_PAGES, chromium.copied_by_chromium(SAMPLE_PAGES)):
        assert "\n\t\n" in text, "Chromium copies these pages another way"
        _reads_as_its_gold(page, text.encode("utf-8"), f"{page.stem}.txt", "txt")


REAL_PAGES = ("pingtan_2020", "pingtan_2021")


def test_real_pages_copied_from_chromium(chromium):
    """Two real site pages (Word's HTML: each cell's text in a `<p>`, a number split over spans, an
    empty cell of its own paragraph) as text copied from Chromium, and pasted into a file with
    Windows' line ends too: every cell of the gold (74.9% of them before copies were read as
    rows), the body and the year; a value's reference names the line it is printed on."""
    from . import gold

    pages = [gold.SHARED / "real" / f"{name}.html" for name in REAL_PAGES]
    if not all(p.exists() for p in pages):
        pytest.skip("../shared/real not present")
    for page, text in zip(pages, chromium.copied_by_chromium(pages)):
        _, report = parse_bytes(text.encode("utf-8"), f"{page.stem}.txt")
        want = gold.load(gold.SHARED / "real" / "gold" / f"{page.stem}.json")
        assert not gold.differences(gold.expected_cells(want), gold.report_cells(report)), page.name
        assert (report.agency, report.year) == (want["agency"], want["year"])
        lines = text.splitlines()
        printed = [(count, ref) for _, _, count, ref in report.applications if count is not None]
        assert printed and all(lines[int(ref.removeprefix("line ")) - 1].strip() == str(count) for count, ref in printed)
        _, pasted = parse_bytes(text.replace("\n", "\r\n").encode("utf-8"), f"{page.stem}.txt")
        assert gold.report_cells(pasted) == gold.report_cells(report), page.name


@pytest.mark.parametrize(
    "data, reason",
    [
        (
            b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Type: image/png\n\nx\n--b--\n",
            "no text/html part",
        ),
        (
            b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Type: text/html\n\n\n--b--\n",
            "page is empty",
        ),
    ],
)
def test_a_page_saved_as_one_file_without_its_page_says_so(data, reason):
    fmt, report = parse_bytes(data, "x.mhtml")
    assert fmt == "mhtml" and report.failed
    assert reason in report.issues[0].detail


def test_a_text_report_quoting_mime_headers_is_still_text():
    """Only a file that opens with MIME headers naming multipart/related is a saved page."""
    text = SAMPLES[0].read_bytes()
    assert sniff(b"Content-Type: multipart/related\n" + text) == "mhtml"
    assert sniff(text + b"\nContent-Type: multipart/related\n") == "txt"
    assert sniff(b"\xe6\x8a\xa5\xe5\x91\x8a\nContent-Type: multipart/related\n") == "txt"


@pytest.mark.parametrize("headers_and_footers", [False, True])
def test_every_extractor_s_text_of_pages_chromium_printed(chromium, tmp_path, headers_and_footers):
    """The same PDFs as every text tool leaves them (pdftotext in its modes, pdfplumber, PyMuPDF,
    pypdfium2, pymupdf4llm): no number misread, and the body and year right (pdfplumber sets the
    title's year, in another font, on a line of its own; the header's narrow cells break `其` /
    `他`; sample 000 is a table without 其他 whose later rows print one). Printed with the dialog's
    headers and footers too: the date and time before the page's title, the address and page
    marks below."""
    from scripts.score_corpus import score

    from . import gold

    misread, titles = [], []
    for page, data in zip(SAMPLE_PAGES, chromium.printed_by_chromium(SAMPLE_PAGES, headers_and_footers)):
        pdf = tmp_path / f"{page.stem}.pdf"
        pdf.write_bytes(data)
        want = gold.load(gold.GOLDEN / f"{page.stem}.json")
        for name, text in chromium.variants(pdf).items():
            path = tmp_path / f"{page.stem}__{name}.txt"
            path.write_text(text, encoding="utf-8")
            result = score(path, want)
            misread += result.misread
            titles += [result.title] if result.title else []
    assert not misread, misread[:10]
    assert not titles, titles


@pytest.mark.slow
@pytest.mark.parametrize(
    "page_format, seed, zeros_blank, extras",
    [
        ("template_page", 6061, 0.0, range(0, 60, 2)),
        ("template_page", 6061, 1.0, range(0, 60, 2)),
        ("html", 1, 0.5, range(0, 90, 3)),
    ],
)
def test_pages_chromium_prints_with_a_page_break_at_every_row_of_table_3(
    chromium, tmp_path, page_format, seed, zeros_blank, extras
):
    """A report filled into the national template and saved as a web page by LibreOffice
    (make_corpus --formats template_page), the page one line longer each time, printed by Chromium
    so that a page breaks at each row of table 3 in turn: where a break falls inside a cell
    spanning rows (`（四）无法提供`), Chrome leaves the next page's border beside that cell
    unpainted, and row labels stand outside every ruled cell (`（七）总计`) or beyond the cells'
    box (`四、结转…`); a page's last row, cut by the break, is printed with its column borders
    unpainted (`5.要求行政机关确认… 0 0 0 0` one cell). No number is misread, and every report
    lands every cell (95.0% before a closed border stopped at a label running across it and a
    page's cut row was closed, 33.7% before the borders Chrome leaves off were read). The same
    report printing its zeros blank: the first row after a break is not split in two by the
    break's closing rule and a rule drawn a point below it over one column, and a label Chrome
    drew no cell for, left of every column (`3.其他` after a break), is the row's first cell, not
    lost; where a break cuts table 3's header, the first row after its rest (`一、本年新收…`, its
    sides painted from its top, its top not across the label's and 总计's cells) is closed at its
    top, its 总计 not read into its label's cell; where a page holds only （六）'s three rows, the
    item column's border Chrome left off beside them is closed where two of their rules begin
    together (`lattice_row_ends_edges`). A page of the report's text (make_corpus
    --formats html), half its zeros blank: where a
    page ends with `（七）总计` spanning the item column, no border is drawn at that column (an
    empty cell there read 150 14 … 164 one column right: 150 taken as 商业企业's)."""
    import json
    import re

    from scripts.make_corpus import generate
    from scripts.score_corpus import score

    from parsers.readers import office
    from scripts import render_samples

    if page_format == "template_page" and (office.soffice() is None or not render_samples.TEMPLATE.exists()):
        pytest.skip("LibreOffice (soffice) and the national template (../shared/formats) make the page")
    made = generate(tmp_path / "made", 1, seed=seed, formats=(page_format,), zeros_blank=zeros_blank)
    (source,) = [p for p in made if p.suffix == ".html"]
    want = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    html = source.read_text(encoding="utf-8")
    body = re.search(r"<body[^>]*>", html).end()
    pages = []
    for extra in extras:
        page = tmp_path / f"{extra:02d}.html"
        page.write_text(html[:body] + "<p>本年度继续做好政务公开工作。</p>" * extra + html[body:], encoding="utf-8")
        pages.append(page)
    landed = cells = 0
    for page, data in zip(pages, chromium.printed_by_chromium(pages)):
        pdf = page.with_suffix(".pdf")
        pdf.write_bytes(data)
        result = score(pdf, want)
        assert not result.misread, result.misread[:5]
        landed, cells = landed + result.landed, cells + result.cells
    assert landed / cells >= CHROMIUM_BREAKS_LANDED[page_format, zeros_blank], (landed, cells)


CHROMIUM_BREAKS_LANDED = {  # raise them, never lower
    (
        "template_page",
        0.0,
    ): 1.0,  # measured 6,000 of 6,000 (5,699 before text across a border stopped it and a page's cut row was closed, 2,024 before a left-off border was read)
    (
        "template_page",
        1.0,
    ): 0.9995,  # measured 5,998 of 6,000 (5,992 before two rules beginning together closed a left-off border, 5,989 before a row's top left off under a cut header was closed; 5,952 before a page break's rule took a drawn rule's height and loose labels were kept)
    ("html", 0.5): 1.0,  # measured 6,000 of 6,000
}


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A5", "Legal"])
def test_template_pages_chromium_prints_on_a5_and_legal_paper(chromium, tmp_path, paper):
    """Reports filled into the national template, saved as web pages by LibreOffice, some with
    blank cells (make_corpus --formats template_page), printed by Chromium on A5 paper: labels
    wrapped over two or three lines, and borders Chrome leaves unpainted that the lattice closes.
    Where a row's label runs across a column's left-off border (`四、结转` | `下年度继续办理`), the
    row's label is one cell; where a value's first digit begins a little left of its column's
    rule (`0` at 277.4 beside a rule at 277.5), or a blank cell ends a row whose borders Chrome
    left off, each value keeps its own cell. On Legal paper: a page's first row, cut by the break
    (`8.属于行政查询事项` after （三）'s other rows), printed without its label's left border, the
    rule beside it standing along the rows below only. Every cell lands, none misread (A5: 98.7%
    of these cells landed before; Legal: 99.6%)."""
    import json

    from scripts.make_corpus import generate
    from scripts.score_corpus import score

    from parsers.readers import office
    from scripts import render_samples

    if office.soffice() is None or not render_samples.TEMPLATE.exists():
        pytest.skip("LibreOffice (soffice) and the national template (../shared/formats) make the pages")
    made = generate(
        tmp_path / "made", 12, seed=4321, formats=("template_page",), zeros_blank=0.5, totals_blank=0.5, rows_blank=0.5
    )
    pages = [p for p in made if p.suffix == ".html"]
    for page, data in zip(pages, chromium.printed_by_chromium(pages, paper=paper)):
        pdf = tmp_path / f"{page.stem}.pdf"
        pdf.write_bytes(data)
        result = score(pdf, json.loads(page.with_suffix(".json").read_text(encoding="utf-8")))
        assert not result.misread, (page.name, result.misread[:5])
        assert result.landed == result.cells, (page.name, result.landed, result.cells)


def test_a_page_ending_with_its_number_ends_on_the_line_before_it():
    """pdftotext's text of pages whose footer prints their number: the number goes, and each page
    ends on its last line before it (was: no page end at all where the number ended the page, so
    a row cut by the page was not known to be)."""
    pages = [["一、总体情况", "规章\t0\t0\t0"], ["规范性文件\t1\t0\t5", "行政许可\t3"], ["四、结转下年度继续办理", "无"]]
    text = "".join("\n".join([*lines, str(n)]) + "\n\f" for n, lines in enumerate(pages, start=1))
    document = read(text.encode("utf-8"), "x.txt")
    assert [c.text for c in document.cells if c.text.isdigit()] == ["0", "0", "0", "1", "0", "5", "3"]  # no page's number
    ends = sorted(document.page_ends)
    assert [[c.text for c in document.cells if c.line == n][0] for n in ends] == ["规章", "行政许可", "无"]


@pytest.mark.parametrize("last", ["②", "³"])
def test_a_text_ending_in_a_digit_no_number_is_read(last):
    """A text whose last line is a circled or raised digit (isdigit() but no int()): read as any
    other (was: the report lost to a parse error)."""
    sample = SAMPLES[0].read_text(encoding="utf-8")
    _, report = parse_bytes((sample + f"\n{last}\n").encode("utf-8"), "x.txt")
    _, whole = parse_bytes(sample.encode("utf-8"), "x.txt")
    assert report.applications == whole.applications and report.agency == whole.agency


@pytest.mark.parametrize(
    "pages, taken, maybe",
    [
        # every page's footer: two ending their page, one amid its table (pdftotext's reading order)
        ([["表", "0", "1"], ["结果", "2", "维持", "0"], ["0", "3"]], {3, 6, 11}, set()),
        # two footers one line before their page's last, words (a heading printed after them)
        ([["表", "1", "维持"], ["结果", "2", "纠正"], ["0", "3"]], {2, 6, 10}, set()),
        # one so, one before a number (a table's value): two pages' numbers by chance, or footers
        # the reading order set inside the page (page 4's last line a table 总计 printed after part 六)
        ([["表", "0", "1"], ["结果", "2", "0"], ["3", "0"]], set(), {3, 6, 9}),
        # only one page with its number among its last lines: a table's values by chance, or footers
        ([["1", "表", "维持"], ["结果", "2", "0", "纠正"], ["0", "3"]], set(), {1, 6, 11}),
        # a page without its number alone: no footers
        ([["表", "0", "1"], ["结果", "0"], ["3", "0"]], set(), set()),
    ],
)
def test_pdftotext_footers_are_page_numbers_among_a_page_s_last_lines(pages, taken, maybe):
    """A bare number is a page's footer where every page of three or more prints its own number
    alone and two print it as their last line, or the one before a last line of words: pdftotext's
    plain text may set a heading after the footer, or the footer inside a table. Where fewer than
    two pages end so, each such number may be a footer (the second set): a row or table whose
    总计 fails with it is refused, never read with it dropped unless every identity then holds."""
    from parsers.readers.text import _page_number_lines

    text = "".join("\n".join(page) + "\n\f" for page in pages)
    once, either = _page_number_lines(text)
    assert (set(once), set(either)) == (taken, maybe)
