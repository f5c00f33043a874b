"""Readings: each character's pinyin as it is read in its sentence.

A character's reading is decided, in this order, by:

1. the project's checked readings (site_gen/data/pinyin_overrides.tsv: 重塑 is chóngsù, not
   zhòngsù, each with the reason) for a word of two or more characters, and a glossary term's
   own reading where the term is cut as one word (the annotator applies it);
2. pypinyin's phrase data, for a word of two or more characters it lists (为了 wèile, 各地 gèdì);
3. word-order rules for a lone 为, 地, 得, 长 or 重 (``WORD_ORDER_RULES``: 以人民为中心 wéi,
   为企业提供 wèi; 积极地 de, 多地 dì), which the context model reads wrong in essays;
4. the context model (``site_gen.polyphones``) for a character it knows to have several
   readings, in a word none of those decides, inside a phrase pypinyin lists only where the
   phrase does not decide it;
5. otherwise pypinyin's reading of the word.

Words that need no context are read once per corpus; the model runs an essay's sentences at
once (``Readings.prepare``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, pinyin
from pypinyin.constants import PHRASES_DICT
from pypinyin.contrib.tone_convert import to_tone

from .config import PACKAGE_DATA
from .errors import ConfigError

OVERRIDES = PACKAGE_DATA / "pinyin_overrides.tsv"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# tone-marked pinyin; a name's syllables start with a capital (ZìjiéTiàodòng)
_PINYIN = re.compile(r"^[a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüĀÁǍÀĒÉĚÈŌÓǑÒ']+$")
# A sentence ends after these: the context the model reads a character in
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")
SENTENCES_REMEMBERED = 20_000  # the model's readings kept between essays (titles and phrases repeat)


def load_overrides(path: Path = OVERRIDES) -> dict[str, str]:
    """word -> reading from an overrides file (word<TAB>pinyin<TAB>why; # starts a comment)."""
    overrides: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[2].strip():
            raise ConfigError("expected word<TAB>pinyin<TAB>why", path, number)
        word, reading, _why = fields
        if not _HAN.search(word) or not _PINYIN.match(reading):
            expected = "expected Chinese characters and tone-marked pinyin"
            raise ConfigError(f"{word!r} / {reading!r}: {expected}", path, number)
        if word in overrides:
            raise ConfigError(f"{word} is listed twice", path, number)
        overrides[word] = reading
    return overrides


def _starts_with_vowel(syllable: str) -> bool:
    """True when the syllable starts with a, o or e, tone mark or not (where pinyin needs an apostrophe)."""
    base = unicodedata.normalize("NFD", syllable[:1])[:1]
    return base in ("a", "o", "e")


def join_syllables(syllables: list[str]) -> str:
    """Syllables joined as pinyin orthography writes a word: an apostrophe before a, o, e (fāng'àn)."""
    word = ""
    for syllable in syllables:
        if word and _starts_with_vowel(syllable):
            word += "'"
        word += syllable
    return word


def split_syllables(word: str, reading: str) -> list[str] | None:
    """A word's tone-marked reading (``chóngsù``, ``fāng'àn``, ``ChángSānjiǎo``) split into one
    syllable per Han character, by the readings each character can have (pypinyin's), capitals
    kept (a name's); None when it cannot be."""
    found = split_syllables_and_rest(word, reading)
    return found[0] if found and not found[1] else None


def split_syllables_and_rest(word: str, reading: str) -> tuple[list[str], str] | None:
    """``split_syllables``, and what is left of the reading after the last character's syllable:
    the reading of a sign the glossary reads aloud (人工智能+ réngōng zhìnéng jiā: "jiā")."""
    written = unicodedata.normalize("NFC", reading.replace("'", "").replace(" ", "").replace("-", ""))
    lower = written.lower()  # tone-marked letters keep their length in lower case
    found: list[str] = []
    at = 0
    for character in _HAN.findall(word):
        options = sorted(_readings_of(character), key=len, reverse=True)
        match = next((option for option in options if lower.startswith(option, at)), None)
        if match is None:
            return None
        found.append(written[at:at + len(match)])
        at += len(match)
    return found, written[at:]


@lru_cache(maxsize=None)
def _readings_of(character: str) -> tuple[str, ...]:
    """The readings a character can have, each also in the neutral tone (弟弟 dìdi, 姥姥 lǎolao)."""
    marked = pinyin(character, style=Style.TONE, heteronym=True)[0]
    return tuple(dict.fromkeys([*marked, *(_toneless(reading) for reading in marked)]))


def _toneless(reading: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", reading)
                                                if c not in _TONE_MARKS))


