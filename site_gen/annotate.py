"""Annotation: an edition's text cut into words with pinyin, dictionary keys and glossary terms.

Segmentation always runs on the Simplified text, so both editions of an essay get the
same words with the same readings.  OpenCC's tables are length-preserving, so the cuts
made on the Simplified text fall at the same offsets of the Traditional text.
Glossary terms are found first and segmented on their own, so a term is never split
across tokens it shares with its neighbours, and never runs across a block.

The Simplified text of a Traditional block is the Simplified edition's text of the same
block: annotate an essay's Simplified edition before its Traditional one (as the build
does) and the Traditional edition takes the Simplified edition's words and readings as they
are, not those of its own text converted back (which OpenCC does not always turn into the
same text: 附著於 came back as 附著于, cut as 附|著 and read fù zhù beside the Simplified
page's 附着 fùzhuó).  Otherwise the Traditional text is converted to Simplified and cut.
A Simplified text is cut once: its cut (words, readings, dictionary keys, terms) is
remembered and laid over each edition's text.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba

from .dictionary import Dictionary
from .names import listed_names, name_reading
from .model import GAP, RESTORED_CLOSE, RESTORED_OPEN, AnnotatedEssay, EditionName, Essay, Inline, TermMatch, Token
from .pinyin import Readings, join_syllables, split_syllables, term_reading
from .script import same_text_in_simplified, to_simplified
from .structure.text import jieba_module

jieba.setLogLevel(logging.WARNING)  # jieba announces every dictionary load otherwise
TERM_WORD_FREQUENCY = 10**6  # far above any jieba word, so a glossary term is cut as one word
CHECKED_WORD_FREQUENCY = 1000  # a common word's: enough to keep 调优 whole, not to break 成为|人民
# Prepositions, conjunctions and adverbs that jieba's dictionary glues to the word beside them
FUNCTION_CHARACTERS = frozenset("在对从向把被给和与及或并而也都还又就才更已将")
# A term longer than this is shown as the words it is made of (新一轮|科技|革命|…), each with
# its own reading and gloss under the one term mark: one ruby over twelve characters reads badly.
LONG_TERM = 4

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# A gap, a restored word in its brackets, or a run of text without marks
_PIECES = re.compile(f"({GAP})|{RESTORED_OPEN}([^{RESTORED_CLOSE}]*){RESTORED_CLOSE}|([^{GAP}{RESTORED_OPEN}]+)")


# Essays whose Simplified edition's texts are remembered for their Traditional edition
ESSAYS_REMEMBERED = 64
_TITLE = "\x00title"  # the title's place among the remembered texts (never a block's anchor)
# Distinct Simplified texts whose cut is remembered: enough to hold an essay's blocks until its
# Traditional edition is annotated, and the titles and phrases a corpus repeats.
CUT_CACHE = 4096


def make_segmenter(words: set[str], checked: set[str] = frozenset()) -> jieba.Tokenizer:
    """A jieba tokenizer of its own that knows ``words`` (glossary terms: always cut whole) and
    ``checked`` (the checked readings' words: cut whole where they stand as a word).

    A checked word gets an ordinary word's frequency, not a term's: 为人民 is one word in
    人民城市为人民 but not in 成为人民群众, where 成为 is.

    Its word table starts as a copy of jieba's default tokenizer's (loaded once per process
    and used by the other stages), not a second load of the same dictionary from disk.
    """
    stock = jieba_module().dt
    stock.check_initialized()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(stock.FREQ), stock.total
    tokenizer.initialized = True
    for word in sorted(checked - set(words)):
        tokenizer.add_word(word, freq=max(tokenizer.FREQ.get(word, 0), CHECKED_WORD_FREQUENCY))
    for word in sorted(words):
        tokenizer.add_word(word, freq=TERM_WORD_FREQUENCY)
    return tokenizer


# A token's place in the Simplified text it was cut from, and what it shows: (start, end, kind, pinyin, key)
Span = tuple[int, int, str, str, str]


def kind_of(word: str) -> str:
    """"word" if it has Chinese characters, "other" for Latin letters or digits, else "punct"."""
    if _HAN.search(word):
        return "word"
    return "other" if _LATIN_OR_DIGIT.search(word) else "punct"


class Annotator:
    """Segments essays of one corpus; work per distinct word is done once."""

    def __init__(self, glossary, readings: Readings, dictionary: Dictionary):
        self.glossary = glossary
        self.readings = readings
        self.dictionary = dictionary
        simplified_forms = {to_simplified(form, "hant") for form in glossary.surface_forms()}
        self._term_forms = frozenset(simplified_forms)
        self.segmenter = make_segmenter({form for form in simplified_forms if _HAN.search(form)},
                                        readings.checked_words())
        # a term's own checked reading (千行百业 qiānháng bǎiyè), where it is cut as one word
        self._term_readings = {to_simplified(headword, "hant"): term_reading(pinyin)
                               for headword, pinyin in glossary.readings().items()}
        self._keys: dict[str, str] = {}
        self._cut = lru_cache(maxsize=CUT_CACHE)(self._cut_simplified)
        self._simplified_editions: dict[tuple[str, int], dict[str, str]] = {}
        self._tokens: dict[tuple[str, str, str, str], Token] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._apart: dict[str, tuple[str, ...]] = {}

    def annotate(self, essay: Essay, edition: EditionName) -> AnnotatedEssay:
        """The essay (one edition of it) with every block's text as tokens and term matches."""
        known = self._simplified_edition(essay, edition)
        if not known:  # the words are cut from this edition's text: read its sentences at once
            self.readings.prepare(self._plain_simplified(essay, edition))
        inlines = {block.anchor: self.inlines(block.text, edition, known.get(block.anchor))
                   for block in essay.all_blocks()}
        title_inlines = self.inlines(essay.title, edition, known.get(_TITLE))
        return AnnotatedEssay(essay, edition, inlines, title_inlines=title_inlines)

    def _plain_simplified(self, essay: Essay, edition: EditionName) -> list[str]:
        """The Simplified texts between marks the essay's words are cut from, as ``inlines`` cuts them."""
        texts = [essay.title, *(block.text for block in essay.all_blocks())]
        return [self._simplified(piece.group(3), edition) for text in texts for piece in _PIECES.finditer(text)
                if piece.group(3)]

    def _simplified_edition(self, essay: Essay, edition: EditionName) -> dict[str, str]:
        """For a Traditional edition, the texts of its Simplified edition annotated before it, by anchor."""
        key = (essay.source_name, essay.index)
        if edition == "hant":
            return self._simplified_editions.get(key, {})
        texts = {block.anchor: block.text for block in essay.all_blocks()}
        texts[_TITLE] = essay.title
        self._simplified_editions.pop(key, None)
        self._simplified_editions[key] = texts
        if len(self._simplified_editions) > ESSAYS_REMEMBERED:
            del self._simplified_editions[next(iter(self._simplified_editions))]
        return {}

    def inlines(self, text: str, edition: EditionName, simplified: str | None = None) -> tuple[Inline, ...]:
        """One block's text as inlines: gaps, restorations, terms and plain tokens in order.

        ``simplified``: for a Traditional text, its Simplified edition's text, whose words it takes
        (ignored unless it is the same text in Simplified); by default it is converted.
        """
        if edition != "hant" or simplified is None or not same_text_in_simplified(text, simplified):
            simplified = None
        items: list[Inline] = []
        for piece in _PIECES.finditer(text):
            gap, restored, plain = piece.groups()
            if gap:
                items.append(Token(GAP, kind="gap"))
            elif plain:
                known = simplified[piece.start(3) : piece.end(3)] if simplified else None
                items.extend(self._plain(plain, edition, known))
            else:
                known = simplified[piece.start(2) : piece.end(2)] if simplified else None
                items.append(self._restored(restored or "", edition, known))
        return tuple(items)

    def _simplified(self, text: str, edition: EditionName, known: str | None = None) -> str:
        """The Simplified text the words of ``text`` are cut from: ``known`` (its Simplified edition's) if given."""
        if known is not None:
            return known
        simplified = to_simplified(text, "hant") if edition == "hant" else text
        # every OpenCC table is length-preserving; should that ever fail, cut the Simplified text
        return simplified if len(simplified) == len(text) else to_simplified(text, "hant")

    def _restored(self, word: str, edition: EditionName, known: str | None = None) -> Token:
        """An editor's restored word: glossed and read like any word, marked as restored."""
        simplified = self._simplified(word, edition, known)
        return Token(word, kind="restored", pinyin=self.readings.word(simplified), key=self._key(simplified))

    def _plain(self, text: str, edition: EditionName, known: str | None = None) -> list[Inline]:
        """Text without marks: glossary terms (segmented on their own), and tokens between them."""
        simplified = self._simplified(text, edition, known)
        if len(simplified) != len(text):
            text = simplified  # offsets cannot be carried over: show the Simplified cut as is
        items: list[Inline] = []
        for headword, spans in self._cut(simplified):
            tokens = [self._token(text[start:end], kind, pinyin, key) for start, end, kind, pinyin, key in spans]
            if headword:
                items.append(TermMatch(headword, tuple(tokens)))
            else:
                items.extend(tokens)
        return items

    def _token(self, text: str, kind: str, pinyin: str, key: str) -> Token:
        """One Token object per distinct word shown (tokens are immutable): a corpus repeats its words."""
        token = self._tokens.get((text, kind, pinyin, key))
        if token is None:
            token = self._tokens[text, kind, pinyin, key] = Token(text, kind, pinyin, key)
        return token

    def _cut_simplified(self, simplified: str) -> tuple[tuple[str, tuple[Span, ...]], ...]:
        """The cut of a Simplified text: (term headword or "", its spans) in order, the same for both editions."""
        pieces: list[tuple[str, tuple[Span, ...]]] = []
        done = 0
        for start, end, headword in self.glossary.find(simplified):
            pieces.append(("", self._words_and_names(simplified, done, start)))
            pieces.append((headword, self._term_spans(simplified, start, end)))
            done = end
        pieces.append(("", self._words_and_names(simplified, done, len(simplified))))
        return tuple(piece for piece in pieces if piece[0] or piece[1])

    def _words_and_names(self, simplified: str, start: int, end: int) -> tuple[Span, ...]:
        """``_spans`` of the text between terms, with the people's names of its lists (names.py)
        kept whole and read as names."""
        if "、" not in simplified[start:end]:
            return self._spans(simplified, start, end)
        spans: list[Span] = []
        done = start
        for name_start, name_end in listed_names(simplified[start:end], self._is_surname, self._is_known_word,
                                                 _tagged):
            name_start, name_end = start + name_start, start + name_end
            spans += self._spans(simplified, done, name_start)
            name = simplified[name_start:name_end]
            reading = name_reading(self._surname_reading(name[0]), self.readings.word(name[1:]))
            spans.append((name_start, name_end, "word", reading, self._key(name)))
            done = name_end
        return (*spans, *self._spans(simplified, done, end))

    def _is_known_word(self, word: str) -> bool:
        return bool(self.segmenter.FREQ.get(word))

    def _is_surname(self, character: str) -> bool:
        return bool(self.dictionary.surname_entries(character))

    def _surname_reading(self, character: str) -> str:
        """The surname's reading as CC-CEDICT gives it (曾 Zēng, not céng)."""
        return self.dictionary.surname_entries(character)[0].pinyin

    def _term_spans(self, simplified: str, start: int, end: int) -> tuple[Span, ...]:
        """A term as one word, or a long term as the ordinary words it is made of.

        A term that falls apart into single characters (新|质|生产力) is a coinage: it
        stays one word, read and glossed whole.
        """
        whole = self._spans(simplified, start, end)
        if len(whole) > 1 or end - start <= LONG_TERM:
            return self._read_as_term(simplified, start, whole)
        parts = self._spans(simplified, start, end, jieba.dt)
        singles = [span[1] - span[0] == 1 and span[2] == "word" for span in parts]
        if any(a and b for a, b in zip(singles, singles[1:], strict=False)):
            return whole
        return self._read_as_term(simplified, start, parts)

    def _read_as_term(self, simplified: str, start: int, spans: tuple[Span, ...]) -> tuple[Span, ...]:
        """A term shown as its parts, each part read with the term's own syllables (粤港澳|大湾|区
        reads Yuè-Gǎng-Ào Dàwānqū as the glossary does, 大湾 Dàwān, not dàwān): the parts, the term's
        box and the words' boxes agree. Unchanged where the term has no reading of its own."""
        end = spans[-1][1] if spans else start
        reading = self._term_readings.get(simplified[start:end])
        syllables = split_syllables(simplified[start:end], reading) if reading and len(spans) > 1 else None
        if syllables is None:
            return spans
        han = [at for at in range(start, end) if _HAN.match(simplified[at])]
        by_place = dict(zip(han, syllables, strict=True))
        read = []
        for begin, stop, kind, pinyin, key in spans:
            own = [by_place[at] for at in range(begin, stop) if at in by_place]
            read.append((begin, stop, kind, join_syllables(own) if kind == "word" and own else pinyin, key))
        return tuple(read)

    def _spans(self, simplified: str, start: int, end: int, segmenter: jieba.Tokenizer | None = None
               ) -> tuple[Span, ...]:
        """jieba's cut of ``simplified[start:end]`` as spans of the whole text; punctuation runs merged.

        ``segmenter`` defaults to the one that knows the glossary's terms as words.
        """
        spans: list[Span] = []
        offset = start
        words = [piece for word in (segmenter or self.segmenter).cut(simplified[start:end], HMM=False)
                 for piece in self._function_word_apart(word)]
        for word, reading in zip(words, self.readings.in_text(simplified, start, words), strict=True):
            begin, offset = offset, offset + len(word)
            kind = kind_of(word)
            if kind == "punct" and spans and spans[-1][2] == "punct":
                spans[-1] = (spans[-1][0], offset, "punct", "", "")
            elif kind == "word":
                # a term's or a checked word's reading is written as the editor wrote it (兴城 in
                # 产业兴城 is "makes the city thrive", not the city CC-CEDICT and jieba know)
                reading = self._term_readings.get(word) or (
                    reading if word in self.readings.overrides else self._as_name(word, reading))
                spans.append((begin, offset, "word", reading, self._key(word)))
            else:
                spans.append((begin, offset, kind, "", ""))
        return tuple(spans)

    def _function_word_apart(self, word: str) -> tuple[str, ...]:
        """jieba's dictionary holds phrases its corpus glued to a preposition, conjunction or adverb
        (对外部, 在城镇, 并建, 特别是在, 还要): CC-CEDICT has no entry for them, so a reader got a
        gloss pieced from parts. Such a word is cut into the function word and the word CC-CEDICT
        knows. Terms and checked words (为人民) stay whole."""
        found = self._apart.get(word)
        if found is None:
            found = (word,)
            if (len(word) >= 2 and word not in self.dictionary and word not in self._term_forms
                    and word not in self.readings.overrides):
                if word[0] in FUNCTION_CHARACTERS and word[1:] in self.dictionary:
                    found = (word[0], word[1:])
                elif word[-1] in FUNCTION_CHARACTERS and word[:-1] in self.dictionary:
                    found = (word[:-1], word[-1])
            self._apart[word] = found
        return found

    def _as_name(self, simplified_word: str, reading: str) -> str:
        """A name's reading capitalised as pinyin writes names (Běijīng, Xí Jìnpíng, Cháng Jiāng):
        for a word CC-CEDICT knows only as a name and jieba's dictionary tags as one (a person,
        place or organisation), each syllable CC-CEDICT capitalises is capitalised. Both must
        agree: CC-CEDICT lists 互联网 as the Internet and 兴业 as a county, which the essays
        use as common words."""
        found = self._names.get((simplified_word, reading))
        if found is None:
            found = self._names[simplified_word, reading] = _capitalised(
                simplified_word, reading, self.dictionary.lookup(simplified_word))
        return found

    def _key(self, simplified_word: str) -> str:
        """The word itself if the dictionary can gloss it (own entry or its parts), else ""."""
        key = self._keys.get(simplified_word)
        if key is None:
            glossed = bool(self.dictionary.entries_for(simplified_word))
            key = self._keys[simplified_word] = simplified_word if glossed else ""
        return key


def _tagged(text: str) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their part-of-speech tags, its model finding words it does not know."""
    import jieba.posseg

    return [(pair.word, pair.flag) for pair in jieba.posseg.dt.cut(text)]


# jieba's part-of-speech tags of names: people (nr, nrfg, nrt), places (ns), organisations (nt),
# other proper nouns (nz)
NAME_TAGS = ("nr", "ns", "nt", "nz")


def name_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each word of its dictionary (loaded once, with jieba.posseg)."""
    import jieba.posseg

    jieba.posseg.dt.tokenizer.check_initialized()
    return jieba.posseg.dt.word_tag_tab


def _capitalised(word: str, reading: str, entries) -> str:
    """``reading`` with the capitals of the dictionary's reading of ``word``, if every entry of
    the word is a name, jieba's dictionary tags it as one, and an entry has this reading; else
    ``reading`` as it is."""
    if not entries or not all(entry.proper_noun for entry in entries):
        return reading
    if not name_tags().get(word, "").startswith(NAME_TAGS):  # jieba's tags, loaded only for a name
        return reading
    syllables = split_syllables(word, reading)
    if syllables is None:
        return reading
    for entry in entries:
        written = entry.pinyin.split(" ")
        if [syllable.lower() for syllable in written] == [syllable.lower() for syllable in syllables]:
            return join_syllables([mine.capitalize() if theirs[:1].isupper() else mine
                                   for mine, theirs in zip(syllables, written, strict=True)])
    return reading
