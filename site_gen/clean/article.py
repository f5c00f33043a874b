"""Repairs to a page's article once its blocks are chosen: each a small pass over the kept blocks.

The classifier decides what is the article; these passes fix how it reads, each for one kind of
noise that many sites share and that the markup alone does not settle:

- ``join_split_headings``: a bold heading a WeChat editor broke over two bold lines;
- ``drop_repeated_summaries``: a summary box or standfirst that repeats part of the text below;
- ``drop_section_numbers``: decorative ``01.`` lines standing alone above their headings;
- ``mark_abstract_box``: an abstract the author set above the text under a label (摘要, 导读,
  内容提要), with its keyword line, is a box beside the article, not its first paragraph;
- ``mark_author_biography``: the closing paragraph that introduces the author (and asks the
  reader to follow them) is the author's note, not the article's last paragraph.

Each pass returns the report entries for what it changed, and leaves everything else alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .classify import ABSTRACT_LABEL as _ABSTRACT_LABEL
from .classify import Classified

# A heading's first half: bold, short, ending on a comma or enumeration mark, or on nothing at all.
_CONTINUES = re.compile(r"[，、,]$")
HEADING_MAX = 40  # characters of a bold line read as a heading
_ORIGINAL_TITLE = re.compile(r"^(?:原标题|原標題|原题|原題)\s*[:：]")
COLUMN_LABEL_MAX = 4  # characters of a column's name heading an article (亦观察, 观点, 深度)
BIOGRAPHY_BOX_MAX = 120  # characters of a paragraph in a biography box
SUMMARY_MIN = 15  # characters: shorter repeats are phrases, not summaries
SUMMARY_WINDOW = 6  # a summary box or standfirst stands among the article's first blocks
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[IVX]{1,4})[.、．]?$")
_KEYWORDS = re.compile(r"^\W{0,3}(?:关键词|關鍵詞|关键字|關鍵字)\s*[:：]")
ABSTRACT_OPENING = 3  # the label stands within the article's first few blocks
ABSTRACT_MAX_BLOCKS = 4
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”」』）)]*")
# Who the author is: a biography names a role; a follow appeal asks the reader to follow them.
_BIOGRAPHY = re.compile(r"专栏作家|專欄作家|记者|記者|作家|教授|研究员|研究員|撰稿人|主编|主編|创办人|創辦人|"
                        r"获得|獲得|毕业|畢業|著有|曾任|现任|現任")
# The label over a biography box: 作者简介, 关于作者, 专栏作者.
_BIOGRAPHY_LABEL = re.compile(r"^\W{0,3}(?:作者简介|作者簡介|作者介绍|作者介紹|关于作者|關於作者|专栏作者|專欄作者|作者|"
                              r"About the author)\W{0,3}$", re.IGNORECASE)
_FOLLOW_APPEAL = re.compile(r"[^。！？!?]*(?:欢迎|歡迎|请|請)[^。！？!?]{0,20}(?:关注|關注|追踪|追蹤|订阅|訂閱)"
                            r"[^。！？!?]*[。！？!?]*")


@dataclass
class Kept:
    """A block kept in the article, as it will be laid out: its text and hint may be repaired."""

    item: Classified
    text: str
    hint: str = ""

    @property
    def line(self) -> int:
        return self.item.block.line


Entry = tuple[str, list[int], str, str, str]  # (action, lines, text, result, why)


def _squeeze(text: str) -> str:
    """Text as compared for repeats: no spaces or bold marks, half- and full-width punctuation alike."""
    return re.sub(r"[\s\u3000*]+", "", unicodedata.normalize("NFKC", text))


def join_split_headings(kept: list[Kept]) -> list[Entry]:
    """Join a bold heading broken over two bold lines (``眼下的踏实、未来的保障，`` + ``哪个更重要？``)."""
    entries: list[Entry] = []
    i = 0
    while i + 1 < len(kept):
        first, second = kept[i], kept[i + 1]
        if (first.item.block.emphasis and second.item.block.emphasis and _CONTINUES.search(first.text)
                and len(first.text) + len(second.text) <= HEADING_MAX and first.hint in ("", "heading2")
                and second.hint in ("", "heading2")):
            joined = first.text + second.text
            entries.append(("repaired", [first.line, second.line], f"{first.text}\n{second.text}", joined,
                            "one heading the page broke over two bold lines, joined"))
            first.text, first.hint = joined, "heading2"
            del kept[i + 1]
        i += 1
    return entries


def drop_repeated_summaries(kept: list[Kept]) -> list[Entry]:
    """Drop a block among the first few that only repeats part of a later paragraph: a summary box or a
    standfirst.

    A block repeated whole (a paragraph the page prints twice) stays: only a shorter excerpt of a
    later paragraph is a summary.
    """
    entries: list[Entry] = []
    later_text = [_squeeze(piece.text) for piece in kept]
    for index in range(min(len(kept), SUMMARY_WINDOW) - 1, -1, -1):
        block = later_text[index]
        if len(block) < SUMMARY_MIN or kept[index].hint.startswith("heading"):
            continue
        if any(block in other and len(other) > len(block) for other in later_text[index + 1:]):
            entries.append(("removed", [kept[index].line], kept[index].text, "",
                            "a summary that repeats part of a paragraph below"))
            del kept[index]
            del later_text[index]
    return entries


def drop_section_numbers(kept: list[Kept]) -> list[Entry]:
    """Drop a bare section number (``01.``) standing alone right above its heading."""
    entries: list[Entry] = []
    for index in range(len(kept) - 2, -1, -1):
        if _SECTION_NUMBER.match(kept[index].text.strip()) and kept[index + 1].hint.startswith("heading"):
            entries.append(("removed", [kept[index].line], kept[index].text, "",
                            "a decorative section number above its heading"))
            del kept[index]
    return entries


def mark_abstract_box(kept: list[Kept]) -> list[Entry]:
    """An abstract under its label at the article's start (📋 摘要 / text / 关键词：…) becomes a box."""
    label = next((i for i, piece in enumerate(kept[:ABSTRACT_OPENING]) if _ABSTRACT_LABEL.match(piece.text.strip())),
                 None)
    if label is None:
        return []
    end = label + 1
    while end < len(kept) and end - label <= ABSTRACT_MAX_BLOCKS and not kept[end].hint.startswith("heading"):
        end += 1
        if _KEYWORDS.match(kept[end - 1].text.strip()):
            break
    if end == label + 1 or not any(_KEYWORDS.match(piece.text.strip()) for piece in kept[label + 1:end]):
        return []  # a label with no abstract and keywords under it is left as it is
    kept[label].text = _ABSTRACT_LABEL.match(kept[label].text.strip()).group(1)
    kept[label].hint = "box_title"
    for piece in kept[label + 1:end]:
        piece.hint = "box"
    return [("moved", [piece.line for piece in kept[label:end]], "\n".join(piece.text for piece in kept[label:end]),
             "", "the author's abstract above the text, shown as a box beside it")]