_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def syllable_order(syllable: str) -> str:
    """A syllable as it sorts in a dictionary: its letters (ü as u), then its tone (``chǎn`` -> ``chan3``;
    the neutral tone, 5, last)."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tone = next((_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS), "5")
    return "".join(c for c in decomposed if not unicodedata.combining(c)) + tone


class Readings:
    """Pinyin for Simplified words, each character in the context of its sentence; loads its data once."""

    def __init__(self, overrides: dict[str, str] | None = None, model=None):
        self.overrides = load_overrides() if overrides is None else overrides
        self._model = model  # the context model, loaded when first needed
        self._cache: dict[str, str] = {}
        self._decided: dict[str, bool] = {}
        self._sentences: dict[str, tuple[str | None, ...]] = {}
        self._last_text: tuple[str, tuple[str | None, ...]] = ("", ())

    def checked_words(self) -> set[str]:
        """The checked words of two or more characters: the segmenter must cut them as words (调优)."""
        return {word for word in self.overrides if len(word) > 1}

    @property
    def model(self):
        if self._model is None:
            from .polyphones import PolyphoneModel  # numpy and the weights: only once a text is read

            self._model = PolyphoneModel()
        return self._model

    def word(self, simplified_word: str) -> str:
        """Tone-marked pinyin of one word out of context ("fāzhǎn"); "" when it has no Chinese characters."""
        reading = self._cache.get(simplified_word)
        if reading is None:
            reading = self._cache[simplified_word] = self._read(simplified_word)
        return reading

    def _read(self, simplified_word: str) -> str:
        """The reading from the override list, else pypinyin's, first choice per syllable."""
        if simplified_word in self.overrides:
            return self.overrides[simplified_word]
        if not _HAN.search(simplified_word):
            return ""
        # errors="ignore" drops Latin letters and digits inside a mixed word (5G基站)
        syllables = [options[0] for options in pinyin(simplified_word, style=Style.TONE, errors="ignore")]
        return join_syllables(syllables)

    def decided(self, simplified_word: str) -> bool:
        """Whether the word's reading is the same in every sentence (rules 1, 2 and 4 above)."""
        known = self._decided.get(simplified_word)
        if known is None:
            known = self._decided[simplified_word] = self._is_decided(simplified_word)
        return known

    def _is_decided(self, word: str) -> bool:
        polyphonic = any(char in self.model.polyphonic for char in word)
        if not polyphonic or not _HAN.search(word):
            return True
        return len(word) > 1 and (word in self.overrides or word in PHRASES_DICT)

    def prepare(self, texts) -> None:
        """Reads every sentence of ``texts`` with the context model at once: a batch costs far
        less per sentence than one sentence at a time. Call it with an essay's texts before
        asking for their words' readings."""
        if len(self._sentences) > SENTENCES_REMEMBERED:
            self._sentences.clear()
        new = list(dict.fromkeys(sentence for text in texts for sentence in _SENTENCE_END.split(text)
                                 if sentence and sentence not in self._sentences))
        self._sentences.update(zip(new, self.model.read(new), strict=True))

    def _context(self, text: str) -> tuple[str | None, ...]:
        """The model's reading of each character of ``text`` (None where it has nothing to decide)."""
        if self._last_text[0] == text:
            return self._last_text[1]
        sentences = [sentence for sentence in _SENTENCE_END.split(text) if sentence]
        unread = [sentence for sentence in sentences if sentence not in self._sentences]
        if unread:
            self.prepare(unread)
        context = tuple(reading for sentence in sentences for reading in self._sentences[sentence])
        self._last_text = (text, context)
        return context

    def in_text(self, text: str, start: int, words: list[str]) -> list[str]:
        """The readings of ``words``, which follow one another in ``text`` from ``start``."""
        readings, offset = [], start
        for at, word in enumerate(words):
            rule = WORD_ORDER_RULES.get(word)
            reading = LONE_READINGS.get(word)
            if rule:
                before = words[at - 1] if at else text[offset - 1:offset]
                after = words[at + 1] if at + 1 < len(words) else text[offset + 1:offset + 2]
                reading = rule(text, offset, before, after)
            if reading:
                readings.append(reading)
            elif self.decided(word):
                readings.append(self.word(word))
            else:
                readings.append(self._in_context(word, self._context(text)[offset:offset + len(word)]))
            offset += len(word)
        return readings

    def _in_context(self, word: str, numbered: tuple[str | None, ...]) -> str:
        """The word's reading with each polyphonic character read as the model read it in its sentence."""
        whole = self.word(word)
        syllables = split_syllables(word, whole)
        han = [at for at, char in enumerate(word) if _HAN.match(char)]
        if syllables is None or len(syllables) != len(han):
            return whole
        in_phrase = _inside_phrases(word)
        for place, at in enumerate(han):
            if numbered[at] and not in_phrase[at]:
                syllables[place] = tone_marked(numbered[at])
        # A word of three or more characters pypinyin does not list that ends in 率 names a rate
        # (城镇化率, 转化率, 市场占有率):
        # lǜ. The words where it is shuài (表率, 坦率, 率先) are listed, and decided before this.
        if word.endswith("率") and len(han) == len(word) >= 3:
            syllables[-1] = "lǜ"
        return join_syllables(syllables)


