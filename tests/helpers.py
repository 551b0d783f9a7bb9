"""What several test modules share: paths to the samples, a warehouse query, assertions on a
run's outcome, and documents built by hand. Tests import from here, never from each other."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import duckdb

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "raw").glob("*.txt"))
RENDERINGS = Path(__file__).parent / "renderings"


def query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


# ---------------------------------------------------------------- a run's outcome
def assert_samples_land(wh: Path) -> None:
    """The five sample reports are there, ok, with their numbers (441 applications received in all)."""
    names = ", ".join(f"'{f.name}'" for f in SAMPLES)
    samples = f"regexp_extract(source_path, '[^/]+$') IN ({names})"
    assert query(wh, f"SELECT count(*) FROM reports WHERE parse_status = 'ok' AND {samples}") == [(5,)]
    assert query(wh, f"SELECT sum(received) FROM report_headlines WHERE {samples}") == [(441,)]
    assert query(
        wh,
        """SELECT count(*) FROM reports r WHERE parse_status = 'failed' AND NOT EXISTS
                        (SELECT 1 FROM validation_issues v WHERE v.report_id = r.report_id AND v.severity = 'error')""",
    ) == [(0,)]


def failed_reason(wh: Path, like: str) -> str:
    ((status, reason),) = query(wh, f"SELECT parse_status, status_reason FROM reports WHERE source_path LIKE '{like}'")
    assert status == "failed"
    return reason


# ---------------------------------------------------------------- the next year's report of a sample
SAMPLE_TEXT = SAMPLES[0].read_text(encoding="utf-8")  # 重庆市通信管理局 2024: carries forward 7 (natural person 7)
CARRIED_OVER_2024 = "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0"


def next_year(carried_over: str, regulations_in_force: int = 1) -> str:
    text = SAMPLE_TEXT.replace("政府信息公开工作 2024 年度报告", "政府信息公开工作 2025 年度报告", 1)
    text = text.replace(CARRIED_OVER_2024, "二、上年结转政府信息公开申请数量\t" + carried_over)
    return text.replace("规章\t0\t0\t1", f"规章\t0\t0\t{regulations_in_force}")


# ---------------------------------------------------------------- documents built by hand
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


def build_pdf(pages: list[list[tuple]], encrypt: bool = False) -> bytes:
    """A PDF written by hand: Identity-H text with a ToUnicode map (so any BMP character is
    text), and paths for table rulings. ops: ("text", x, y, size, s), ("line", x1, y1, x2, y2),
    ("rect", x, y, width, height) filled, ("curve", x0, y0, x1, y1, x2, y2, x3, y3) stroked."""
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
            elif op[0] == "rect":
                stream += b"%g %g %g %g re f\n" % op[1:]
            elif op[0] == "curve":
                stream += b"%g %g m %g %g %g %g %g %g c S\n" % op[1:]
            else:
                stream += b"%g %g m %g %g l S\n" % op[1:]
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
                b" /Contents %d 0 R >>" % (pages_id, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    trailer_extra = b""
    if encrypt:  # a user password is set: the empty password does not open it
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (b"11" * 32, b"22" * 32))
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc, b"33" * 16, b"33" * 16)
    from scripts.hostile import pdf_file

    return pdf_file(objects, catalog, trailer_extra)
