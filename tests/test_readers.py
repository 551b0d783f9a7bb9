"""Readers on small documents built here: what each format turns into cells, and how it fails."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from parsers.parse import parse_bytes
from parsers.readers import ReadError, read
from parsers.readers.detect import sniff


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
    paragraphs = "".join(f"<p>第{i}段：这是一段足够长的正文，用来说明布局表格中的文章不会被当成一个单元格。</p>" for i in range(4))
    page = f"<html><body><table><tr><td>{paragraphs}<table><tr><td>规章</td><td>1</td></tr></table></td></tr></table></body></html>"
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


# ---------------------------------------------------------------- DOCX
def build_docx(with_table: bool = True) -> bytes:
    d = docx.Document()
    d.add_paragraph("某某县2023年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    if with_table:
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(1, 0)).text = "三、本年度办理结果"  # vertical merge
        t.cell(0, 1).merge(t.cell(0, 2)).text = "申请人情况"  # horizontal merge
        t.cell(1, 1).text = "1"
        t.cell(1, 2).text = "2"
        t.cell(2, 0).text = "四、结转下年度继续办理"
        t.cell(2, 2).text = "0"
    d.add_paragraph("五、存在的主要问题及改进情况")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


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


# ---------------------------------------------------------------- PDF
def build_pdf(pages: list[list[tuple]], encrypt: bool = False) -> bytes:
    """A PDF written by hand: Identity-H text with a ToUnicode map (so any BMP character is
    text), and stroked lines for table rulings. ops: ("text", x, y, size, s), ("line", x1, y1, x2, y2)."""
    objects: list[bytes | None] = []

    def add(body: bytes | None) -> int:
        objects.append(body)
        return len(objects)

    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"1 beginbfrange <0000> <FFFF> <0000> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    catalog, pages_id = add(None), add(None)
    to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0"
        b" /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>" % descriptor
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R]"
        b" /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
    )
    kids = []
    for ops in pages:
        stream = b""
        for op in ops:
            if op[0] == "text":
                _, x, y, size, s = op
                stream += b"BT /F1 %g Tf %g %g Td <%s> Tj ET\n" % (size, x, y, s.encode("utf-16-be").hex().encode())
            else:
                stream += b"%g %g m %g %g l S\n" % op[1:]
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
            b" /Contents %d 0 R >>" % (pages_id, font, content)
        ))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    trailer_extra = b""
    if encrypt:  # a user password is set: the empty password does not open it
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (b"11" * 32, b"22" * 32))
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc, b"33" * 16, b"33" * 16)
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, trailer_extra, xref)
    return out


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
        "规章", "1", "2",
        "行政规范性文件", "3", "",
        "行政许可", "12", "0",
    ]
    assert doc.cells[2].ref == "page 1 table 1 row 1 col 1"
    assert doc.cells[2].line == doc.cells[4].line != doc.cells[5].line


def test_pdf_page_number_lines_between_pages_are_dropped():
    second = [("text", 280, 800, 10, "第 2 页"), ("text", 72, 700, 12, "六、其他需要报告的事项")]
    doc = read(build_pdf([PAGE, second]))
    assert texts(doc)[-1] == "六、其他需要报告的事项"
    assert "第 2 页" not in texts(doc) and "第2页" not in texts(doc)


def test_pdf_without_text_layer_is_scanned():
    with pytest.raises(ReadError, match="scanned PDF: no text layer"):
        read(build_pdf([ruled_table([72, 200], [700, 650])]))


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
