"""Files in Microsoft's compound format (OLE2): an Excel 97-2003 workbook, a Word 97-2003
document, or an Office file protected by a password, which Office stores as an OLE2 file
holding the encrypted package. Told apart by the names of their streams, which a compound
file writes in UTF-16 in its directory."""

from __future__ import annotations

from pathlib import Path

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the signature of every compound file
# the stream holding an encrypted .xlsx, .docx or .pptx (MS-OFFCRYPTO), as the directory names it
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_READ = 1 << 22  # the directory of a small file is in its first megabytes; a larger one is read whole


def is_ole2(head: bytes) -> bool:
    return head.startswith(OLE2)


def is_encrypted(path: Path) -> bool:
    """Is this compound file an Office file protected by a password (``EncryptedPackage``)?"""
    with path.open("rb") as fh:
        data = fh.read(_READ)
        while True:
            if _ENCRYPTED in data:
                return True
            more = fh.read(_READ)
            if not more:
                return False
            data = data[-len(_ENCRYPTED) :] + more
