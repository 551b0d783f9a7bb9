"""Hostile raw files, written on demand: the cases a run must survive (tests/test_bad_input.py,
tests/test_limits.py), and a measure of one run over all of them at once.

    python scripts/hostile.py [--workdir DIR] [--keep]

writes every hostile file beside the five sample reports, runs `pipelines.ingest.run` on them in a
fresh process, and prints the wall time, the peak memory of the process tree (the run and its
parse workers, sampled from /proc) and each file's status. Figures to quote, never a pass or fail.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "raw").glob("*.txt"))
MB = 1 << 20


def sample_text(k: int = 0) -> bytes:
    return SAMPLES[k].read_bytes()


def non_utf8_name(raw: Path, name: bytes = "报告".encode("gbk") + b".txt", data: bytes | None = None) -> bytes:
    """A report whose file name is GBK bytes, as unzip leaves names from Windows archives."""
    path = os.fsencode(raw) + b"/" + name
    with open(path, "wb") as f:
        f.write(data if data is not None else sample_text(1).replace("重庆市".encode(), "四川省".encode(), 1))
    return path


def long_path(raw: Path, data: bytes | None = None) -> bytes:
    """A file whose full path is longer than PATH_MAX (4096), in folders that are each allowed."""
    fd = os.open(raw, os.O_RDONLY)
    path = os.fsencode(raw)
    try:
        for i in range(16):  # 16 × 244 characters: the folder itself stays under PATH_MAX
            name = f"d{i:02d}".encode() + b"x" * 240
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, path = inner, path + b"/" + name
        out = os.open(b"r" * 200 + b".txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, data if data is not None else sample_text(2))
        os.close(out)
    finally:
        os.close(fd)
    return path + b"/" + b"r" * 200 + b".txt"


def fifo(raw: Path) -> Path:
    path = raw / "pipe.txt"
    os.mkfifo(path)
    return path


def link_outside(raw: Path, outside: Path) -> Path:
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "elsewhere.txt").write_bytes(sample_text(3))
    (raw / "elsewhere.txt").symlink_to(outside / "elsewhere.txt")
    return raw / "elsewhere.txt"


def huge_text(path: Path, mb: int = 200) -> Path:
    """One text report repeated to `mb` MB."""
    text = sample_text(0)
    with path.open("wb") as f:
        for _ in range(mb * MB // len(text) + 1):
            f.write(text)
    return path


def _docx_parts() -> dict[str, bytes]:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as z:
        return {n: z.read(n) for n in z.namelist()}


def _docx_with_body(path: Path, body_chunks, member: str = "word/document.xml") -> Path:
    """A DOCX whose document.xml body is streamed from body_chunks (bytes), deflated."""
    parts = _docx_parts()
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    tail = b"</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != member:
                z.writestr(name, data)
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as out:
            out.write(head)
            for chunk in body_chunks:
                out.write(chunk)
            out.write(tail)
    return path


def docx_empty_paragraphs(path: Path, mb: int = 100) -> Path:
    """A small DOCX holding `mb` MB of empty paragraphs."""
    block = b"<w:p/>" * (MB // 6)
    return _docx_with_body(path, (block for _ in range(mb)))


def docx_zip_bomb(path: Path, mb: int = 2048) -> Path:
    """A DOCX whose document.xml inflates to `mb` MB of spaces."""
    block = b" " * MB
    return _docx_with_body(path, (block for _ in range(mb)))


def html_span_bomb(path: Path, rows: int = 50, cells: int = 200) -> Path:
    """A page of rows × cells table cells, each spanning 1000 columns and 1000 rows (~430 KB)."""
    cell = b'<td colspan="1000" rowspan="1000">1</td>'
    row = b"<tr>" + cell * cells + b"</tr>\n"
    path.write_bytes(b"<html><body><h1>\xe6\x8a\xa5\xe5\x91\x8a</h1><table>\n" + row * rows + b"</table></body></html>")
    return path


def pdf_pages(path: Path, pages: int) -> Path:
    """A PDF of `pages` pages, each with one line of text."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for n in range(pages):
        text = f"BT /F1 12 Tf 72 720 Td (page {n + 1}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    path.write_bytes(pdf_file(objects))
    return path


def pdf_file(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF's bytes from its objects (numbered from 1 in list order): header, bodies, the
    cross-reference table and the trailer naming object `root` as the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (k, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


def write_all(raw: Path, outside: Path, bomb_mb: int = 2048) -> list[str]:
    """Every hostile file into raw (beside whatever is there); the names, as the warehouse stores them."""
    unreadable = raw / "unreadable.txt"
    unreadable.write_bytes(sample_text(4).replace("重庆两江新区".encode(), "重庆市某区".encode()))
    unreadable.chmod(0)  # unreadable, unless the process may read anything (root)
    written = [
        non_utf8_name(raw),
        long_path(raw),
        fifo(raw),
        link_outside(raw, outside),
        huge_text(raw / "huge.txt"),
        docx_empty_paragraphs(raw / "paragraphs.docx"),
        docx_empty_paragraphs(raw / "paragraphs_60mb.docx", 60),  # under the size limits: the memory cap stops it
        docx_zip_bomb(raw / "bomb.docx", bomb_mb),
        html_span_bomb(raw / "spans.html"),
        unreadable,
    ]
    return [os.fsdecode(p) for p in written]


RUN = """
import sys, time
from pathlib import Path
from pipelines import ingest
if __name__ == "__main__":
    start = time.perf_counter()
    result = ingest.run(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{time.perf_counter() - start:.3f} {result.parsed}", flush=True)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", help="where to write the files (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the folder")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import duckdb

    from scripts.benchmark import machine
    from scripts.benchmark_scale import run_measured

    work = Path(args.workdir or tempfile.mkdtemp(prefix="xxgk-hostile-"))
    raw = work / "raw"
    raw.mkdir(parents=True)
    for f in SAMPLES:
        shutil.copy(f, raw / f.name)
    write_all(raw, work / "outside")
    size = 0
    for folder, _, files in os.walk(raw):
        for name in files:
            try:
                size += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                pass  # the path longer than PATH_MAX
    print(machine())
    print(f"raw folder: 5 sample reports and 10 hostile files, {size / MB:,.0f} MB on disk")
    seconds, out, peak = run_measured([sys.executable, "-c", RUN, str(raw), str(work / "wh.duckdb")], ROOT)
    print(f"ingest: {seconds:.1f} s wall ({out.split()[0]} s in the run), peak memory of the process tree {peak / MB:,.0f} MB")
    con = duckdb.connect(str(work / "wh.duckdb"), read_only=True)
    for path, status, reason in con.sql(
        "SELECT source_path, parse_status, status_reason FROM reports ORDER BY parse_status DESC, source_path"
    ).fetchall():
        shown = path if len(path) < 70 else path[:30] + "…" + path[-36:]
        print(f"  {status:8} {shown}" + (f": {reason}" if reason else ""))
    con.close()
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
