"""Both scripts done right: the Simplified (hans) and Traditional (hant) editions of an essay.

Conversion goes through OpenCC's own tables (opencc-python-reimplemented), and every
table OpenCC uses is length-preserving, so character ``i`` of an edition is character
``i`` of the seed.  That lets the script stage keep what a Traditional seed wrote:

* A Traditional seed is never round-tripped through Simplified (that would merge
  乾/幹/干, 後/后, 髮/發, 臺/台/颱).  Only variant forms become OpenCC's standard ones
  (産 -> 產, 為 -> 爲, 裡 -> 裏, 著 -> 着 where it reads zhe) and stray Simplified
  characters (并 -> 並, 于 -> 於) become Traditional.
* A Simplified seed goes to Traditional by phrase (头发 -> 頭髮, 发展 -> 發展).  Where a
  character has several Traditional forms and no phrase decided it, the choice is
  flagged in the essay's report so an editor can check it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import opencc

from .conversion import PIECE_CACHE, converter, longest_leftmost
from .model import Aside, Block, Change, EditionName, Essay, Quote

_T2S = converter("t2s")
# The Taiwan-standard reading also turns 著 into 着 where it reads zhe, with phrase
# exceptions (著名, 顯著); otherwise it is t2s.
_TW2S = converter("tw2s")
# The Traditional edition follows the Taiwan standard (為, 著, 裡, 眾, 啟): the forms the
# Traditional seeds themselves write, and those most Traditional readers expect;
# OpenCC's own standard (爲, 着, 裏, 衆, 啓) would rewrite a Traditional writer's 為 everywhere.
_S2T = converter("s2tw")
OPENCC_DICTIONARIES = Path(opencc.__file__).resolve().parent / "dictionary"


class _Tables:
    """OpenCC's character and phrase tables, read once from the installed package."""

    def __init__(self):
        self.to_traditional = _read_table("STCharacters")  # Simplified char -> its Traditional forms
        self.to_simplified = _read_table("TSCharacters")
        self.phrases = _read_table("STPhrases")
        self.longest_phrase = max(map(len, self.phrases))
        # for each first character, the lengths of the phrases it starts, longest first
        self.phrase_lengths = _lengths_by_first(self.phrases)
        # OpenCC's standard form of Taiwan variants (裡 -> 裏, 為 -> 爲, 著 -> 着)
        self.variant_standard = {key: forms[0] for key, forms in _read_table("TWVariantsRev").items()}
        # OpenCC's standard form -> the Taiwan standard form (爲 -> 為, 着 -> 著, 裏 -> 裡)
        self.taiwan_form = {key: forms[0] for key, forms in _read_table("TWVariants").items()}
        # characters one script never writes: their conversion never keeps them as they are
        self.traditional_only = _never_kept(self.to_simplified) - frozenset(self.to_traditional)
        self.simplified_only = _never_kept(self.to_traditional) - frozenset(self.to_simplified)

    def traditional_forms(self, simplified: str) -> list[str]:
        """The Traditional characters OpenCC allows for one Simplified character, most usual first."""
        return self.to_traditional.get(simplified, [simplified])