# ── Function words the context model reads wrong ────────────────────────────────────
# The model was trained on encyclopaedia sentences, where 地 is nearly always dì and 为 mostly
# wéi; in essays both are more often the particle de and the preposition wèi ("for"). Where a
# lone 为 or 地 stands is what decides them, so each has a rule over the words around it.
# A rule returns None where word order does not decide, and the model reads the character.

_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n]")
# Words after which a lone 地 is a place, not the particle: it ends a noun phrase before them
_AFTER_PLACE = frozenset("的和与及或之、等")
# A word ending in one of these makes the 地 after it a place (常住地, 所在地, 原产地, 向往之地)
_PLACE_MAKERS = ("住", "在", "生", "产", "源", "集中", "目的", "之")
# Adverbs and modal verbs before the preposition 为 wèi (都为, 可为, 将为, 正在为, 共同为)
_BEFORE_FOR = frozenset({"都", "可", "将", "正在", "也", "还", "要", "能", "需", "需要", "应", "应当", "应该", "并",
                         "又", "均", "已", "已经", "而", "会", "来", "共同", "积极", "努力", "主动", "专门",
                         "更好", "进一步", "持续", "不断", "切实", "从而", "以便", "继续", "始终", "愿", "可以"})
# Verbs that take the one 为 serves (为企业提供服务, 为发展注入动能): in the clause after 为, they
# make it the preposition wèi; without them, X为Y is "X is Y", wéi
_FOR_VERBS = re.compile("提供|注入|构建|打造|服务|创造|奠定|夯实|开辟|拓展|探索|积累|带来|作出|做出|贡献|助力|赋能|"
                        "护航|铺平|搭建|营造|筑牢|创设|提升|增添|储备|扫清|指明|描绘|开拓|打下|留下|争取")
# 以 as the "take … as" of 以X为Y: not inside 可以, 所以, 以及, 以来, 以上, 难以, 予以, …
_YI_AS = re.compile(r"(?<![可所难予加用借足得是之])以(?![及来上下后前外内免便致至往])")


# How far a clause is looked for on each side: a real clause is far shorter, and a bound keeps a
# line of thousands of characters without a comma linear (each 为 would scan the whole line).
CLAUSE_REACH = 100


def _clause_around(text: str, at: int) -> tuple[str, str]:
    """The text of the clause before ``text[at]`` and after it (commas, stops and colons end a
    clause), at most ``CLAUSE_REACH`` characters each way."""
    start = max(0, at - CLAUSE_REACH)
    ends_before = list(_CLAUSE_END.finditer(text, start, at))
    if ends_before:
        start = ends_before[-1].end()
    stop = min(len(text), at + 1 + CLAUSE_REACH)
    end_after = _CLAUSE_END.search(text, at + 1, stop)
    return text[start:at], text[at + 1:end_after.start() if end_after else stop]


