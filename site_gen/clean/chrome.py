"""Page chrome around an article: navigation, credits, share boxes, footers, follow prompts.

Each family is recognised by the words sites use for it (in both scripts) together with
the shape of the line: chrome is short and is not a sentence, so a paragraph that merely
mentions 编辑 or 分享 is left alone.
"""

from __future__ import annotations

import re

from .draft import Draft, drop_lines_matching

SHORT = 60  # chrome lines are labels, not paragraphs

_CRUMB_SPLIT = re.compile(r"\s*(?:>>|>|»|›|→)\s*")
_CRUMB_END = re.compile(r"^(?:正文|正文内容|内文|內文|文章|详情|詳情|阅读|閱讀)$")
_CRUMB_HOME = re.compile(r"^(?:首页|首頁|主页|主頁|网站首页|網站首頁|新闻首页|新聞首頁|home|Home)$")
_CRUMB_LABEL = re.compile(r"^(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|所在位置)\s*[:：]")


TOP_LINES = 3  # the lines a page opens with, where navigation sits


def is_breadcrumb(text: str, at_top: bool = False) -> bool:
    """True for a "you are here" trail: ``首页 > 新闻 > 正文``, ``王 鵬 >> 正文``, ``当前位置：…``.

    A sentence with a ``>`` in it (``收入 > 支出``) has sentence punctuation or long parts, and stays.

    >>> is_breadcrumb("王 鵬 >> 正文"), is_breadcrumb("首页 > 新闻 > 正文"), is_breadcrumb("当前位置：首页 > 评论")
    (True, True, True)
    >>> is_breadcrumb("当收入 > 支出时，预算出现盈余。"), is_breadcrumb("香港01 > 社會新聞", at_top=True)
    (False, True)

    At the top of the page a trail of two (``站名 > 栏目``) is enough: nothing else opens a page that way.
    """
    if _CRUMB_LABEL.match(text):
        return len(text) <= SHORT
    parts = _CRUMB_SPLIT.split(text)
    if len(parts) < 2 or any(not part or len(part) > 12 or re.search("[。，！？；]", part) for part in parts):
        return False
    return bool(_CRUMB_END.match(parts[-1]) or _CRUMB_HOME.match(parts[0]) or len(parts) >= 3 or at_top)


def remove_breadcrumbs(draft: Draft) -> None:
    """Remove breadcrumb trails; leaves comparisons written with ``>`` inside sentences alone."""
    filled = [i for i, line in enumerate(draft.lines) if line.text.strip()]
    top = set(filled[:TOP_LINES])
    hits = [i for i in filled if is_breadcrumb(draft.lines[i].text.strip(), at_top=i in top)]
    draft.remove_groups([([i], "breadcrumb trail (site navigation)") for i in hits])


remove_breadcrumbs.idempotent = True  # type: ignore[attr-defined]

# A menu: four or more short items between explicit separators (| ｜ · •), no sentence in it.
_MENU = re.compile(r"^(?:[^|｜·•。，！？]{1,8}\s*[|｜·•]\s*){3,}[^|｜·•。，！？]{1,8}$")
_BAR = re.compile(r"[|｜]")


def remove_navigation_menus(draft: Draft) -> None:
    """Remove menu bars (``首页 | 时政 | 国际 | 财经``); a list inside a sentence has punctuation and stays.

    Words between dots (``阅读 · 分享 · 成长 · 陪伴``) are also how a slogan is set, so such a line is a menu
    only among the page's first or last lines, where navigation and footer links sit.
    """
    filled = [i for i, line in enumerate(draft.lines) if line.text.strip()]
    edges = set(filled[:TOP_LINES] + filled[-TOP_LINES:])
    hits = [i for i in filled if _MENU.match(text := draft.lines[i].text.strip()) and (_BAR.search(text) or i in edges)]
    draft.remove_groups([([i], "navigation menu") for i in hits])


remove_navigation_menus.idempotent = True  # type: ignore[attr-defined]

_EDITOR = re.compile(
    r"^[【\[（(]?\s*(?:责任编辑|責任編輯|本版编辑|本版編輯|责编|責編|编辑|編輯|美编|美編|校对|校對|审校|審校|"
    r"初审|初審|复审|複審|终审|終審|监制|監製|值班编辑|值班編輯)\s*[:：\s｜|/／][^。！？]{0,50}$"
)
remove_editor_credits = drop_lines_matching(_EDITOR, "editor credit (page chrome, not the author)")
remove_editor_credits.__doc__ = (
    "Remove editor credits (``【責任編輯:嚴玉潔】``, ``本版编辑 李笑语 美编 倪梦婷``); author notes such as "
    "``（作者系…）`` and writer credits ``（执笔：…）`` are kept for the structure stage."
)

