"""Format from the bytes first, the file name only to break ties."""

from __future__ import annotations

import io
import re
import zipfile

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FRAGMENT_TAGS = (b"<body", b"<table", b"<div", b"<p>", b"<p ", b"<br", b"<span", b"<h1", b"<h2")
# a page saved as one file: MIME headers, then a multipart/related body (its type the HTML page)
_MIME = re.compile(rb"\A(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?content-type:\s*multipart/related", re.I)
_IMAGES = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif", b"BM": "bmp", b"II*\x00": "tiff", b"MM\x00*": "tiff"}


def sniff(data: bytes, name: str = "") -> str:
    head = data[:1024]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(_OLE):
        ext = name.lower().rsplit(".", 1)[-1] if "." in name else ""
        return {"xls": "xls", "wps": "wps", "et": "xls"}.get(ext, "doc")
    if head.startswith(b"{\\rtf"):
        return "rtf"
    for magic, kind in _IMAGES.items():
        if head.startswith(magic):
            return kind
    if head.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")):
        return "archive"
    if _MIME.search(data[:4096]):
        return "mhtml"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta")) or b"<html" in head.lower():
        return "html"
    if lowered.startswith(b"<") and any(tag in lowered for tag in _FRAGMENT_TAGS) and not _wiki_tables(data):
        return "html"  # a saved fragment: the article's markup without <html>
    return "txt"


def _wiki_tables(data: bytes) -> bool:
    """Wiki markup that opens with a tag (pandoc's MediaWiki of a saved page keeps its spans): its
    tables, `{|` to `|}` on lines of their own, make it text."""
    return b"\n{|" in data and b"\n|}" in data


def _zip_kind(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        # a cut-off package still names its parts in the local headers: say what it was meant to be
        if b"word/document.xml" in data:
            return "docx"
        if b"xl/workbook.xml" in data:
            return "xlsx"
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"