def read_di(text: str, at: int, before: str, after: str) -> str | None:
    """A lone 地: the particle de after a word of two or more characters that says how (积极地推进,
    有效地, 辩证地借鉴) when something follows it; dì, a place, after a single character (等地, 多地,
    就地, 两地), after a word that makes a place (常住地, 所在地), or before a pause or 的."""
    particle = (len(before) >= 2 and bool(_HAN.match(before[-1])) and not before.endswith(_PLACE_MAKERS)
                and bool(_HAN.match(after[:1])) and after[:1] not in _AFTER_PLACE)
    return "de" if particle else "dì"


def read_wei(text: str, at: int, before: str, after: str) -> str | None:
    """A lone 为: wéi in 以X为Y (以人民为中心) and before a number (成本约为55亿); wèi, "for", at the start
    of a clause (为确保…, ，为企业提供), after an adverb or modal (都为, 可为, 将为), and where a verb
    of giving or building follows in its clause (设计为地方政府构建框架). Otherwise the model reads it."""
    clause_before, clause_after = _clause_around(text, at)
    if _YI_AS.search(clause_before):
        return "wéi"
    if clause_after[:1].isdigit():
        return "wéi"
    if not clause_before.strip() or before in _BEFORE_FOR:
        return "wèi"
    if _FOR_VERBS.search(clause_after):
        return "wèi"
    return None


# What follows a verb's 得 when it is the complement's de (留得住, 做得到, 发展得很快, 跑得更远)
_AFTER_COMPLEMENT_DE = ("住", "到", "起", "上", "下", "来", "去", "出", "动", "完", "开", "好", "清", "懂", "见",
                        "很", "更", "非常", "越", "十分", "相当", "比较", "太", "过", "不")
# Words 长 cháng, "long", stands before (长周期, 长期限, 长链条) and after (更长, 很长, 延长)
_LONG_BEFORE = ("周期", "期", "远", "久", "时间", "链", "距离", "尾", "效", "线", "篇", "途", "寿", "跑")
_LONG_AFTER = ("很", "更", "较", "最", "太", "延", "拉", "过", "超", "漫", "越来越")


def read_de(text: str, at: int, before: str, after: str) -> str | None:
    """A lone 得 after a one-character verb, before its complement (留得住, 做得到, 跑得很快): de."""
    if len(before) == 1 and _HAN.match(before) and after.startswith(_AFTER_COMPLEMENT_DE):
        return "de"
    return None


def read_chang(text: str, at: int, before: str, after: str) -> str | None:
    """A lone 长 before a word of time or extent (长周期项目), or after a word of degree (更长): cháng."""
    if after.startswith(_LONG_BEFORE) or before.endswith(_LONG_AFTER):
        return "cháng"
    return None


_SENTENCE_STOP = re.compile(r"[。！？；\n]")


def read_zhong(text: str, at: int, before: str, after: str) -> str | None:
    """A lone 重 answered by 轻 later in its sentence, at most ``CLAUSE_REACH`` characters on
    (重规模扩张、轻质量提升: values one over the other): zhòng."""
    reach = min(len(text), at + 1 + CLAUSE_REACH)
    end = _SENTENCE_STOP.search(text, at + 1, reach)
    return "zhòng" if "轻" in text[at + 1:end.start() if end else reach] else None


# Characters whose other readings live inside words the segmenter keeps whole (应用, 响应;
# 参与; 更新, 变更; 转动, 旋转): standing alone in an essay, each is the modal verb, the
# conjunction or the adverb, which the context model, trained on encyclopaedia text, often
# misses (应加快 yìng, 优势互补与深度合作 yù, 更宽阔 gēng).
LONE_READINGS = {"应": "yīng", "与": "yǔ", "更": "gèng", "转": "zhuǎn"}


