"""Reading uploaded or piped text files: the one place that decides which encodings are accepted."""

from __future__ import annotations

import csv
import io


def decode_text(data: bytes) -> str:
    """The text of `data`: UTF-8 (a leading byte-order mark is dropped), else GB18030.

    Raises ValueError when the bytes are neither.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValueError("the text is neither UTF-8 nor GB18030") from None


def csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    """The records of a CSV file (encodings as decode_text; comma- or tab-separated), each
    with its number as a spreadsheet shows it: a quoted cell with a line break stays in its
    row, and blank rows are counted. Raises ValueError as decode_text."""
    text = decode_text(data)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return list(enumerate(reader, start=1))
