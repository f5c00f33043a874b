"""Interface labels in both scripts and English: every control reads "中文 · English"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from ..model import EditionName


@dataclass(frozen=True)
class Label:
    """One label in the page's script and in English; renders as ``中文<span lang=en> · English</span>``.

    The English half (with its separator) is one element, so a narrow screen can hide it.
    """

    zh: str
    en: str

    def __html__(self) -> str:
        return Markup('{}<span class="en" lang="en"> · {}</span>').format(self.zh, self.en)

    @property
    def text(self) -> str:
        """The label as plain text, for attributes such as aria-label."""
        return f"{self.zh} · {self.en}"

    __str__ = text.fget


# key: (Simplified, Traditional, English)
_LABELS: dict[str, tuple[str, str, str]] = {
    "home": ("首页", "首頁", "Home"),
    "hans": ("简体", "簡體", "Simplified"),
    "hant": ("繁体", "繁體", "Traditional"),
    "pinyin": ("拼音", "拼音", "Pinyin"),
    "tones": ("声调", "聲調", "Tones"),
    "all_terms": ("术语", "術語", "Terms"),
    "all_terms_hint": ("标出每一处术语，而不只是每节第一处", "標出每一處術語，而不只是每節第一處",
                       "Mark every occurrence of a term, not only the first in each section"),
    "tones_need_pinyin": ("声调颜色标在拼音上：请先打开拼音", "聲調顏色標在拼音上：請先打開拼音",
                          "Tone colours mark the pinyin: turn pinyin on first"),
    "characters": ("字", "字", "characters"),
    "minutes": ("分钟", "分鐘", "min"),
    "beyond_hsk6": ("HSK 6 以上词语", "HSK 6 以上詞語", "words beyond HSK 6"),
    "difficulty": ("难度", "難度", "Difficulty"),
    "vocabulary": ("词汇表", "詞彙表", "Vocabulary"),
    "display": ("显示", "顯示", "Display"),
    "text_size": ("字号", "字號", "Text size"),
    "smaller": ("缩小字号", "縮小字號", "Smaller text"),
    "larger": ("放大字号", "放大字號", "Larger text"),
    "colours": ("配色", "配色", "Colours"),
    "scheme_auto": ("跟随系统", "跟隨系統", "As the system"),
    "scheme_light": ("浅色", "淺色", "Light"),
    "scheme_dark": ("深色", "深色", "Dark"),
    "read_aloud": ("朗读", "朗讀", "Read aloud"),
    "pinyin_over": ("拼音标注", "拼音標注", "Pinyin over"),
    "every_word": ("全部词语", "全部詞語", "every word"),
    "no_voice": ("此浏览器没有中文语音，无法朗读", "此瀏覽器沒有中文語音，無法朗讀",
                 "This browser has no Chinese voice, so it cannot read aloud"),
    "saved_words": ("生词本", "生詞本", "Saved words"),
    "english_mode": ("英文", "英文", "English"),
    "mode_zh": ("只看中文", "只看中文", "Chinese only"),
    "mode_under": ("段下英文", "段下英文", "English under"),
    "mode_side": ("中英对照", "中英對照", "Side by side"),
    "en_one": ("英文", "英文", "English"),
    "en_stale": ("原文在翻译后已改动，译文可能已过时", "原文在翻譯後已改動，譯文可能已過時",
                 "The Chinese changed after it was translated: this translation may be out of date"),
    "summary_en": ("英文摘要", "英文摘要", "Summary"),
    "translation_own": ("英文译文为本站编者所译", "英文譯文為本站編者所譯",
                        "The English translation is the site's own"),
    "has_english": ("有英文译文", "有英文譯文", "With English translation"),
    "glossary": ("术语表", "術語表", "Glossary"),
    "about": ("关于本站", "關於本站", "About"),
    "notes": ("来源说明", "來源說明", "Source notes"),
    "text_export": ("纯文本", "純文字", "Plain text"),
    "key_terms": ("本文术语", "本文術語", "Key terms"),
    "related": ("相关文章", "相關文章", "Related essays"),
    "previous": ("上一篇", "上一篇", "Previous"),
    "next": ("下一篇", "下一篇", "Next"),
    "essays": ("文章", "文章", "Essays"),
    "author_note": ("作者简介", "作者簡介", "About the author"),
    "credits": ("执笔", "執筆", "Credits"),
    "filter": ("筛选", "篩選", "Filter"),
    "sort_pinyin": ("按拼音", "按拼音", "By pinyin"),
    "sort_english": ("按英文", "按英文", "By English"),
    "sort_count": ("按次数", "按次數", "By count"),
    "term": ("术语", "術語", "Term"),
    "english": ("英文", "英文", "English"),
    "category": ("类别", "類別", "Category"),
    "count": ("次数", "次數", "Count"),
    "explanation": ("解释", "解釋", "Explanation"),
    "occurrences": ("文中用例", "文中用例", "Where it occurs"),
    "more_uses": ("本文其余用例", "本文其餘用例", "More uses in this essay"),
    "further_essays": ("另见于", "另見於", "Also used in"),
    "further_more": ("更多文章", "更多文章", "More essays"),
    "further_earlier": ("前一页", "前一頁", "Previous page"),
    "related_terms": ("相关术语", "相關術語", "Related terms"),
    "aliases": ("又作", "又作", "Also written"),
    "official_source": ("官方译法来源", "官方譯法來源", "Source of the official rendering"),
    "gap": ("缺字", "缺字", "a word is missing in the source"),
    "skip": ("跳到正文", "跳到正文", "Skip to the text"),
    "reading_options": ("阅读设置", "閱讀設定", "Reading options"),
    # The search box in every page's header and what it says back; {n} is a number.
    "search": ("搜索", "搜尋", "Search"),
    "search_results": ("搜索结果", "搜尋結果", "Search results"),
    "search_found": ("找到 {n} 项", "找到 {n} 項", "{n} found"),
    "search_none": ("没有找到", "沒有找到", "Nothing found"),
    "search_elsewhere": ("简体版中没有，以下见于繁体版", "繁體版中沒有，以下見於簡體版",
                         "none in this script; in the other"),
    "search_more": ("更多结果", "更多結果", "More results"),
    "search_term": ("术语", "術語", "Term"),
    "search_needs_server": ("搜索需要通过 http 访问本站：请运行 site-gen serve", "搜尋需要透過 http 瀏覽本站：請執行 site-gen serve",
                            "Search needs the site to be served over http: run site-gen serve"),
    "search_failed": ("搜索索引无法加载", "搜尋索引無法載入", "The search index could not be loaded"),
    "keys_hint": ("方向键逐词移动，回车键查看释义，Esc 关闭", "方向鍵逐詞移動，Enter 鍵查看釋義，Esc 關閉",
                  "arrow keys move word by word, Enter shows a word's gloss, Esc closes it"),
    # The source notes: facts about the seed, the change table and its groups.
    "seed_file": ("来源文件", "來源檔案", "Seed file"),
    "seed_lines": ("来源行", "來源行", "Source lines"),
    "changes": ("改动", "改動", "Changes"),
    "rule": ("规则", "規則", "Rule"),
    "lines": ("行", "行", "Lines"),
    "text": ("原文", "原文", "Text"),
    "result": ("结果", "結果", "Result"),
    "why": ("原因", "原因", "Why"),
    "removed": ("已删除", "已刪除", "Removed"),
    "repaired": ("已修复", "已修復", "Repaired"),
    "moved": ("已移动", "已移動", "Moved"),
    "restored": ("编者补字", "編者補字", "Restored by the editor"),
    "flagged": ("已标注", "已標註", "Flagged"),
    "other": ("其他", "其他", "Other"),
    "blank": ("空白", "空白", "spacing and bullets only"),
    "withheld": ("已隐去", "已隱去", "withheld"),
    "no_changes": ("清理未改动本文", "清理未改動本文", "Cleaning changed nothing in this essay"),
    # Where an essay comes from: the publication, the page it was taken from, when that page was saved.
    "source": ("来源", "來源", "Source"),
    "source_page": ("原文网页", "原文網頁", "Original page"),
    "retrieved": ("获取日期", "擷取日期", "Retrieved"),
    # What a page's head says of the site when a page has nothing more particular to say.
    "description": ("经过清理的中文文章，简体与繁体两种版本，每个词附拼音与英文释义，重点术语有双语解释",
                    "經過清理的中文文章，簡體與繁體兩種版本，每個詞附拼音與英文釋義，重點術語有雙語解釋",
                    "Chinese essays, cleaned, in Simplified and Traditional script, with pinyin and English "
                    "for every word and a bilingual glossary of key terms"),
    "feed": ("订阅", "訂閱", "Feed"),
}

CATEGORIES: dict[str, tuple[str, str]] = {
    "policy": ("政策", "政策"),
    "economy": ("经济", "經濟"),
    "technology": ("科技", "科技"),
    "industry": ("产业", "產業"),
    "governance": ("治理", "治理"),
    "society": ("社会", "社會"),
    "planning": ("规划", "規劃"),
}


def labels_for(edition: EditionName) -> dict[str, Label]:
    """Every interface label in ``edition``'s script."""
    column = 0 if edition == "hans" else 1
    return {key: Label(texts[column], texts[2]) for key, texts in _LABELS.items()}


def category_label(category: str, edition: EditionName) -> Label:
    """A glossary category in the page's script and English (unknown categories shown as they are)."""
    names = CATEGORIES.get(category, (category, category))
    return Label(names[0 if edition == "hans" else 1], category)


@lru_cache(maxsize=1)
def _simplified_to_traditional():
    from ..conversion import converter

    return converter("s2tw")  # the Traditional edition's standard (script.py)


def to_traditional(text: str) -> str:
    """Simplified site text (site title, glossary explanations) shown on a Traditional page."""
    return _simplified_to_traditional().convert(text)


def in_script(text: str, edition: EditionName) -> str:
    """Simplified ``text`` as the page's script writes it."""
    return to_traditional(text) if edition == "hant" else text
