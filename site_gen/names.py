"""People's names in a list: 李兴腾、黄鹏强、郭江江、涂雨在《工业技术经济》一文中指出.

Essays cite the authors of papers by name, one after another between 、. jieba's dictionary
does not know most people, and cut without its hidden Markov model (as the annotate stage
cuts, for stable words) a name falls apart into characters: 李|兴|腾, read lǐ xīng téng and
glossed "plum; to rise; to soar". A list is where names can be told apart from words safely:

- an item between two 、 is a name when it is two or three characters, starts with a surname
  and is no word jieba knows (so 高质量、高效率 stays two words);
- the first and last items run on into the sentence (学者李兴腾, 涂雨在), so there the name is
  the word jieba's part-of-speech tagger, with its model, tags as a person next to the 、;
- the list must hold at least two names.

A name found so is cut as one word and read as pinyin writes names: the surname as CC-CEDICT
reads it as a surname, capitalised, and the given name capitalised (Lǐ Xīngténg).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Han runs joined by 、: a list of at least two items. Possessive, and starting only where a run
# starts: a long run without 、 is read once, not once from each of its characters
_LIST = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]++(?:、[\u4e00-\u9fff]++)+")
NAME_LENGTHS = (2, 3)  # a surname and a given name of one or two characters
# jieba's part-of-speech tags for people (a name, a foreign name, a name of one syllable's)
PERSON_TAGS = ("nr", "nrfg", "nrt")

Span = tuple[int, int]


def listed_names(text: str, is_surname: Callable[[str], bool], is_known_word: Callable[[str], bool],
                 tag: Callable[[str], list[tuple[str, str]]]) -> list[Span]:
    """The (start, end) of each person's name in the lists of ``text``, in order.

    ``is_surname(character)``: the character is a surname; ``is_known_word(word)``: the segmenter
    knows the word; ``tag(text)``: (word, part-of-speech tag) of each word of ``text``, with a model
    that finds words it does not know (jieba.posseg).
    """
    found: list[Span] = []
    for match in _LIST.finditer(text):
        found += _names_in_list(match.group(), match.start(), is_surname, is_known_word, tag)
    return found


def _names_in_list(listed: str, offset: int, is_surname, is_known_word, tag) -> list[Span]:
    items, at = [], offset
    for item in listed.split("、"):
        items.append((at, item))
        at += len(item) + 1

    def looks_like_name(word: str) -> bool:
        return len(word) in NAME_LENGTHS and is_surname(word[0]) and not is_known_word(word)

    names: list[Span] = []
    for start, item in items[1:-1]:  # whole items: a name is all of one
        if not looks_like_name(item):
            return []
        names.append((start, start + len(item)))
    first_start, first = items[0]
    # the tagger is slow beside the rest: asked only where an end could hold a name at all
    words = tag(first) if any(looks_like_name(first[-size:]) for size in NAME_LENGTHS) else []
    if words and words[-1][1] in PERSON_TAGS and looks_like_name(words[-1][0]):
        names.insert(0, (first_start + len(first) - len(words[-1][0]), first_start + len(first)))
    last_start, last = items[-1]
    words = tag(last) if any(looks_like_name(last[:size]) for size in NAME_LENGTHS) else []
    if words and words[0][1] in PERSON_TAGS and looks_like_name(words[0][0]):
        names.append((last_start, last_start + len(words[0][0])))
    return names if len(names) >= 2 else []


def name_reading(surname: str, given: str) -> str:
    """A person's name as pinyin writes it, from the surname's reading and the given name's
    (syllables joined, as the annotate stage keeps readings): Lǐ + xīngténg -> LǐXīngténg."""
    return surname[:1].upper() + surname[1:] + given[:1].upper() + given[1:]