def read_lv(text: str, at: int, before: str, after: str) -> str | None:
    """A lone 率 ending a noun phrase is lǜ, a rate (不良贷款率。, 容错率等); before a noun it may be
    shuài, to lead (率军), which the model decides."""
    return "lǜ" if not _HAN.match(after[:1]) or after[:1] in _AFTER_PLACE else None


# Words before the verb 处 chǔ, "to be in": adverbs (仍处, 均处: cut apart), 所 (所处, "where one
# stands"), and the complement 好 ending a verb (把握好处“城尾乡头”的县域, "grasp well being at …"):
# jieba cuts 好处 whole where it is the noun "benefit", so a 好 left before a lone 处 ends a verb
_BEFORE_BE_IN = ("所", "正", "仍", "均", "都", "尚", "已", "将", "还", "同", "正在", "已经", "长期", "始终", "一直", "好")
_OPENING_QUOTES = "“‘「『《"


def read_chu(text: str, at: int, before: str, after: str) -> str | None:
    """A lone 处 after an adverb or a verb's 好, before what it is in (仍处关键期, 把握好处“城尾乡头”):
    the verb chǔ. Elsewhere it is mostly the noun chù, a place or an office (北坡处, 25公里处),
    which the model decides."""
    if before.endswith(_BEFORE_BE_IN) and (_HAN.match(after[:1]) or after[:1] in _OPENING_QUOTES):
        return "chǔ"
    return None


WORD_ORDER_RULES = {"地": read_di, "处": read_chu, "为": read_wei, "得": read_de, "长": read_chang, "重": read_zhong, "率": read_lv}


@lru_cache(maxsize=1 << 16)
def _inside_phrases(word: str) -> tuple[bool, ...]:
    """For each character of a word pypinyin does not list, whether it lies inside a phrase it does
    list (行业 in 化工行业, 重大 in 重大意义): longest phrases first, from the left. pypinyin reads
    the word through those phrases, and the phrase's reading stands; only the characters outside
    them are read in context."""
    inside = [False] * len(word)
    at = 0
    while at < len(word):
        for end in range(len(word), at + 1, -1):
            if word[at:end] in PHRASES_DICT:
                inside[at:end] = [True] * (end - at)
                at = end
                break
        else:
            at += 1
    return tuple(inside)


@lru_cache(maxsize=4096)  # a few thousand syllables exist; pypinyin's conversion is slow per call
def tone_marked(numbered: str) -> str:
    """A reading as the model writes it ("wei2", "lu:4", "de5") with its tone mark (wéi, lǜ, de)."""
    return to_tone(numbered.replace("u:", "v"))


def reading_in_context(sentence: str, index: int) -> str:
    """The tone-marked reading of the character at ``index`` of a Simplified ``sentence``, as the
    site's pages read it; "" for a character that is not Chinese."""
    return _default_reader().character(sentence, index)


class _SentenceReader:
    """Cuts a sentence into words as the annotator does and reads the character asked for."""

    def __init__(self):
        from .annotate import make_segmenter
        from .glossary.file import load_glossary

        glossary = load_glossary(PACKAGE_DATA / "glossary.toml")
        self.term_readings = {term.headword: term_reading(term.pinyin) for term in glossary.terms}
        self.readings = Readings()
        self.segmenter = make_segmenter(set(self.term_readings), self.readings.checked_words())

    def character(self, sentence: str, index: int) -> str:
        words = list(self.segmenter.cut(sentence, HMM=False))
        readings = self.readings.in_text(sentence, 0, words)
        start = 0
        for word, reading in zip(words, readings, strict=True):
            if start <= index < start + len(word):
                reading = self.term_readings.get(word, reading)
                if len(word) == 1:
                    return reading
                syllables = split_syllables(word, reading)
                han_before = len(_HAN.findall(word[:index - start]))
                return syllables[han_before] if syllables and _HAN.match(sentence[index]) else ""
            start += len(word)
        return ""


@lru_cache(maxsize=1)
def _default_reader() -> _SentenceReader:
    return _SentenceReader()


def term_reading(glossary_pinyin: str) -> str:
    """A glossary entry's pinyin as one word's reading: the spaces between its words left out."""
    return glossary_pinyin.replace(" ", "")