# Labels that only ever credit an image, and words that do so only before a separator (摄影：…, 图片｜…),
# for 摄影是一门光的艺术 is a heading and 图片里的老街 a sentence.
_IMAGE_CREDIT_LINE = re.compile(
    r"^[（(]?\s*(?:(?:图源|圖源|视觉中国|視覺中國|图片(?:来源|來源|提供|来自|來自)|圖片(?:來源|提供|來自))\s*[:：/｜|]?|"
    r"(?:题图|題圖|配图|配圖|图片|圖片|摄影|攝影)(?:来源|來源|来自|來自)?\s*[:：/｜|]|(?:题图|題圖|配图|配圖|摄影|攝影)\s+)"
    r"[^。！？，]{0,30}[)）]?$"
)
_IMAGE_CREDIT_INLINE = re.compile(r"[（(][^（）()。]{1,30}?(?:[摄攝]影?|供[图圖])[)）]")
_CREDIT_AT_END = re.compile(_IMAGE_CREDIT_INLINE.pattern + r"\s*$")


# A photographer's credit closing a caption without brackets: "…作业。新华社记者 李博 摄".
_CAPTION_CREDIT = re.compile(
    r"(?<=[。！？”」])\s*(?:\S{0,10}?(?:记者|記者|通讯员|通訊員|摄影师|攝影師))?\s*"
    r"[\u4e00-\u9fff·]{2,4}(?:[\s、][\u4e00-\u9fff·]{2,4}){0,2}(?:\s+|\s*[/／]\s*)[摄攝]$"
)


def remove_image_credits(draft: Draft) -> None:
    """Remove image credits: lines like ``图源千图网`` and parentheticals like ``（新华社记者 X 摄）``.

    A line that ends in a photographer's credit is a photo's caption, and is hinted so.
    A figure label such as ``图1 人工智能发展历程`` is a caption, not a credit, and stays.
    """
    doomed = [i for i, line in enumerate(draft.lines) if _IMAGE_CREDIT_LINE.match(line.text.strip())]
    draft.remove_groups([([i], "image credit") for i in doomed])
    for i, line in enumerate(draft.lines):
        text = line.text
        uncredited = _CAPTION_CREDIT.sub("", _IMAGE_CREDIT_INLINE.sub("", text.rstrip())).rstrip()
        if uncredited == text.rstrip():
            continue
        closes_line = bool(_CAPTION_CREDIT.search(text.rstrip()) or _CREDIT_AT_END.search(text))
        draft.repair(i, uncredited, "image credit", hint="caption" if closes_line and uncredited else None)


remove_image_credits.idempotent = True  # type: ignore[attr-defined]

_SHARE = re.compile(
    r"(?:分享到|分享至|转发到|轉發到|一键分享|一鍵分享|【打印】|【列印】|【关闭】|【關閉】|打印本页|關閉窗口|关闭窗口|"
    r"扫一扫|掃一掃|收藏本文|(?<!文)字[号號体體]\s*[:：]|【字[号號体體]|【我要[纠糾]错】|【我要[纠糾]錯】|分享让更多人|分享讓更多人|【纠错】|【糾錯】|返回顶部|返回頂部|上一篇\s*[:：]|下一篇\s*[:：]|"
    r"发表评论|發表評論|我要评论|我要評論|网友评论|網友評論|条评论|則評論|條評論|登录后评论|登入後留言|留言板)"
)
_SHARE_LINE = re.compile(rf"^(?=.*{_SHARE.pattern})[^。！？]{{0,{SHORT}}}$")
remove_share_boxes = drop_lines_matching(_SHARE_LINE, "share, print or comment box")
remove_share_boxes.__doc__ = (
    "Remove share, print and comment boxes (``分享到：微信 微博``, ``【打印】【关闭】``, ``扫一扫``); "
    "a sentence that mentions sharing ends with punctuation and stays."
)

_COPYRIGHT = re.compile(
    r"(?:版[权權]所有(?![者人权權])|©|Copyright\s*(?:©|\([cC]\)|\d{4})|All Rights Reserved|"
    r"未[经經].{0,12}(?:授权|授權|许可|許可|同意).{0,6}(?:禁止|不得|严禁|嚴禁|请勿|請勿|谢绝|謝絕|不可)\S{0,4}?(?:转载|轉載|复制|複製|使用|摘编|摘編)|"
    r"禁止转载|禁止轉載|转载请注明|轉載請註明|ICP[备證证]|仅代表作者|僅代表作者|不代表本?(?:平台|本站|网站|網站|本网|本網)(?:的)?(?:立场|立場|观点|觀點)|公网安备|公網安備|(?:并|並)?不意味着(?:赞同|贊同)其观点|不意味著贊同其觀點|仅提供信息存储空间服务|僅提供信息存儲空間服務|不良信息举报|不良信息舉報)",
    re.IGNORECASE,
)
_COPYRIGHT_LINE = re.compile(rf"^(?=.*{_COPYRIGHT.pattern}).{{0,150}}$", re.IGNORECASE)
_IMAGE_PLACEHOLDER = re.compile(r"^[\[【［](?:图片|圖片|图|圖|image|Image|IMAGE|视频|視頻|动图|動圖)[\]】］]$")
remove_image_placeholders = drop_lines_matching(_IMAGE_PLACEHOLDER, "placeholder where the page showed an image or video")
remove_image_placeholders.__doc__ = "Remove placeholders a copied page leaves for its images (``[图片]``, ``【视频】``)."

