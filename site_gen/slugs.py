"""Stable, readable ASCII slugs for essays, from the title's pinyin.

A slug depends only on its own essay (title, or the sidecar's ``slug``), so adding
a seed never changes an existing essay's URL. Two essays with the same slug are
told apart by a suffix from the later one's seed name, in seed order; no slug is
ever one of the site's own page names.
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


# Names the site uses for its own pages and folders: an essay slug never takes one,
# so no essay page can replace the glossary, a feed, the search index or the 404 page.
RESERVED = frozenset({
    "index", "about", "glossary", "terms", "notes", "static", "pagefind", "search", "feed", "atom",
    "404", "sitemap", "robots", "essays", "hans", "hant",
})


def _seed_stem(seed_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", seed_name.lower().rsplit(".", 1)[0])[:10] or "seed"


def _free(slug: str, seed_name: str, index: int, taken: set[str]) -> str:
    """``slug``, or the first of slug-STEM-INDEX, slug-STEM-INDEX-2, … that is free."""
    if slug not in taken and slug not in RESERVED:
        return slug
    base = f"{slug}-{_seed_stem(seed_name)}-{index}"
    candidate, n = base, 1
    while candidate in taken or candidate in RESERVED:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _sidecar(seed_name: str) -> str:
    return seed_name.rsplit(".", 1)[0] + ".toml"


def assign_slugs(keys: list[tuple[str, str, int, str | None]]) -> list[str]:
    """Slugs for essays given as (title, seed name, index in seed, slug from sidecar), in seed order.

    Every slug is unique over the corpus and none is one of the site's own names. An
    editor's slug is kept as chosen (so it wins over a derived one) and must be free:
    a reserved or repeated one is the editor's error, named with both seeds. A derived
    slug that is taken gets a suffix from its seed's name and its place in the seed.
    """
    from .errors import SidecarError

    chosen_by: dict[str, tuple[str, int]] = {}
    for _, seed_name, index, chosen in keys:
        if not chosen:
            continue
        if chosen in RESERVED:
            raise SidecarError(f"essay {index}: slug '{chosen}' is one of the site's own names "
                               f"({', '.join(sorted(RESERVED))}); choose another", _sidecar(seed_name))
        if chosen in chosen_by:
            other, other_index = chosen_by[chosen]
            raise SidecarError(f"essay {index}: slug '{chosen}' is already chosen for essay {other_index} "
                               f"of {other}; choose another", _sidecar(seed_name))
        chosen_by[chosen] = (seed_name, index)
    taken = set(chosen_by)
    slugs: list[str] = []
    for title, seed_name, index, chosen in keys:
        if chosen:
            slugs.append(chosen)
            continue
        slug = _free(slugify(title), seed_name, index, taken)
        taken.add(slug)
        slugs.append(slug)
    return slugs
