"""Invisible debris: private-use characters, odd spaces, bullets, indentation, stray spaces."""

from __future__ import annotations

import re

from .draft import CJK_PUNCT, HAN

_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\ufeff]")
_LEADING_BULLETS = re.compile(r"^[\s•·▪◦●○◆◇►▶\-–]*[•·▪◦●○◆◇►▶](?=\s|$)\s*")
_SPACE_RUN = re.compile(r" {2,}")


def remove_private_use(text: str) -> str:
    """Remove private-use characters: site_gen uses them for its own gap and restoration marks.

    A scrape never has a reason to carry them (icon fonts leave them behind), and one left in
    would pose as an editor's mark. Everything else is left alone.

    >>> remove_private_use("新質生産力\\ue000的孕育")
    '新質生産力的孕育'
    """
    return _PRIVATE_USE.sub("", text)


def normalize_whitespace(text: str) -> str:
    """Turn non-breaking, ideographic and zero-width spaces and tabs into plain spaces; drop list bullets,
    indentation and trailing spaces.

    Runs of spaces become one. A single space between Chinese words stays: bylines such as
    ``刘 晖 任晓刚`` are split on it later, and headlines use it to separate clauses.

    >>> normalize_whitespace("  • 王 鵬  >>  正文")
    '王 鵬 >> 正文'
    >>> normalize_whitespace("\\u3000\\u3000新質生産力\\u00a0發展")
    '新質生産力 發展'
    """
    text = _ODD_SPACES.sub(" ", text.replace("\u200b", "").replace("\ufeff", ""))
    text = _LEADING_BULLETS.sub("", text.strip())
    return _SPACE_RUN.sub(" ", text).strip()


# A space touching full-width punctuation on either side, with Chinese or punctuation on the other.
_SPACE_AFTER_PUNCT = re.compile(f"(?<=[{CJK_PUNCT}]) +(?=[{HAN}{CJK_PUNCT}A-Za-z0-9])")
_SENTENCE_END = re.compile("[。！？]")
_SPACE_BEFORE_PUNCT = re.compile(f"(?<=[{HAN}{CJK_PUNCT}A-Za-z0-9]) +(?=[{CJK_PUNCT}])")


def remove_stray_spaces(text: str) -> str:
    """Remove spaces that touch full-width punctuation in running prose (``合力。 國家層面``).

    Lines without sentence punctuation are headlines or bylines, where a space (even next to a
    quotation mark) separates two clauses, so they are left alone; so is a space between Chinese and
    Latin words (``數字 glue``) and between Latin words.

    >>> remove_stray_spaces("形成戰略引領合力。 國家層面，《新一代人工智能發展規劃》深入實施")
    '形成戰略引領合力。國家層面，《新一代人工智能發展規劃》深入實施'
    >>> remove_stray_spaces("“十四五”築基 AI與新質生産力的融合優勢日益凸顯")
    '“十四五”築基 AI與新質生産力的融合優勢日益凸顯'
    """
    if not _SENTENCE_END.search(text):
        return text
    return _SPACE_BEFORE_PUNCT.sub("", _SPACE_AFTER_PUNCT.sub("", text))
