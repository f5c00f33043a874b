"""A page that is one part of several: say so, so a reader knows the essay goes on elsewhere.

News portals split long articles over pages (``1 2 3 下一页``, ``第1页 共3页``) and some show
only the start (``余下全文``, ``在本页阅读全文``). A scrape of the first page holds only part of the
essay; nothing in the text says so once the links are gone. These rules look for the pager at the
end of the article and flag the essay as incomplete on its source-notes page; the pager itself is
page chrome, removed by the button and classifier rules.
"""

from __future__ import annotations

import re

from .draft import Draft

# A pager, or a note that the rest of the text is elsewhere. 下一篇 (the next article) is no pager.
CONTINUED = re.compile(
    r"下一页|下一頁|下页|下頁|余下全文|餘下全文|剩余全文|剩餘全文|在本页阅读全文|在本頁閱讀全文|全文未完|未完待续|未完待續|"
    r"[（(]未完[)）]|第\s*\d+\s*[页頁]\s*[/／,，]?\s*共\s*\d+\s*[页頁]|共\s*\d+\s*[页頁]|^(?:\d+\s+){2,}\d*\s*(?:下一[页頁]|>)")
PAGER_MAX = 40  # characters: a pager is a short line of links
TAIL_LINES = 8  # lines at the end of a text scrape searched for its pager
WHY = "incomplete: the page is one part of several ({pager}); the rest of the essay is not in this file"


def pager_in(text: str) -> str:
    """The pager a short line shows (``下一页``, ``第1页 共3页``), or ""."""
    text = text.strip()
    if len(text) > PAGER_MAX:
        return ""
    match = CONTINUED.search(text)
    return match.group(0).strip() if match else ""


def flag_continued_pages(draft: Draft) -> None:
    """Flag a text scrape whose last lines hold a pager: the essay continues on a page not saved.

    A page read as blocks is flagged by ``lay_out_page_blocks``, which still sees the pager it removes.
    """
    if draft.source.blocks is not None:
        return
    filled = [i for i, line in enumerate(draft.lines) if line.text.strip()]
    pagers = [i for i in filled[-TAIL_LINES:] if pager_in(draft.lines[i].text)]
    if not pagers:
        return
    first = draft.lines[pagers[0]]
    draft.record("flagged", [first.number], first.text, why=WHY.format(pager=pager_in(first.text)))
    draft.remove(pagers, "a pager: links to the article's other pages")


flag_continued_pages.idempotent = True  # the pager is gone after the first run  # type: ignore[attr-defined]
