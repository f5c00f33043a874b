"""Print speed and memory figures for the build and each stage (no pass/fail: figures to read).

    .venv/bin/python bench/benchmark.py            # the seeds
    .venv/bin/python bench/benchmark.py --copies 20  # a corpus 20 times larger
    .venv/bin/python bench/benchmark.py --page-only  # only the saved-page figure

Targets the figures are read against: a cold build of the seeds in a few seconds,
a rebuild with nothing changed well under the cold time, a new seed costing about
one seed's work, peak memory well under 1 GiB, and a 300 KB saved HTML page read,
cleaned and structured in under 0.5 s.

The saved page is generated here, the same on every run, from the seeds' own sentences: a
Chinese news portal's article page as a browser saves it (head with meta tags, inline scripts and
styles, navigation, breadcrumb, the article with keyword links, share bar, comments, a sidebar of
headlines, footer), once in UTF-8 and once in GBK. Its median is timed in this process after a first
call that is not counted; "first page in a fresh process" is one page in a new process, with the
dictionaries and jieba models the stages load on first use.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_gen.config import load_config  # noqa: E402


def _timed(label: str, action) -> float:
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    print(f"{label:<42} {seconds:8.2f} s")
    return result


def _stage_figures(seeds: list[Path]) -> None:
    from site_gen.annotate import Annotator
    from site_gen.clean import clean
    from site_gen.dictionary import Dictionary
    from site_gen.glossary.file import load_glossary
    from site_gen.read.ingest import read_source
    from site_gen.pinyin import Readings
    from site_gen.script import make_editions
    from site_gen.structure import structure

    config = load_config(ROOT)
    glossary = _timed("load glossary", lambda: load_glossary(config.glossary))
    dictionary = _timed("load CC-CEDICT", Dictionary.load)
    annotator = _timed("set up annotator (jieba, pinyin)", lambda: Annotator(glossary, Readings(), dictionary))
    sources = [read_source(p) for p in seeds]
    chars = sum(len(s.text) for s in sources)
    cleaned = _timed(f"clean {len(sources)} seeds ({chars:,} chars)", lambda: [clean(s) for s in sources])
    essays = _timed("structure", lambda: [e for c in cleaned for e in structure(c)])
    editions = _timed("script: both editions", lambda: [make_editions(e) for e in essays])
    _timed("annotate: both editions",
           lambda: [annotator.annotate(eds[name], name) for eds in editions for name in ("hans", "hant")])


# ── A saved news page ────────────────────────────────────────────────────────

PAGE_BYTES = 300_000  # the UTF-8 page's size: a portal's article page with its inline scripts and styles
PAGE_SEED = 20250618  # the random choices (names, numbers, code) are the same on every run
PAGE_RUNS = 5
PAGE_PARAGRAPHS = 30
PAGE_COMMENTS = 30
PAGE_NAV_LINKS = 40
PAGE_HEADLINES = 50
_SENTENCE = re.compile(r"[^。！？]*[。！？][”’」』）]*")
_HALF_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_WIDTH_MARK = re.compile(r"(?<!\d)[,;:?!()]|[,;:?!()](?!\d)")  # not inside 1,000 or 09:30
KEYWORDS = ("人工智能", "新质生产力", "数字经济", "大模型", "算力", "实体经济", "数据要素", "科技创新", "产业链")
CHANNELS = ("首页 新闻 国内 国际 财经 股票 基金 科技 数码 手机 汽车 房产 家居 教育 健康 体育 NBA 娱乐 电影 音乐 "
            "文化 旅游 时尚 女性 军事 历史 读书 游戏 动漫 视频 图片 直播 博客 公益 政务 法治 评论 理论 专题 English").split()
NICKNAMES = ("经济观察者", "云端漫步", "老张说事", "江南烟雨", "数据小白", "追风少年", "理性看客", "北方的狼", "智造工程师",
             "一杯清茶")
PLACES = ("北京", "上海", "广东", "浙江", "江苏", "四川", "湖北", "山东", "河南", "陕西")
COMMENT_OPENERS = ("说得好，", "赞同！", "确实如此，", "同意楼上，", "", "个人觉得，", "关键在落实，", "学习了。")
COMMENT_CLOSERS = ("", "点赞！", "期待后续报道。", "希望能真正落地。", "写得很透彻。", "")


@dataclass(frozen=True)
class NewsPage:
    """A generated article page and what a reader should and should not get from it."""

    html: str
    charset: str  # declared in its <meta charset> and used to save it
    title: str
    paragraphs: tuple[str, ...]  # the article's paragraphs as a reader sees them (links' text kept)
    comments: tuple[str, ...]  # the comment box's comments
    headlines: tuple[str, ...]  # the sidebar's headlines

    def save(self, folder: Path) -> Path:
        """The page written as ``folder/page.html`` in its charset, as a browser's "save page" writes it."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "page.html"
        path.write_bytes(self.html.encode(self.charset, "xmlcharrefreplace"))
        return path


