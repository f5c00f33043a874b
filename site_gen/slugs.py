"""Stable, readable ASCII slugs for essays, from the title's pinyin.

A slug depends only on its own essay (title, or the sidecar's ``slug``), so adding
a seed never changes an existing essay's URL. Two essays with the same slug are
told apart by a suffix from the later one's seed name, in seed order.
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

MAX_LENGTH = 48


def slugify(title: str) -> str:
    """``人工智能赋能新质生产力`` -> ``ren-gong-zhi-neng-fu-neng-xin-zhi-sheng-chan-li``, cut at a syllable."""
    syllables = lazy_pinyin(title, style=Style.NORMAL, errors=lambda chars: [chars])
    words: list[str] = []
    for syllable in syllables:
        ascii_text = unicodedata.normalize("NFKD", syllable).encode("ascii", "ignore").decode().lower()
        words.extend(w for w in re.split(r"[^a-z0-9]+", ascii_text.replace("ü", "v")) if w)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
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
