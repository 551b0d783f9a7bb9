"""Makes scanned reports to test OCR on: the sample renderings, the national template filled with
a sample's numbers and the real PDFs of ../shared, printed to grey images and degraded the way a
scanner or a photocopier does, then wrapped as image-only PDFs and as page images.

    python scripts/make_scans.py [OUT_DIR]        # default tmp/scans (not committed)

Writes OUT_DIR/<stem>.pdf (every page an image), OUT_DIR/gold/<stem>.json (the true values, so
`../shared/tools/score.py OUT_DIR/gold OUT_DIR` scores them) and OUT_DIR/pages/<stem>-<page>.png
or .jpg (single pages, read as one-page scans). Each document gets its own resolution
(150–300 dpi), a rotation of up to ±1°, blur and JPEG quality 50–80, and either a red seal
stamped over a corner of a table or a darker photocopy, drawn from a generator seeded by the
document's name: the same scans every run. Needs pdftoppm (poppler-utils); the filled template
also needs LibreOffice, and is left out without it.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

DPIS = (150, 200, 300)
ROTATION = 1.0  # degrees, either way
BLUR = (0.3, 0.9)  # Gaussian radius at 200 dpi, scaled with the resolution
JPEG_QUALITY = (50, 80)
SEAL_RED = (215, 30, 35)


def sources() -> list[tuple[str, Path | bytes, Path]]:
    """(stem, PDF path or bytes, gold file) of every document that gets scanned."""
    out: list[tuple[str, Path | bytes, Path]] = []
    for pdf in sorted((ROOT / "tests" / "renderings").glob("*.pdf")):
        out.append((pdf.stem, pdf, ROOT / "tests" / "golden" / f"{pdf.stem}.json"))
    for pdf in sorted((SHARED / "real").glob("*.pdf")):
        out.append((pdf.stem, pdf, SHARED / "real" / "gold" / f"{pdf.stem}.json"))
    filled = filled_template()
    if filled is not None:
        out.append(filled)
    return out


def filled_template() -> tuple[str, bytes, Path] | None:
    """The national template (Word) filled with the last sample's numbers, printed through
    LibreOffice: the layout offices actually print and stamp."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    template = SHARED / "formats" / "template_2021_blank.docx"
    if soffice is None or not template.exists():
        print("make_scans: no LibreOffice or no template: the filled template is left out", file=sys.stderr)
        return None
    from tests.test_formats import fill_template

    gold = sorted((ROOT / "tests" / "golden").glob("*.json"))[-1]
    docx = fill_template(json.loads(gold.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "template_filled.docx"
        src.write_bytes(docx)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return "template_filled", (Path(tmp) / "template_filled.pdf").read_bytes(), gold


def render(pdf: bytes, dpi: int) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "in.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(Path(tmp) / "in.pdf"), str(Path(tmp) / "p")],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [Image.open(p).convert("L") for p in pages]


def table_boxes(pdf: bytes) -> list[list[tuple[float, float, float, float]]]:
    """Each page's ruled tables, as fractions of the page (x0, top, x1, bottom)."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            out.append(
                [
                    (x0 / page.width, t / page.height, x1 / page.width, b / page.height)
                    for x0, t, x1, b in (t.bbox for t in page.find_tables())
                ]
            )
    return out


def seal(size: int, rng: random.Random) -> Image.Image:
    """A round official seal: ring, star and an arc of strokes, red on white."""
    img = Image.new("RGB", (size, size), "white")
    d = ImageDraw.Draw(img)
    w = max(3, size // 28)
    d.ellipse((w, w, size - w, size - w), outline=SEAL_RED, width=w)
    c, r = size / 2, size * 0.13
    star = [
        (
            c + (r if k % 2 == 0 else r * 0.4) * math.sin(k * math.pi / 5),
            c - (r if k % 2 == 0 else r * 0.4) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=SEAL_RED)
    for k in range(14):  # the body's name set round the ring, as blocks of strokes
        a = math.radians(200 + k * 10.5)
        x, y = c + size * 0.33 * math.cos(a), c + size * 0.33 * math.sin(a)
        s = size * 0.045
        d.rectangle((x - s, y - s, x + s, y + s), outline=SEAL_RED, width=max(2, w // 2))
    img = img.rotate(rng.uniform(0, 360), fillcolor="white")
    return img.filter(ImageFilter.GaussianBlur(0.6))


def stamp(page: Image.Image, boxes, dpi: int, rng: random.Random) -> Image.Image:
    """Red ink over the page (multiplied, as ink on paper) centred on a corner of a table."""
    x0, top, x1, bottom = max(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    corner = rng.choice([(x0, top), (x1, top), (x0, bottom), (x1, bottom)])
    size = int(dpi * 1.6)  # 4 cm across
    inward = (1 if corner[0] == x0 else -1, 1 if corner[1] == top else -1)  # over the cells, not the margin
    cx = int(corner[0] * page.width) + inward[0] * size // 4
    cy = int(corner[1] * page.height) + inward[1] * size // 4
    rgb = page.convert("RGB")
    mark = seal(size, rng)
    left, upper = cx - size // 2, cy - size // 2
    region = rgb.crop((left, upper, left + size, upper + size))
    from PIL import ImageChops

    rgb.paste(ImageChops.multiply(region, mark), (left, upper))
    return rgb


def photocopy(page: Image.Image, rng: random.Random) -> Image.Image:
    """Darker, greyer paper, thicker strokes and toner specks."""
    grey = page.convert("L").filter(ImageFilter.MinFilter(3))
    paper = rng.randint(185, 215)
    grey = grey.point(lambda v: int(v * paper / 255 * 0.92))
    d = ImageDraw.Draw(grey)
    for _ in range(rng.randint(150, 400)):
        x, y = rng.randrange(grey.width), rng.randrange(grey.height)
        r = rng.choice((1, 1, 1, 2))
        d.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(40, 120))
    return grey


def degrade(page: Image.Image, boxes, dpi: int, rng: random.Random, sealed: bool) -> Image.Image:
    if sealed and boxes:
        page = stamp(page, boxes, dpi, rng)
    elif not sealed:
        page = photocopy(page, rng)
    fill = "white" if page.mode == "RGB" else 255
    page = page.rotate(rng.uniform(-ROTATION, ROTATION), resample=Image.BICUBIC, expand=False, fillcolor=fill)
    return page.filter(ImageFilter.GaussianBlur(rng.uniform(*BLUR) * dpi / 200))


def jpeg(page: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def make(stem: str, pdf: bytes, gold: Path, out: Path, index: int) -> list[str]:
    rng = random.Random(int(hashlib.sha256(stem.encode()).hexdigest()[:8], 16))
    dpi = DPIS[index % len(DPIS)]
    sealed = index % 2 == 0
    quality = rng.randint(*JPEG_QUALITY)
    boxes = table_boxes(pdf)
    pages = [jpeg(degrade(p, b, dpi, rng, sealed), quality) for p, b in zip(render(pdf, dpi), boxes)]
    pages[0].save(out / f"{stem}.pdf", "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=quality)
    (out / "gold").mkdir(exist_ok=True)
    shutil.copy(gold, out / "gold" / f"{stem}.json")
    (out / "pages").mkdir(exist_ok=True)
    for n, page in enumerate(pages, start=1):
        if n % 2:
            page.save(out / "pages" / f"{stem}-{n}.png")
        else:
            page.save(out / "pages" / f"{stem}-{n}.jpg", quality=quality)
    how = f"{dpi} dpi, JPEG {quality}, " + ("red seal" if sealed else "photocopy")
    return [f"{stem}: {len(pages)} pages, {how}"]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tmp" / "scans"
    out.mkdir(parents=True, exist_ok=True)
    for index, (stem, pdf, gold) in enumerate(sources()):
        data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
        for line in make(stem, data, gold, out, index):
            print(line)
    print(f"scans in {out}")


if __name__ == "__main__":
    main()