def drop_original_title(kept: list[Kept]) -> list[Entry]:
    """A line naming the title the piece first ran under (原标题：…) is a note on its source, not text."""
    entries: list[Entry] = []
    for index in range(len(kept) - 1, -1, -1):
        if _ORIGINAL_TITLE.match(kept[index].text.strip()):
            piece = kept.pop(index)
            entries.append(("removed", [piece.line], piece.text, "", "the title the piece first ran under"))
    return entries


def drop_column_label(kept: list[Kept]) -> list[Entry]:
    """A short label heading the article before any paragraph (a column's name: 亦观察) is not a section."""
    if len(kept) > 1 and kept[0].hint.startswith("heading") and len(kept[0].text.strip()) <= COLUMN_LABEL_MAX \
            and not _SECTION_NUMBER.match(kept[0].text.strip()[:1]) and not kept[1].hint.startswith("heading"):
        label = kept.pop(0)
        return [("removed", [label.line], label.text, "", "a column's label above the article's text")]
    return []


def mark_biography_box(kept: list[Kept]) -> list[Entry]:
    """A labelled biography box at the end (作者简介 / one short paragraph) is the author's note."""
    for index in range(len(kept) - 1, max(-1, len(kept) - 4), -1):
        if _BIOGRAPHY_LABEL.match(kept[index].text.strip()) and 0 < len(kept) - index - 1 <= 2 \
                and all(len(piece.text) <= BIOGRAPHY_BOX_MAX for piece in kept[index + 1:]):
            label = kept.pop(index)
            box = kept[index:]
            said = [_squeeze(piece.text).rstrip("。.") for piece in kept[:index]]
            if all(any(_squeeze(piece.text).rstrip("。.") in other for other in said) for piece in box):
                del kept[index:]
                return [("removed", [label.line] + [piece.line for piece in box],
                         "\n".join([label.text] + [piece.text for piece in box]), "",
                         "a biography box that repeats what the article already says of its author")]
            for piece in box:
                piece.hint = "biography"
            return [("removed", [label.line], label.text, "", "the label of the author's biography box"),
                    ("moved", [piece.line for piece in kept[index:]], "\n".join(p.text for p in kept[index:]), "",
                     "the author's biography, shown with the byline")]
    return []


def mark_author_biography(kept: list[Kept], authors: tuple[str, ...]) -> list[Entry]:
    """The last paragraph, when it introduces the author by name, is the author's note; an appeal to
    follow the author is taken out of it."""
    body = [piece for piece in kept if piece.item.place == "article"]
    if not body or not authors:
        return []
    last = body[-1]
    text = last.text.strip()
    if not any(text.startswith(name) for name in authors) or not _BIOGRAPHY.search(text):
        return []
    entries: list[Entry] = []
    at = kept.index(last)
    if at > 0 and _BIOGRAPHY_LABEL.match(kept[at - 1].text.strip()):
        label = kept.pop(at - 1)
        entries.append(("removed", [label.line], label.text, "", "the label of the author's biography box"))
    without_appeal = _FOLLOW_APPEAL.sub("", text).strip()
    if without_appeal != text:
        entries.append(("repaired", [last.line], text, without_appeal, "an appeal to follow the author"))
    last.text, last.hint = without_appeal, "biography"
    entries.append(("moved", [last.line], without_appeal, "", "the author's biography, shown with the byline"))
    return entries


def repair_article(kept: list[Kept], authors: tuple[str, ...]) -> list[Entry]:
    """Every pass, in order; the report entries of all of them."""
    entries = join_split_headings(kept)
    entries += drop_repeated_summaries(kept)
    entries += drop_section_numbers(kept)
    entries += mark_abstract_box(kept)
    entries += drop_original_title(kept)
    entries += drop_column_label(kept)
    entries += mark_biography_box(kept) or mark_author_biography(kept, authors)
    return entries
