"""The DOCX reader's two ways through word/document.xml: a plain part is cut down and written out
by one XSLT pass, any other part is walked element by element. Both must give the same cells."""

from __future__ import annotations

import io
import random
import zipfile

from lxml import etree

from parsers.readers import docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _package(body: str, encoding: str = "UTF-8") -> bytes:
    buf = io.BytesIO()
    part = f'<?xml version="1.0" encoding="{encoding}" standalone="yes"?>\n<w:document {W}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", part.encode(encoding))
    return buf.getvalue()


def _walked(data: bytes) -> list[tuple]:
    """Cells as the element walk reads the whole part (the way every part was read before)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"), docx._PARSER)
    walker = docx._Walker()
    walker.blocks(root.find(docx._BODY))
    return [(c.text, c.line, c.ref) for c in walker.cells]


def _read(data: bytes) -> list[tuple]:
    return [(c.text, c.line, c.ref) for c in docx.read(data).cells]


def _run(text: str, extra: str = "") -> str:
    return f"<w:r><w:rPr><w:b/></w:rPr>{extra}<w:t>{text}</w:t></w:r>"


def _cell(props: str, *paragraphs: str) -> str:
    return (
        '<w:tc><w:tcPr><w:tcW w:w="10" w:type="dxa"/>'
        + props
        + '<w:vAlign w:val="center"/></w:tcPr>'
        + "".join(paragraphs)
        + "</w:tc>"
    )


def _para(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


TABLE = (
    "<w:tbl><w:tblPr/>"
    + '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    + _cell('<w:vMerge w:val="restart"/>', _para(_run("三、本年度办理结果")))
    + _cell('<w:gridSpan w:val="2"/>', _para(_run("申请人")), _para(_run("情况")))
    + "</w:tr>"
    + '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    + _cell("<w:vMerge/>")
    + _cell("", _para(_run("1")))
    + _cell('<w:tcBorders><w:top w:val="single"/></w:tcBorders>', "<w:p><w:hyperlink>" + _run("2") + "</w:hyperlink></w:p>")
    + "</w:tr></w:tbl>"
)
BODY = (
    '<w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:b/></w:rPr></w:pPr>'
    + _run("某某县2023年")
    + _run("报告", "<w:tab/>")
    + "</w:p>"
    + TABLE
    + "<w:sdt><w:sdtPr/><w:sdtContent><w:p>"
    + _run("五、存在的主要问题")
    + "<w:r><w:br/><w:t>第二行</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    + "<w:tbl><w:tr>"
    + _cell("", "<w:p>" + _run("外") + "</w:p>", TABLE)
    + "</w:tr></w:tbl>"
)


def test_a_plain_part_reads_its_values_once_cut_down():
    data = _package(BODY)
    assert docx._plain(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    cells = _read(data)
    assert cells == _walked(data)
    assert [c[0] for c in cells[:7]] == [
        "某某县2023年报告",
        "三、本年度办理结果",
        "申请人情况",
        "1",
        "2",
        "五、存在的主要问题",
        "第二行",
    ]
    assert [c[2] for c in cells[1:5]] == [
        "table 1 row 1 col 1",
        "table 1 row 1 col 2",
        "table 1 row 2 col 2",
        "table 1 row 2 col 3",
    ]
    assert [c[0] for c in cells[7:]] == ["外", "三、本年度办理结果", "申请人情况", "1", "2"]  # a table in a cell
    assert [c[2] for c in cells[8:]] == [
        "table 3 row 1 col 1",
        "table 3 row 1 col 2",
        "table 3 row 2 col 2",
        "table 3 row 2 col 3",
    ]


def test_parts_that_are_not_plain_are_walked_and_read_alike():
    """A comment, a character reference, a tracked property change, a processing instruction,
    another encoding: each part is read whole, element by element, with the same cells."""
    variants = {
        "comment": ("<!-- c -->" + BODY, "UTF-8"),
        "character reference": (BODY.replace("申请人", "&#x7533;请人"), "UTF-8"),
        "tracked change": (BODY.replace("</w:pPr>", "<w:pPrChange><w:pPr/></w:pPrChange></w:pPr>", 1), "UTF-8"),
        "processing instruction": (BODY + "<?x y?>", "UTF-8"),
        "GB18030": (BODY, "GB18030"),
    }
    for name, (body, encoding) in variants.items():
        data = _package(body, encoding)
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
        assert not docx._plain(xml), name
        assert _read(data) == _walked(data), name


def test_a_mark_in_the_text_is_walked_and_kept_one_in_a_property_is_cut_away():
    """The XSLT pass marks paragraphs and cells with noncharacters (U+FDD0...): a part whose text
    holds one is walked instead, and the character stays in its cell; one inside a property the
    reader cuts out changes nothing."""
    in_text = _package(BODY.replace("申请人", "申\ufdd4请人"))
    assert [c[0] for c in _read(in_text)][2] == "申\ufdd4请人情况"
    assert _read(in_text) == _walked(in_text)
    in_property = _package(BODY.replace("<w:b/>", '<w:rFonts w:ascii="\ufdd1"/><w:b/>'))
    assert _read(in_property) == _read(_package(BODY)) == _walked(in_property)


def test_generated_structures_read_alike_both_ways():
    """Runs inside w:ins and smart tags (not read), text boxes in runs, breaks of every type,
    merged and spanned cells with odd values, rows starting with other elements, nested
    tables: the cut-down part and the whole part give the same cells."""
    rnd = random.Random(20)
    runs = [
        "<w:t>12</w:t>",
        '<w:t xml:space="preserve"> a b </w:t>',
        "<w:t/>",
        "<w:tab/>",
        "<w:br/>",
        '<w:br w:type="page"/>',
        '<w:br w:type=""/>',
        "<w:cr/>",
        "<w:noBreakHyphen/>",
        "<w:ptab/>",
        "<w:rPr></w:rPr>",
        "<w:t>申请人</w:t>",
    ]
    inline = [
        "<w:r>{}</w:r>",
        "<w:hyperlink><w:r>{}</w:r></w:hyperlink>",
        "<w:ins><w:r>{}</w:r></w:ins>",
        "<w:smartTag><w:r>{}</w:r></w:smartTag>",
        "<w:r><w:drawing><w:txbxContent><w:p><w:r>{}</w:r></w:p></w:txbxContent></w:drawing></w:r>",
    ]
    props = [
        '<w:gridSpan w:val="2"/>',
        '<w:gridSpan w:val="x"/>',
        "<w:gridSpan/>",
        "<w:vMerge/>",
        '<w:vMerge w:val="restart"/>',
        '<w:vMerge w:val=""/>',
        '<w:tcW w:w="1"/>',
        '<w:vAlign w:val="a>b"/>',
        "<w:tcBorders><w:top/></w:tcBorders>",
    ]
    starts = [
        "",
        '<w:trPr><w:gridBefore w:val="1"/></w:trPr>',
        '<w:bookmarkStart w:id="1"/><w:trPr><w:gridBefore w:val="1"/></w:trPr>',
        '<w:tcW w:w="1"/>',
        "<w:trPr/>",
    ]

    def paragraph() -> str:
        return (
            "<w:p><w:pPr><w:rPr/></w:pPr>"
            + "".join(
                rnd.choice(inline).format("".join(rnd.choice(runs) for _ in range(rnd.randint(0, 3))))
                for _ in range(rnd.randint(0, 3))
            )
            + "</w:p>"
        )

    def table(depth: int) -> str:
        rows = []
        for _ in range(rnd.randint(1, 4)):
            cells = []
            for _ in range(rnd.randint(1, 4)):
                inner = [paragraph() for _ in range(rnd.randint(0, 2))]
                if depth < 2 and rnd.random() < 0.15:
                    inner.append(table(depth + 1))
                cells.append(
                    "<w:tc><w:tcPr>"
                    + "".join(rnd.choice(props) for _ in range(rnd.randint(0, 3)))
                    + "</w:tcPr>"
                    + "".join(inner)
                    + "</w:tc>"
                )
            rows.append("<w:tr>" + rnd.choice(starts) + "".join(cells) + "</w:tr>")
        return "<w:tbl>" + "".join(rows) + "</w:tbl>"

    plain = 0
    for _ in range(300):
        body = "".join(
            rnd.choice([paragraph, lambda: table(0), lambda: "<w:sdt><w:sdtContent>" + table(0) + "</w:sdtContent></w:sdt>"])()
            for _ in range(rnd.randint(1, 5))
        )
        data = _package(body)
        plain += docx._plain(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
        assert _read(data) == _walked(data), body
    assert plain == 300