def _seed_prose(seeds: Path) -> tuple[list[str], list[str]]:
    """Sentences and heading-like lines of the Simplified seeds, in reading order, punctuation made full-width."""
    from site_gen.script import detect_script

    sentences: list[str] = []
    headings: list[str] = []
    for seed in sorted(seeds.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        if detect_script(text) != "hans":  # a mainland portal's page is in Simplified
            continue
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for number, line in enumerate(lines):
            line = line.lstrip("# ")
            if re.search(r"[<>&]|https?:", line):
                continue
            line = _HALF_WIDTH_MARK.sub(lambda mark: _HALF_WIDTH[mark.group()], line)
            # A short unpunctuated line below the seed's title and byline is a heading.
            if number >= 3 and 6 <= len(line) <= 24 and not re.search(r"[。！？，；：（\s■]", line):
                headings.append(line)
            sentences += [s for s in (m.strip() for m in _SENTENCE.findall(line)) if 15 <= len(s) <= 120]
    return list(dict.fromkeys(sentences)), list(dict.fromkeys(headings))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _style_sheet(rng: random.Random, rules: int) -> str:
    """A site's style sheet: one rule a line, over the page's own class names."""
    parts = ("top-bar nav logo search breadcrumb container main-left article article-title article-info "
             "article-content img-box share-bar comment-box comment-list comment-item user-info side-box "
             "news-list footer footer-links copyright btn icon tab hd bd clearfix fl fr").split()
    states = ("", "", " a", " li", " a:hover", " p", " span", " img", ".on", ".active", "::after", " h3")
    props = ("color:#{c}", "background:#{c}", "margin:{n}px {m}px", "padding:{n}px {m}px 0", "font-size:{n}px",
             "line-height:{m}px", "border-bottom:1px solid #{c}", "width:{w}px", "height:{m}px", "float:left",
             "overflow:hidden", "display:inline-block", "text-align:center", "position:relative", "z-index:{n}",
             "font-family:\"Microsoft YaHei\",\"PingFang SC\",sans-serif", "cursor:pointer", "white-space:nowrap")
    lines = []
    for _ in range(rules):
        selector = ",".join(f".{rng.choice(parts)}{rng.choice(states)}" for _ in range(rng.randint(1, 3)))
        body = ";".join(rng.choice(props).format(c=f"{rng.randrange(16**3):03x}", n=rng.randint(0, 24),
                                                 m=rng.randint(12, 48), w=rng.randint(60, 1200))
                        for _ in range(rng.randint(2, 6)))
        lines.append(f"{selector}{{{body}}}")
    return "\n".join(lines)


def _script_bundle(rng: random.Random, size: int) -> str:
    """Minified site code of about ``size`` characters: event wiring, lazy loading, requests, in long lines."""
    templates = (
        'function {f}({a},{b}){{var {c}=document.querySelectorAll("{sel}");for(var i=0;i<{c}.length;i++)'
        '{c}[i].addEventListener("{ev}",function(e){{{a}&&{a}.call(this,e,{b},{n})}});return {c}.length}}',
        '{o}.{f}=function({a}){{if(!{a}||"object"!=typeof {a})return null;var {b}={{}};for(var {c} in {a})'
        'Object.prototype.hasOwnProperty.call({a},{c})&&({b}[{c}]={a}[{c}]);return {b}.ts={n},{b}}};',
        'var {f}=function(){{var {a}=[{n},{m},{k},{n2}];return function({b}){{return {a}[{b}%{a}.length]^{m}}}}}();',
        '{o}.{f}=function({a},{b}){{var {c}=new XMLHttpRequest;{c}.open("GET","https://api.example.com.cn/{sel2}?id="'
        '+encodeURIComponent({a})+"&_={n}",!0),{c}.onreadystatechange=function(){{4=={c}.readyState&&200=={c}.status'
        '&&{b}(JSON.parse({c}.responseText))}},{c}.send(null)}};',
        'function {f}({a}){{var {b}={a}.getBoundingClientRect();{b}.top<window.innerHeight+{m}&&({a}.src={a}'
        '.getAttribute("data-src"),{a}.removeAttribute("data-src"))}}',
    )
    selectors = (".nav li", ".share-bar a", ".comment-item .like", ".news-list a", "img[data-src]", ".tab li",
                 "#artibody a.keyword", ".footer a")
    events = ("click", "mouseenter", "touchstart", "scroll", "load")
    name = lambda: "".join(rng.choice("abcdefghijklmnopqrstuvwxyz_$") for _ in range(rng.randint(1, 3)))  # noqa: E731
    out, length = [], 0
    while length < size:
        piece = rng.choice(templates).format(
            f=name(), a=name(), b=name(), c=name(), o=rng.choice(("window.SITE", "e", "t.prototype")),
            sel=rng.choice(selectors), sel2=rng.choice(("comment/list", "news/hot", "user/info", "stat/pv")),
            ev=rng.choice(events), n=rng.randint(0, 99999), m=rng.randint(0, 999), k=rng.randint(0, 999),
            n2=rng.randint(0, 99999))
        out.append(piece)
        length += len(piece)
        if rng.random() < 0.02:
            out.append("\n")
    return "".join(out)[:size]


def news_page(seeds: Path, charset: str = "utf-8") -> NewsPage:
    """A saved Chinese news article page of about PAGE_BYTES (in UTF-8), its prose taken from the seeds."""
    rng = random.Random(PAGE_SEED)
    sentences, headings = _seed_prose(seeds)
    site = "https://www.example.com.cn"
    title = "以人工智能赋能新质生产力加快发展"
    # The article: the seeds' sentences in order, 3 to 5 a paragraph, a keyword link in every third one.
    paragraphs, markup, taken = [], [], 0
    for number in range(PAGE_PARAGRAPHS):
        count = rng.randint(3, 5)
        text = "".join(sentences[taken:taken + count])
        taken += count
        html = _escape(text)
        keyword = next((word for word in KEYWORDS if word in text), None) if number % 3 == 1 else None
        if keyword:
            html = html.replace(keyword, f'<a href="{site}/keyword/{KEYWORDS.index(keyword)}.html" '
                                         f'class="keyword" target="_blank">{keyword}</a>', 1)
        if number and number % 9 == 0 and headings:
            heading = _escape(headings[number // 9 % len(headings)])
            markup.append(f'<p class="sub-title"><strong>{heading}</strong></p>')
        markup.append(f"<p>{html}</p>")
        if number == 2:
            markup.append(f'<div class="img-box"><img src="{site}/img/2025/06/18/a{PAGE_SEED}.jpg" '
                          f'alt="{title}" width="600" height="400"><p class="img-desc">图为某智能制造工厂的自动化生产线。'
                          "（资料图片）</p></div>")
        paragraphs.append(text)
    article_text = "".join(paragraphs)
    rest = [s for s in sentences[taken:] if s not in article_text]
    # The comments and the sidebar: the sentences the article did not use, none of it the article's text.
    comments = []
    for index in range(PAGE_COMMENTS):
        body = rest[index % len(rest)]
        comment = rng.choice(COMMENT_OPENERS) + (body if index % 4 else body.split("，")[0] + "。") + \
            rng.choice(COMMENT_CLOSERS)
        comments.append(comment)
    headlines = []
    for sentence in rest[PAGE_COMMENTS:] + rest[:PAGE_COMMENTS]:
        clause = re.split(r"[，。；：！？]", sentence)[0].strip("“”")
        if 8 <= len(clause) <= 26 and clause not in article_text and clause not in headlines:
            headlines.append(clause)
        if len(headlines) == PAGE_HEADLINES:
            break
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        f'<meta charset="{charset}">',
        '<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">',
        '<meta name="renderer" content="webkit">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no">',
        f"<title>{title}_财经频道_示例新闻网</title>",
        f'<meta name="keywords" content="{",".join(KEYWORDS)}">',
        f'<meta name="description" content="{_escape(paragraphs[0][:120])}">',
        '<meta name="author" content="张明远">',
        '<meta name="robots" content="index,follow">',
        '<meta name="publishdate" content="2025-06-18">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{_escape(paragraphs[0][:120])}">',
        f'<meta property="og:url" content="{site}/finance/2025-06/18/c_{PAGE_SEED}.htm">',
        f'<meta property="og:image" content="{site}/img/2025/06/18/a{PAGE_SEED}.jpg">',
        '<meta property="og:site_name" content="示例新闻网">',
        '<meta property="article:published_time" content="2025-06-18T09:32:15+08:00">',
        f'<link rel="canonical" href="{site}/finance/2025-06/18/c_{PAGE_SEED}.htm">',
        f'<link rel="shortcut icon" href="{site}/favicon.ico">',
        f'<link rel="stylesheet" href="{site}/static/css/common.min.css?v=20250601">',
        '<script type="application/ld+json">' + json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
            "datePublished": "2025-06-18T09:32:15+08:00", "author": {"@type": "Person", "name": "张明远"},
            "publisher": {"@type": "Organization", "name": "示例新闻网"}}, ensure_ascii=False) + "</script>",
        "<script>var _hmt=_hmt||[];(function(){var hm=document.createElement(\"script\");"
        "hm.src=\"https://hm.baidu.com/hm.js?0f1e2d3c4b5a69788796a5b4c3d2e1f0\";var s=document."
        "getElementsByTagName(\"script\")[0];s.parentNode.insertBefore(hm,s)})();</script>",
        "<script>window.__PAGE_CONFIG__=" + json.dumps({
            "channel": "finance", "subChannel": "industry", "docId": f"c_{PAGE_SEED}", "pageType": "article",
            "adSlots": [{"id": f"ad_{slot:03d}", "size": rng.choice(["300x250", "728x90", "300x600", "960x90"]),
                         "pos": rng.choice(["top", "right", "bottom", "inner"]), "refresh": rng.randint(0, 60),
                         "targeting": {"kw": rng.sample(KEYWORDS, 3), "ab": rng.randint(0, 9)}}
                        for slot in range(60)]}, ensure_ascii=False) + ";</script>",
        "<style>", _style_sheet(rng, 650), "</style>",
        "</head>",
    ]
    nav = [f'<li><a href="{site}/{"" if i == 0 else f"c{i:02d}/"}" target="_blank">{name}</a></li>'
           for i, name in enumerate(CHANNELS[:PAGE_NAV_LINKS])]
    comment_items = [
        f'<li class="comment-item" data-id="{9000000 + i * 37}">\n'
        f'<div class="user-info"><img class="avatar" src="{site}/avatar/{i % 10}.png" alt="">'
        f'<a class="nickname" href="{site}/u/{1000 + i}">{NICKNAMES[i % len(NICKNAMES)]}{i + 7}</a>'
        f'<span class="location">{PLACES[i % len(PLACES)]}</span></div>\n'
        f'<div class="comment-txt">{_escape(comment)}</div>\n'
        f'<div class="comment-meta"><span class="time">2025-06-18 {10 + i // 6}:{(i * 7) % 60:02d}</span>'
        f'<a class="reply" href="javascript:;">回复</a><a class="like" href="javascript:;">赞（{rng.randint(0, 300)}）</a>'
        "</div>\n</li>"
        for i, comment in enumerate(comments)]
    boxes = (("热点新闻", 0, 20), ("24小时排行", 20, 35), ("推荐阅读", 35, PAGE_HEADLINES))
    sidebar = []
    for name, first, last in boxes:
        sidebar.append(f'<div class="side-box"><div class="hd"><h3>{name}</h3></div>'
                       '<div class="bd"><ul class="news-list">')
        sidebar += [f'<li><span class="num">{i - first + 1}</span><a href="{site}/finance/2025-06/1{i % 8}/'
                    f'c_{PAGE_SEED + i}.htm" title="{_escape(line)}" target="_blank">{_escape(line)}</a></li>'
                    for i, line in enumerate(headlines[first:last], start=first)]
        sidebar.append("</ul></div></div>")
    body = [
        '<body class="article-page">',
        '<div class="top-bar"><div class="container"><a href="/">示例新闻网</a> | <a href="/m/">手机版</a> | '
        '<a href="/app/">客户端</a><span class="fr"><a href="/login">登录</a> <a href="/register">注册</a>'
        "</span></div></div>",
        f'<div class="header"><div class="logo"><a href="{site}/"><img src="{site}/static/img/logo.png" '
        'alt="示例新闻网"></a></div>',
        f'<form class="search" action="{site}/search"><input type="text" name="q" placeholder="搜索">'
        '<button type="submit">搜索</button></form></div>',
        '<div class="nav" id="nav"><ul>', *nav, "</ul></div>",
        f'<div class="breadcrumb"><a href="{site}/">首页</a> &gt; <a href="{site}/c04/">财经</a> &gt; '
        f'<a href="{site}/c04/industry/">产业经济</a> &gt; 正文</div>',
        '<div class="container clearfix"><div class="main-left fl">',
        '<div class="article" id="article">',
        f'<h1 class="article-title">{title}</h1>',
        '<div class="article-info"><span class="time">2025-06-18 09:32:15</span>'
        '<span class="source">来源：经济日报</span><span class="author">作者：张明远</span></div>',
        '<div class="article-content" id="artibody">', *markup,
        '<p class="editor">（责任编辑：李华）</p>', "</div>",
        '<div class="share-bar"><span>分享到：</span><a class="wechat" href="javascript:;">微信</a>'
        '<a class="weibo" href="javascript:;">微博</a><a class="qzone" href="javascript:;">QQ空间</a>'
        '<a class="copy" href="javascript:;">复制链接</a><span class="like">点赞（1024）</span></div>',
        "</div>",
        '<div class="comment-box" id="comment"><div class="hd"><h3>网友评论</h3><span>已有'
        f'{PAGE_COMMENTS}条评论</span></div>',
        '<form class="comment-form"><textarea placeholder="文明上网，理性发言"></textarea><button>发表评论</button></form>',
        '<ul class="comment-list">', *comment_items, "</ul>",
        f'<div class="more"><a href="{site}/comment/c_{PAGE_SEED}">查看全部评论</a></div></div>',
        "</div>",
        '<div class="sidebar main-right fr">', *sidebar, "</div>",
        "</div>",
        '<div class="footer"><div class="footer-links">' + " | ".join(
            f'<a href="{site}/about/{slug}.html">{name}</a>' for slug, name in (
                ("about", "关于我们"), ("contact", "联系我们"), ("ads", "广告服务"), ("sitemap", "网站地图"),
                ("jobs", "招聘信息"), ("law", "法律声明"))) + "</div>",
        '<p class="copyright">Copyright &copy; 2025 示例新闻网 版权所有 未经授权禁止转载</p>',
        '<p>京ICP备12345678号-1 京公网安备11010502000000号 违法和不良信息举报电话：010-12345678</p></div>',
        "<script>window.__INITIAL_STATE__=" + json.dumps({
            "article": {"id": f"c_{PAGE_SEED}", "title": title, "content": "".join(markup)},
            "comments": [{"id": 9000000 + i * 37, "text": text} for i, text in enumerate(comments)],
            "related": [{"title": line, "url": f"{site}/finance/c_{PAGE_SEED + i}.htm"}
                        for i, line in enumerate(headlines)],
        }, ensure_ascii=False).replace("</", "<\\/") + ";</script>",
    ]
    so_far = len("\n".join(head + body).encode("utf-8"))
    tail = ["<script>", _script_bundle(rng, max(PAGE_BYTES - so_far - 40, 0)), "</script>", "</body>", "</html>"]
    return NewsPage(html="\n".join(head + body + tail) + "\n", charset=charset, title=title,
                    paragraphs=tuple(paragraphs), comments=tuple(comments), headlines=tuple(headlines))


