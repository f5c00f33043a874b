"""Bytes of a seed file to text: the encoding detected, checked, and refused when unsure.

Scrapes arrive in UTF-8, GBK/GB2312/GB18030, Big5 and UTF-16, and a page's declared charset
may lie (GBK bytes under ``<meta charset="utf-8">``). The order of evidence:

1. a byte-order mark (UTF-8, UTF-16) settles it;
2. bytes that are valid UTF-8 are UTF-8 (legacy Chinese text is almost never valid UTF-8);
3. otherwise each Chinese legacy encoding that decodes the bytes without error is a candidate
   (the declared charset first), and the one whose text reads as Chinese wins: the share of its
   Han characters among the most common ones of written Chinese. Mojibake (GBK read as Big5, or
   the reverse) decodes without error too, but into rare characters;
4. charset-normalizer decides when no Chinese encoding fits.

Text that no encoding reads confidently is refused with one line naming the file: publishing
mojibake silently is worse than skipping a seed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError

# The most frequent characters of running Chinese text, in both scripts: about 40% of the
# Han characters of an ordinary article are among them, and under 5% of mojibake's.
COMMON_HAN = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作"
    "里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
    "這個們來為國時說會對過發後裡種經麼現當動還進樣開實從與業產記機關問題長場間資體報關點電"
    "日月新市公司企政府發展经济經濟技术技術全新高工作资本提出合价價"
)
MIN_COMMON_SHARE = 0.15  # below this the text does not read as Chinese in that encoding
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# <meta charset="gbk">, <meta http-equiv="Content-Type" content="text/html; charset=gb2312">, <?xml encoding="…"?>
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# Each legacy name is read by the encoding that is its superset, so a rare character still decodes.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
             "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cp950": "big5hkscs", "x-x-big5": "big5hkscs"}
CHINESE_LEGACY = ("gb18030", "big5hkscs")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec's name, e.g. "utf-8", "gb18030"
    why: str  # how it was decided, for the source notes


def declared_charset(data: bytes) -> str | None:
    """The charset the file declares in its first 4 KB (a <meta> or XML declaration), normalised."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSET.get(name, _SUPERSET.get(match.group(1).decode("ascii").lower(), name))


def common_share(text: str) -> float:
    """How much the text reads as Chinese: the share of its Han characters that are common ones."""
    han = HAN.findall(text)
    if not han:
        return 0.0
    return sum(ch in COMMON_HAN for ch in han) / len(han)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a byte-order mark (some Windows tools do), told by its text: in one byte
    order it decodes to Chinese or plain text with no control characters, in the other it does not.
    Such a file is full of NUL bytes, and would otherwise be refused as binary."""
    if len(data) % 2 or b"\x00" not in data[:8192]:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _strict(data, encoding)
        if text is None or any(ch < " " and ch not in "\t\n\r\f" for ch in text[:4096]):
            continue
        if common_share(text) >= MIN_COMMON_SHARE:
            return Decoded(text, encoding, f"no byte-order mark, but reads as Chinese in {encoding.upper()}")
    return None


def decode_text(path: Path, data: bytes) -> Decoded:
    """The file's text and how its encoding was found; SourceError when no encoding reads it confidently."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is None:
                raise SourceError(f"starts with a {encoding.upper()} byte-order mark but does not decode as it", path)
            return Decoded(text, encoding.replace("-sig", ""), "byte-order mark")
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "valid UTF-8")
    declared = declared_charset(data)
    candidates = [declared] if declared in CHINESE_LEGACY else []
    candidates += [name for name in CHINESE_LEGACY if name not in candidates]
    readings = [(common_share(text), name, text) for name in candidates if (text := _strict(data, name)) is not None]
    readings.sort(key=lambda reading: -reading[0])
    if readings and readings[0][0] >= MIN_COMMON_SHARE:
        share, name, text = readings[0]
        said = f"declared {declared}" if declared else "no declared charset"
        if declared and declared != name:
            said = f"declared {declared}, but the bytes are not"
        return Decoded(text, name, f"{said}; reads as Chinese in {name} ({share:.0%} common characters)")
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = _line_of_byte(data, error.start)
        raise SourceError(f"cannot tell its encoding: not UTF-8 (byte 0x{data[error.start]:02x}), and no Chinese "
                          "encoding (GB18030, Big5) reads it as Chinese; convert it to UTF-8", path, line) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _charset_normalizer_guess(data: bytes) -> Decoded | None:
    """charset-normalizer's best reading, when it is sure (text in another language, e.g. Latin-1 or Shift-JIS)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1:
        return None
    text = str(best)
    if HAN.search(text) and common_share(text) < MIN_COMMON_SHARE:
        return None  # Chinese characters that are not Chinese text: mojibake
    return Decoded(text, best.encoding, f"charset-normalizer: {best.encoding}")