remove_copyright_footers = drop_lines_matching(_COPYRIGHT_LINE, "copyright footer")
remove_copyright_footers.__doc__ = "Remove copyright and licence footers (``版权所有 ©…``, ``未经授权禁止转载``)."

_FOLLOW = re.compile(
    r"(?:(?:点击|點擊)上方.{0,8}(?:蓝字|藍字|关注|關注|名片|公众号|公眾號)|蓝字关注|藍字關注|"
    r"(?:关注|關注)(?:我们|我們)(?=$|[\s，,。！!～~吧]|的?(?:公众号|公眾號|账号|帳號|微信|微博))|"
    r"长按识别|長按識別|长按二维码|長按二維碼|扫描二维码|掃描二維碼|识别二维码|識別二維碼|"
    r"(?:阅读|閱讀)原文(?=$|[\s，,。！!：:>》→]|查看|了解|获取|獲取|报名|報名|下载|下載|链接|鏈接)|点个在看|點個在看|设为星标|設為星標|星标公众号|关注公众号|關注公眾號|"
    r"下[载載].{0,8}(?:APP|App|客户端|客戶端)[，,\s]*(?:即|看|睇|阅读|閱讀|获取|獲取|畅|暢)|尽在.{0,10}(?:APP|App|客户端)|盡在.{0,10}(?:APP|App|客戶端)|^打开.{0,8}(?:新闻|APP|App|客户端)|^打開.{0,8}(?:新聞|APP|App|客戶端)|(?:点击|點擊)查看.{0,4}(?:英文|中文|原文)版|^英文原文$|^English\s*(?:Version)?$|点我下载|點我下載|报料\s*[:：]|爆料\s*[:：]|新闻热线|新聞熱線)"
)
_FOLLOW_LINE = re.compile(rf"^(?=.*{_FOLLOW.pattern})[^。]{{0,{SHORT}}}[。！]?$")
remove_follow_prompts = drop_lines_matching(_FOLLOW_LINE, "follow-the-account prompt (WeChat chrome)")
remove_follow_prompts.__doc__ = (
    "Remove follow prompts (``点击上方蓝字关注``, ``长按识别二维码``, ``阅读原文``), app promotions "
    "(``下载香港01 App``) and tip-off hotlines (``报料：021-…``); "
    "a paragraph that discusses QR codes is long and stays."
)

# A line of symbols only (▼, - END -, ———, ★★★): a separator drawn by the page, not text.
_ORNAMENT = re.compile(r"^(?:[^\w]*|[^\w]*(?:END|End|end|完)[^\w]*)$")
remove_ornaments = drop_lines_matching(_ORNAMENT, "ornament or end mark drawn by the page")
remove_ornaments.__doc__ = (
    "Remove lines made only of symbols (``▼``, ``- END -``, ``★★★``); a line with any word or number stays, "
    "and so does a ``——`` attribution, which has a name after the dashes."
)

# A caption's label: a word (图注：) or the arrow a WeChat article prints under a photo (▲ 夜幕降临…).
_CAPTION_LABEL = re.compile(r"^(?:[【\[]?(?:图注|圖注|圖註|图片说明|圖片說明)[】\]]?\s*[:：]?|[▲△↑]+)\s*(?=\S)")
# Who took the photo, after the caption's last sentence: …人头攒动。摄影：小城故事
_CAPTION_CREDIT_TAIL = re.compile(r"(?<=[。！？”」])\s*(?:摄影|攝影|图源|圖源|图片来源|圖片來源|图|圖)\s*[:：｜|/]\s*[^。！？]{1,20}$")


def mark_captions(draft: Draft) -> None:
    """Take the label off a figure caption written as text (``图注：…``, ``▲ …``) and hint the line as a caption.

    A sentence that mentions a 图注 further in is not a caption line and stays as it is.
    """
    for i, line in enumerate(draft.lines):
        if _CAPTION_LABEL.match(line.text):
            caption = _CAPTION_CREDIT_TAIL.sub("", _CAPTION_LABEL.sub("", line.text.strip()))
            draft.repair(i, caption, "figure-caption label (and the photographer's credit)", hint="caption")


mark_captions.idempotent = True  # type: ignore[attr-defined]
