"""Reading uploaded or piped text files: the one place that decides which encodings are accepted."""

from __future__ import annotations


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
