"""The text of an uploaded PDF, DOCX or XLSX, taken once at upload so the library's search looks
inside documents (R11, issue 11). Pure functions over bytes: no ORM.

Bounded and forgiving: at most MAX_CHARS characters are kept (a 300-page plan still fits; the
search column stays small), and a file the parser cannot read gives empty text and a log line,
never a refused upload: the file already passed the content checks in uploads.py, and a
scanned PDF simply has no text layer.
"""

import io
import logging

from library.uploads import DOCX, PDF, XLSX

logger = logging.getLogger(__name__)
MAX_CHARS = 200_000
MAX_PDF_PAGES = 500  # a bound on work as well as on text


class _Collector:
    def __init__(self, limit: int):
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit

    @property
    def full(self) -> bool:
        return self.size >= self.limit

    def add(self, text) -> None:
        text = str(text or "").strip()
        if text and not self.full:
            self.parts.append(text)
            self.size += len(text) + 1

    def text(self) -> str:
        return "\n".join(self.parts)[: self.limit]


def _pdf(data: bytes, out: _Collector) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages[:MAX_PDF_PAGES]:
        out.add(page.extract_text())
        if out.full:
            return


def _docx(data: bytes, out: _Collector) -> None:
    from docx import Document

    document = Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        out.add(paragraph.text)
        if out.full:
            return
    for table in document.tables:
        for row in table.rows:
            out.add(" ".join(cell.text for cell in row.cells))
            if out.full:
                return


def _xlsx(data: bytes, out: _Collector) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            out.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                out.add(" ".join(str(v) for v in row if v is not None and str(v).strip()))
                if out.full:
                    return
    finally:
        workbook.close()


EXTRACTORS = {PDF: _pdf, DOCX: _docx, XLSX: _xlsx}


def extract_text(data: bytes, content_type: str, *, limit: int = MAX_CHARS) -> str:
    """The document's text (at most `limit` characters), or "" for other types and broken files."""
    extractor = EXTRACTORS.get(content_type)
    if extractor is None or not data:
        return ""
    out = _Collector(limit)
    try:
        extractor(data, out)
    except Exception as exc:  # any parser error: keep the upload, skip its text (module docstring)
        logger.warning("text extraction failed for a %s upload (%r); stored without text", content_type, exc)
        return out.text()
    return out.text()
