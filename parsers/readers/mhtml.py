"""A web page saved as one file (MHTML: Chrome's and Edge's `.mhtml`, Internet Explorer's and
Word's `.mht`): a MIME message whose first HTML part is the page, read by the HTML reader; the
images and style sheets beside it are not the report."""

from __future__ import annotations

import email
from email import policy

from . import Document, ReadError
from . import html


def read(data: bytes) -> Document:
    page = _page(data)
    doc = html.read(page)
    doc.format = "mhtml"
    return doc


def _page(data: bytes) -> bytes:
    """The first text/html part, its transfer encoding (quoted-printable, base64) undone, in UTF-8
    when the part names its charset (the HTML reader trusts a page's <meta> over a guess, and takes
    UTF-8 that a GB <meta> was left beside)."""
    message = email.message_from_bytes(data, policy=policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise ReadError("MHTML without a page: no text/html part")
    body = part.get_payload(decode=True)
    if not body:
        raise ReadError("MHTML whose page is empty")
    charset = part.get_content_charset()
    if charset:
        try:
            return body.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: the page's own <meta>, else a guess
    return body
