"""Legacy Word (.doc), WPS (.wps) and RTF: LibreOffice converts them to DOCX, the DOCX reader reads that.

LibreOffice is optional: without it these files are failed reports whose reason says how to
enable them. Each conversion gets its own throwaway profile, so parallel workers do not collide.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from . import Document, ReadError, docx

TIMEOUT = 120
ENABLE = "install LibreOffice to read it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui), or save it as DOCX or PDF"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(data: bytes, kind: str) -> Document:
    program = soffice()
    if program is None:
        raise ReadError(f"{kind.upper()} file needs LibreOffice, which is not installed: {ENABLE}")
    with tempfile.TemporaryDirectory(prefix="xxgk-office-") as tmp:
        src = Path(tmp) / f"report.{kind}"
        src.write_bytes(data)
        try:
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise ReadError(f"{kind.upper()} file: LibreOffice did not convert it within {TIMEOUT} s") from None
        except subprocess.CalledProcessError as e:
            raise ReadError(
                f"{kind.upper()} file: LibreOffice could not convert it ({e.stderr.decode(errors='replace')[-200:].strip()})"
            ) from None
        out = Path(tmp) / "report.docx"
        if not out.exists():
            raise ReadError(f"{kind.upper()} file: LibreOffice could not convert it (damaged or not a document)")
        document = docx.read(out.read_bytes())
    document.format = kind
    return document
