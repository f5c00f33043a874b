"""Stable, readable ASCII slugs for essays, from the title's pinyin.

A slug depends only on its own essay (title, or the sidecar's ``slug``), so adding
a seed never changes an existing essay's URL. Two essays with the same slug are
told apart by a suffix from the later one's seed name, in seed order.
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

from .structure.text import jieba_module
from .script import detect_script, to_simplified

MAX_LENGTH = 60
_HAN = re.compile(r"^[\u3400-\u9fff]$")


def _segmenter():
    """jieba's stock dictionary alone (annotation adds glossary words to a tokenizer of its own),
    so a glossary edit never moves a URL."""
    return jieba_module()


def _chunks(title: str) -> list[str]:
    """Words of the Simplified title; runs of one-character words paired up (赋|能 -> 赋能)."""
    chunks: list[str] = []
    single = ""
    for word in _segmenter().lcut(to_simplified(title, detect_script(title)), HMM=False):
        if _HAN.match(word):
            single += word
            if len(single) == 2:
                chunks.append(single)
                single = ""
            continue
        if single:
            chunks.append(single)
            single = ""
        chunks.append(word)
    if single:
        chunks.append(single)
    return chunks


def _ascii(text: str) -> str:
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [chars])
    ascii_text = unicodedata.normalize("NFKD", "".join(syllables)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def slugify(title: str) -> str:
    """``人工智能赋能新质生产力的路径指引`` -> ``rengongzhineng-funeng-xinzhi-shengchanli-de-lujing-zhiyin``."""
    slug = ""
    for chunk in filter(None, map(_ascii, _chunks(title))):
        candidate = f"{slug}-{chunk}" if slug else chunk
        if len(candidate) > MAX_LENGTH:
            break
        slug = candidate
    return slug or "essay"


def assign_slugs(keys: list[tuple[str, str, int, str | None]]) -> list[str]:
    """Slugs for essays given as (title, seed name, index in seed, slug from sidecar), in seed order."""
    slugs: list[str] = []
    taken: set[str] = set()
    for title, seed_name, index, chosen in keys:
        slug = chosen or slugify(title)
        if slug in taken:
            stem = re.sub(r"[^a-z0-9]+", "", seed_name.lower().rsplit(".", 1)[0])[:10]
            slug = f"{slug}-{stem}-{index}"
        taken.add(slug)
        slugs.append(slug)
    return slugs