# One page in a fresh process: the time includes what the stages load on first use (dictionaries, jieba).
_FIRST_PAGE = ("import sys, time; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
               "from site_gen.clean import clean; from site_gen.read.ingest import read_source; "
               "from site_gen.structure import structure; started = time.perf_counter(); "
               "structure(clean(read_source(Path(sys.argv[2])))); print(time.perf_counter() - started)")
FIRST_PAGE_RUNS = 3


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _spread(label: str, times: list[float]) -> None:
    print(f"{label:<42} {statistics.median(times):8.2f} s"
          f"  (min {min(times):.2f}, max {max(times):.2f}; {len(times)} runs)")


def _page_figures(runs: int) -> None:
    """Read, clean and structure one saved news page of about 300 KB, in UTF-8 and in GBK."""
    from site_gen.clean import clean
    from site_gen.read.ingest import read_source
    from site_gen.structure import structure

    with tempfile.TemporaryDirectory() as tmp:
        for charset, name in (("utf-8", "UTF-8"), ("gbk", "GBK")):
            path = news_page(ROOT / "seeds", charset).save(Path(tmp) / charset)
            if charset == "utf-8":
                command = [sys.executable, "-c", _FIRST_PAGE, str(ROOT), str(path)]
                first = [float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                         for _ in range(FIRST_PAGE_RUNS)]
            essays = structure(clean(read_source(path)))  # not counted: this process's first call loads things
            blocks = sum(len(essay.blocks) for essay in essays)
            kept = f"{len(essays)} essay{'s' * (len(essays) != 1)}, {blocks} blocks"
            print(f"{f'news page, {name}: {kept}':<42} {path.stat().st_size / 1e3:8.0f} KB")
            _spread("  read + clean + structure, median", [_seconds(lambda: structure(clean(read_source(path))))
                                                          for _ in range(runs)])
            if charset == "utf-8":
                _spread("  the same, first page in a fresh process", first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1, help="build a corpus of N copies of the seeds")
    parser.add_argument("--page-only", action="store_true", help="print only the saved-page figure (about 10 s)")
    parser.add_argument("--runs", type=int, default=PAGE_RUNS, help="timed runs of the saved-page figure")
    args = parser.parse_args()
    if args.page_only:
        _page_figures(args.runs)
        return
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    # Stage figures first, while nothing is loaded in this process yet.
    _stage_figures(seeds)
    print()
    _page_figures(args.runs)
    print()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "seeds"
        corpus.mkdir()
        for copy in range(args.copies):
            for seed in seeds:
                name = seed.name if copy == 0 else f"{copy:03d}{seed.name}"
                shutil.copy(seed, corpus / name)
                sidecar = seed.with_suffix(".toml")
                if sidecar.exists():
                    shutil.copy(sidecar, (corpus / name).with_suffix(".toml"))
        # Each build is a fresh process, as a user runs it: nothing preloaded.
        command = [sys.executable, "-m", "site_gen", "build", "--source", str(corpus), "-q"]
        run = lambda: subprocess.run(command, cwd=work, check=True)  # noqa: E731
        print(f"corpus: {len(list(corpus.glob('*.txt')))} seeds")
        _timed("cold build (empty cache), whole process", run)
        _timed("rebuild, nothing changed, whole process", run)
        # A new seed with its own content (an identical copy would be a cache hit).
        extra = corpus / "999_new_seed.txt"
        extra.write_text(seeds[-1].read_text(encoding="utf-8") + "\n新增的一段文字。\n", encoding="utf-8")
        _timed("rebuild after one new seed, whole process", run)
        site = work / "_site"
        pages = sorted(site.rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        print(f"{'pages / total size':<42} {len(pages):8d}   {sum(p.stat().st_size for p in pages) / 1e6:.1f} MB")
        print(f"{'largest page':<42} {largest.stat().st_size / 1e3:8.0f} KB  {largest.relative_to(site)}")
    stages = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    builds = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory, stage figures (this process)':<42} {stages:8.0f} MB")
    print(f"{'peak memory, largest build process':<42} {builds:8.0f} MB")


if __name__ == "__main__":
    main()