def _never_kept(table: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(key for key, forms in table.items() if key not in forms)


def _lengths_by_first(table: dict[str, list[str]]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for key in table:
        if len(key) > 1:
            lengths.setdefault(key[0], set()).add(len(key))
    return {char: tuple(sorted(sizes, reverse=True)) for char, sizes in lengths.items()}


def _read_table(name: str) -> dict[str, list[str]]:
    table = {}
    with open(OPENCC_DICTIONARIES / f"{name}.txt", encoding="utf-8") as lines:
        for line in lines:
            key, values = line.rstrip("\n").split("\t")
            table[key] = values.split(" ")
    return table


TABLES = _Tables()
_SEPARATORS = _S2T.split_chars_re  # OpenCC never lets a phrase run across these


def phrase_covered(text: str) -> list[bool]:
    """For each character, whether OpenCC's s2t converts it as part of a phrase.

    Mirrors OpenCC's matching: within each run between separators, the longest
    phrase found (leftmost among equals) is taken, then the text left and right of
    it is searched the same way with phrases no longer than that one. Each run is
    matched once however many texts it appears in.
    """
    return _covered(len(text), phrase_spans(text))


def _covered(size: int, spans: list[tuple[int, int]]) -> list[bool]:
    covered = [False] * size
    for start, end in spans:
        covered[start:end] = [True] * (end - start)
    return covered


def phrase_spans(text: str) -> list[tuple[int, int]]:
    """Where OpenCC's s2t matches a phrase in ``text``: (start, end) of each, in order."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for piece in _SEPARATORS.split(text):
        spans.extend((offset + start, offset + end) for start, end in _piece_phrases(piece))
        offset += len(piece)
    return spans


@lru_cache(maxsize=PIECE_CACHE)
def _piece_phrases(piece: str) -> tuple[tuple[int, int], ...]:
    """The phrases OpenCC's phrase matching takes in one run between separators, in order.

    The phrases found at each position are looked up once; then each stretch still to match
    is scanned for its longest phrase (the leftmost of equals), and the stretches left and right
    of it are matched the same way with phrases no longer than it. A scan stops at the first
    phrase as long as its stretch allows, so a long run costs time in proportion to its length
    (a line of a million characters without punctuation is one run).
    """
    size_of = len(piece)
    phrases, lengths = TABLES.phrases, TABLES.phrase_lengths
    padded = piece + "\x00" * TABLES.longest_phrase  # no phrase holds U+0000: a slice past the end never matches
    found_at: list[list[int]] = []
    for at, char in enumerate(piece):
        sizes = lengths.get(char)
        found_at.append([size for size in sizes if padded[at : at + size] in phrases] if sizes else [])
    spans = []
    pending = [(0, size_of, TABLES.longest_phrase)]
    while pending:
        low, high, longest = pending.pop()
        best, start = longest_leftmost(found_at, low, high, min(longest, high - low), shortest=2)
        if not best:
            continue
        spans.append((start, start + best))
        if low < start:
            pending.append((low, start, best))
        if start + best < high:
            pending.append((start + best, high, best))
    return tuple(sorted(spans))


def phrase_conversion(simplified: str) -> tuple[str, list[bool]]:
    """The s2t(w) conversion of a Simplified text, and which characters a phrase decided, with
    OpenCC's phrases held to word boundaries.

    OpenCC matches its phrases anywhere in a run of characters, so a phrase can straddle two
    words: 配制 in 分配|制度 wrote 分配製度, 加注 in 更加|注重 wrote 更加註重, 明了 in 指明|了 wrote
    指明瞭. A phrase that starts or ends inside a word (jieba's cut, the words a long word is
    made of counted as words: 分配制度 is 分配 and 制度, and 配制 starts inside 分配) is set aside,
    and its characters take their own conversion, as no phrase had decided them.
    """
    converted = _S2T.convert(simplified)
    spans = phrase_spans(simplified)
    covered = _covered(len(simplified), spans)
    # Only a phrase that writes something its characters alone would not, or decides a merged
    # character, can be wrong; each is checked against the words around it (a window of the
    # text, cut alone), not the whole text: cutting every text would cost as much as annotating it.
    straddling = [(start, end) for start, end in spans if _decides(simplified[start:end], converted[start:end])
                  and _straddles(simplified, start, end)]
    if not straddling:
        return converted, covered
    chars = list(converted)
    for start, end in straddling:
        for index in range(start, end):
            alone = _alone(simplified[index])
            if len(alone) == 1:  # every OpenCC table keeps lengths; if one ever does not, keep OpenCC's
                chars[index] = alone
            covered[index] = False
    return "".join(chars), covered


WINDOW = 8  # characters either side of a phrase that the words around it are cut from


def _decides(phrase: str, written: str) -> bool:
    """Whether a phrase match matters: it writes other characters than each would alone, or it
    covers a character with several Traditional forms (which the report flags when uncovered)."""
    return any(char in MERGED_CHARACTERS for char in phrase) or written != "".join(map(_alone, phrase))


@lru_cache(maxsize=PIECE_CACHE)
def _alone(char: str) -> str:
    return _S2T.convert(char)


def _straddles(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``text[start:end]`` starts or ends inside a word (or inside one of
    the words a long word is made of), as jieba cuts the text around it."""
    low = max(0, start - WINDOW)
    bounds = _word_bounds(text[low:end + WINDOW])
    return start - low not in bounds or end - low not in bounds


@lru_cache(maxsize=PIECE_CACHE)
def _word_bounds(text: str) -> frozenset[int]:
    """Where jieba's words of ``text`` (and the parts of its long words) start and end."""
    bounds, offset = {0}, 0
    for word in word_cutter().cut(text, HMM=False):
        for part in _parts(word):  # 结构复杂 is one word, and 复杂 one of its parts
            bounds.update((offset + part[0], offset + part[1]))
        offset += len(word)
        bounds.add(offset)
    return frozenset(bounds)


@lru_cache(maxsize=PIECE_CACHE)
def _parts(word: str) -> tuple[tuple[int, int], ...]:
    """The words a long word is made of (分配制度: 分配|制度; 结构复杂: 结构|复杂): jieba's best cut
    of it with the whole word itself left out of its dictionary."""
    if len(word) < 3:
        return ()
    tokenizer = word_cutter().dt
    tokenizer.check_initialized()
    graph = tokenizer.get_DAG(word)
    graph[0] = [end for end in graph[0] if end != len(word) - 1] or [0]
    route: dict = {}
    tokenizer.calc(word, graph, route)
    parts, at = [], 0
    while at < len(word):
        end = route[at][1] + 1
        parts.append((at, end))
        at = end
    return tuple(parts)


@lru_cache(maxsize=1)
def word_cutter():
    """jieba's default tokenizer, loaded once (quietly) for holding phrases to word boundaries."""
    from .structure.text import jieba_module

    return jieba_module()


# Characters OpenCC accepts as Traditional (as rare proper names) but that in running
# Traditional text are nearly always a Simplified character left in by the writer.
# 台/干/后/里/面/系 are deliberately absent: Traditional text uses them in their own right.
SIMPLIFIED_IN_PRACTICE = frozenset("于万广厂种确据适胜极党价叶愿获尸虫听云")

# Characters Traditional writers use in their own right where OpenCC's phrases prefer another
# form: 台灣, 台積電, 新台幣 in Taiwan and Hong Kong; 發布, 布局, 分布 (the Taiwan Ministry of
# Education's standard forms, where OpenCC writes 佈); and 周 before a weekday (周二, 周末)
# beside 週二. A Traditional seed keeps them as written; 周期 still becomes the standard 週期.
TRADITIONAL_IN_PRACTICE = frozenset("台布")
WEEKDAY_AFTER_ZHOU = frozenset("一二三四五六日末")


def kept_as_written(text: str, index: int) -> bool:
    """True for a character of a Traditional text that is standard as the writer used it (台灣, 周二)."""
    char = text[index]
    if char in TRADITIONAL_IN_PRACTICE:
        return True
    return char == "周" and index + 1 < len(text) and text[index + 1] in WEEKDAY_AFTER_ZHOU

# Simplified characters that stand for several common Traditional ones (一简对多繁).
# OpenCC lists more alternatives (了/瞭, 向/嚮) whose rarer form almost never applies;
# only these are worth an editor's look when no phrase decided them.
MERGED_CHARACTERS = frozenset(
    "发后干台里面系复钟历范松获尽汇冲制斗丑准几卷余郁云征只咸蒙谷须胡划伙借困采"
    "板表别卜当党淀吊荡恶丰坛团御愿脏折症致朴仆舍沈升术叶周布占涌"
)

CONTEXT = 2  # characters either side of a flagged character, to show it in context


@dataclass(frozen=True)
class Note:
    """One thing the conversion of a text did that an editor may want to see."""

    kind: str  # "ambiguous" (decided by character) or "variant" (normalised form)
    char: str  # the character as written (for a "regional" note, the word)
    chosen: str  # what the edition shows
    context: str  # the character with its neighbours, as written


def detect_script(text: str) -> EditionName:
    """"hant" if the text has more Traditional-only than Simplified-only characters."""
    traditional = sum(1 for char in text if char in TABLES.traditional_only)
    simplified = sum(1 for char in text if char in TABLES.simplified_only)
    return "hant" if traditional > simplified else "hans"


def to_simplified(text: str, script: EditionName) -> str:
    """The Simplified edition of a text written in ``script``."""
    return _TW2S.convert(text) if script == "hant" else _T2S.convert(text)


def _simplified_forms() -> dict[str, frozenset[str]]:
    """Each Traditional or variant character -> the Simplified characters OpenCC may write for it."""
    forms = {char: set(values) for char, values in TABLES.to_simplified.items()}
    for variant, standard in TABLES.variant_standard.items():  # 著 -> 着, 裡 -> 裏 -> 里
        forms.setdefault(variant, set()).update({standard, *TABLES.to_simplified.get(standard, ())})
    return {char: frozenset(values) for char, values in forms.items()}


_SIMPLIFIED_FORMS = _simplified_forms()


def same_text_in_simplified(traditional: str, simplified: str) -> bool:
    """True when ``simplified`` is ``traditional`` written in Simplified: the same length, and each
    character the Traditional one or one of its Simplified forms (附著 and 附着, 批覆 and 批复)."""
    if len(traditional) != len(simplified):
        return False
    return traditional == simplified or all(
        t == s or s in _SIMPLIFIED_FORMS.get(t, ()) for t, s in zip(traditional, simplified, strict=True)
    )


def _context(text: str, index: int) -> str:
    return text[max(0, index - CONTEXT) : index + CONTEXT + 1]


def _standard_form(char: str, simplified: str, by_phrase: str) -> str:
    """The standard Traditional character for a variant ``char`` whose Simplified form is ``simplified``."""
    candidates = TABLES.traditional_forms(simplified)
    preferred = TABLES.variant_standard.get(char)
    if preferred in candidates:
        return preferred
    return by_phrase if by_phrase in candidates else candidates[0]


def normalise_traditional(text: str) -> tuple[str, list[Note]]:
    """A Traditional text with variants and stray Simplified characters made standard, nothing else."""
    simplified = _TW2S.convert(text)
    by_phrase, covered = phrase_conversion(simplified)
    chars = list(text)
    notes = []
    for index, char in enumerate(text):
        candidates = TABLES.traditional_forms(simplified[index])
        # A character written in its Simplified form where OpenCC's phrase table (or
        # everyday usage) wants another Traditional form was left in by the writer:
        # 制造 -> 製造, 规范 -> 規範; 萬里 and 皇后 match no such phrase and stay. Only
        # characters that really merged several Traditional ones count: OpenCC's phrase
        # 明了 -> 明瞭 must not turn a Traditional writer's 指明了方向 into 指明瞭.
        stray = (
            not kept_as_written(text, index)
            and char == simplified[index]
            and by_phrase[index] != char
            and ((covered[index] and char in MERGED_CHARACTERS) or char in SIMPLIFIED_IN_PRACTICE)
        )
        # The other Traditional form of a merged character where a phrase decides which one:
        # 盡管 -> 儘管, 復雜 -> 複雜, 重復 -> 重複 (盡 and 復 are Traditional characters too).
        stray = stray or (
            not kept_as_written(text, index)
            and covered[index]
            and simplified[index] in MERGED_CHARACTERS
            and by_phrase[index] != char
            and by_phrase[index] in candidates
        )
        if char in candidates and not stray:
            continue  # a Traditional character in its own right: keep the writer's choice
        chosen = by_phrase[index] if stray else _standard_form(char, simplified[index], by_phrase[index])
        chosen = TABLES.taiwan_form.get(chosen, chosen)
        if chosen != char:
            chars[index] = chosen
            notes.append(Note("variant", char, chosen, _context(text, index)))
    return "".join(chars), notes


def simplified_to_traditional(text: str) -> tuple[str, list[Note]]:
    """s2t by phrase, noting each character with several Traditional forms that no phrase decided."""
    converted, covered = phrase_conversion(text)
    notes = [
        Note("ambiguous", char, converted[index], _context(text, index))
        for index, char in enumerate(text)
        if char in MERGED_CHARACTERS and not covered[index]
    ]
    return converted, notes


# Taiwan words OpenCC's TWPhrasesRev gives a mainland form for, that mainland writing also uses
# in their own right (社群 "community", 进阶 "advanced", 资讯 "news", 专案 "special case"):
# the Simplified edition keeps them as written.
MAINLAND_USES_TOO = frozenset({"社群", "进阶", "资讯", "讯息", "检视", "存取", "专案", "尤拉", "数位"})
MAINLAND_RATIO = 20  # the mainland form is this many times as frequent in jieba's (mainland) dictionary


@lru_cache(maxsize=1)
def _mainland_forms() -> dict[str, str]:
    """Taiwan word (in Simplified script) -> the mainland word, for the words of OpenCC's
    TWPhrasesRev of the same length whose mainland form jieba's dictionary, built from
    mainland text, knows far better (软体 -> 软件, 透过 -> 通过, 晶片 -> 芯片, 网路 -> 网络)."""
    tokenizer = word_cutter().dt
    tokenizer.check_initialized()
    frequency = tokenizer.FREQ
    forms = {}
    for key, values in _read_table("TWPhrasesRev").items():
        taiwan, mainland = _T2S.convert(key), _T2S.convert(values[0])
        if (len(taiwan) == len(mainland) and taiwan != mainland and taiwan not in MAINLAND_USES_TOO
                and frequency.get(mainland, 0) >= MAINLAND_RATIO * max(frequency.get(taiwan, 0), 1)):
            forms[taiwan] = mainland
    return forms


def mainland_words(simplified: str) -> tuple[str, list[Note]]:
    """A Simplified text converted from Taiwan Traditional with Taiwan words in their mainland
    form, where the word stands as a word of its own (jieba's cut): 软体 -> 软件, not the 软体 of
    软体动物. Lengths are kept, so the two editions' words stay aligned."""
    forms = _mainland_forms()
    if not any(word in simplified for word in forms):
        return simplified, []
    parts, notes = [], []
    for word in word_cutter().cut(simplified, HMM=False):
        mainland = forms.get(word)
        if mainland:
            notes.append(Note("regional", word, mainland, word))
        parts.append(mainland or word)
    return "".join(parts), notes


def to_traditional(text: str, script: EditionName) -> tuple[str, list[Note]]:
    """The Traditional edition of a text written in ``script``, with notes for the report."""
    if script == "hant":
        return normalise_traditional(text)
    return simplified_to_traditional(_T2S.convert(text))


def stray_traditional(text: str) -> list[Note]:
    """Characters t2s changes in a Simplified text: Traditional or variant forms left in it."""
    converted = _T2S.convert(text)
    return [
        Note("variant", char, converted[index], _context(text, index))
        for index, char in enumerate(text)
        if converted[index] != char
    ]


def report_changes(notes: list[tuple[tuple[int, ...], Note]], script: EditionName) -> tuple[Change, ...]:
    """Notes folded into report entries: one per flagged word in context, one per variant character."""
    flagged: dict[tuple[str, str, str], list[int]] = {}
    variants: dict[tuple[str, str], list[int]] = {}
    counts: Counter = Counter()
    regional: dict[tuple[str, str], list[int]] = {}
    for lines, note in notes:
        if note.kind == "ambiguous":
            flagged.setdefault((note.char, note.chosen, note.context), []).extend(lines)
        elif note.kind == "regional":
            regional.setdefault((note.char, note.chosen), []).extend(lines)
            counts[note.char, note.chosen] += 1
        else:
            variants.setdefault((note.char, note.chosen), []).extend(lines)
            counts[note.char, note.chosen] += 1
    changes = [
        Change(
            rule="convert_script",
            action="flagged",
            lines=_sorted_lines(lines),
            text=context,
            result=context.replace(char, chosen),
            why=f"{char} could be {' or '.join(TABLES.traditional_forms(char))}; chose {chosen} by character",
        )
        for (char, chosen, context), lines in flagged.items()
    ]
    edition = "Traditional" if script == "hant" else "Simplified"
    changes += [
        Change(
            rule="normalise_variants",
            action="repaired",
            lines=_sorted_lines(lines),
            text=char,
            result=chosen,
            why=f"{char} written as the standard {edition} {chosen} ({_times(counts[char, chosen])})",
        )
        for (char, chosen), lines in variants.items()
    ]
    changes += [
        Change(
            rule="mainland_vocabulary",
            action="repaired",
            lines=_sorted_lines(lines),
            text=word,
            result=chosen,
            why=f"the Taiwan word {word} written as the mainland {chosen} in the Simplified edition "
                f"({_times(counts[word, chosen])}); the Traditional edition keeps the Taiwan word",
        )
        for (word, chosen), lines in regional.items()
    ]
    return tuple(changes)


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _sorted_lines(lines: list[int]) -> tuple[int, ...]:
    return tuple(sorted(set(lines)))


class _EditionMaker:
    """Converts every text field of one essay, remembering notes by the source lines they came from."""

    def __init__(self, essay: Essay):
        self.script = essay.script
        self.notes: list[tuple[tuple[int, ...], Note]] = []
        self.lines = essay.lines

    def hans(self, text: str, lines: tuple[int, ...] = ()) -> str:
        if self.script == "hans":
            self.notes.extend((lines or self.lines, note) for note in stray_traditional(text))
            return to_simplified(text, self.script)
        simplified, notes = mainland_words(to_simplified(text, self.script))
        self.notes.extend((lines or self.lines, note) for note in notes)
        return simplified

    def hant(self, text: str, lines: tuple[int, ...] = ()) -> str:
        converted, notes = to_traditional(text, self.script)
        self.notes.extend((lines or self.lines, note) for note in notes)
        return converted


def _convert_block(block: Block, convert) -> Block:
    """The block with its text (and attribution, aside title and children) converted."""
    fields = {"text": convert(block.text, block.lines)}
    if isinstance(block, Quote):
        fields["attribution"] = convert(block.attribution, block.lines)
    if isinstance(block, Aside):
        fields["title"] = convert(block.title, block.lines)
        fields["children"] = tuple(_convert_block(child, convert) for child in block.children)
    return replace(block, **fields)


def _convert_essay(essay: Essay, convert) -> Essay:
    """Every text field of the essay through ``convert(text, lines)``; anchors and lines kept."""
    return replace(
        essay,
        title=convert(essay.title, ()),
        authors=tuple(convert(author, ()) for author in essay.authors),
        author_note=convert(essay.author_note, ()),
        source_note=convert(essay.source_note, ()),
        credits=tuple(convert(credit, ()) for credit in essay.credits),
        blocks=tuple(_convert_block(block, convert) for block in essay.blocks),
    )


def make_editions(essay: Essay) -> dict[EditionName, Essay]:
    """The essay in both scripts; both carry the whole report, the script stage's entries last."""
    maker = _EditionMaker(essay)
    hans = _convert_essay(essay, maker.hans)
    hant = _convert_essay(essay, maker.hant)
    changes = essay.changes + report_changes(maker.notes, essay.script)
    return {"hans": replace(hans, changes=changes), "hant": replace(hant, changes=changes)}

