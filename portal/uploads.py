"""Shared rules for stored uploads (issue 13): random stored names, and the deeper content checks
both upload paths (request attachments, library documents) run after their type sniffing."""

from __future__ import annotations

import re
import uuid
from pathlib import PurePath

_EXTENSION = re.compile(r"^\.[a-z0-9]{1,8}$")


def stored_extension(filename: str) -> str:
    """The name's extension, lower-cased, if it is a plain one (".pdf"); else ""."""
    suffix = PurePath(filename or "").suffix.lower()
    return suffix if _EXTENSION.match(suffix) else ""


def random_stored_name(folder: str, filename: str, extension: str | None = None) -> str:
    """`folder/<32 hex chars><ext>`: nothing a visitor could guess or enumerate, nothing of the
    uploader's file name in a path."""
    ext = extension if extension is not None else stored_extension(filename)
    return f"{folder}/{uuid.uuid4().hex}{ext}"
