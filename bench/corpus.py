"""Synthetic corpora for the scale benchmark: essays recombined from the real seeds' own text.

    from bench.corpus import write_corpus
    essays = write_corpus(Path("work/seeds"), 100)   # essay0001.txt … essay0100.html

Each essay has about ``ESSAY_HAN`` Han characters of paragraphs (runs of a seed paragraph's
sentences, now and then with a sentence of another paragraph added), headings taken from the
seeds, a title of its own (two heading fragments and its number in Chinese, 第十二篇) and a
byline. The seeds' kinds of noise are mixed in at a low rate: words lost as ``&&``, a follow
prompt, editor credit or share box, a page number in the middle of a cut paragraph, a spam line
after the end; some essays are written in Traditional script (OpenCC ``s2tw``), some as Markdown
with front matter, some as a saved HTML page with navigation and footer around the article.

Everything is decided by ``random.Random`` seeded with the essay's number and ``SEED``, so essay
*n* is the same bytes in every corpus that holds it: the corpus of 10 is the first 10 of the
corpus of 100, and a "new" essay is simply one with the next number.
"""

from __future__ import annotations

import datetime
import html
import random
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = 20251108
ESSAY_HAN = 5000  # Han characters of paragraph text in each essay
HAN = re.compile(r"[\u3400-\u9fff]")
FORMATS = ("txt", "md", "html", "txt", "txt", "md", "txt", "txt", "html", "txt")  # by number, cycling
TRADITIONAL_EVERY = 6  # essay numbers 1, 7, 13, … are written in Traditional script
TITLE_MAX_CHARS = 30
NOISE_KINDS = ("gap", "follow", "editor", "share", "page", "spam")

_SENTENCE = re.compile(r"[^。！？]*[。！？][”’」』）]*")
_HALF_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_WIDTH_MARK = re.compile(r"(?<!\d)[,;:?!()]|[,;:?!()](?!\d)")  # not inside 1,000 or 09:30
_SPACE_BY_CHINESE = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000]+|[ \t\u3000]+(?=[^\x00-\x7f])")
_NOT_PROSE = re.compile(r"[<>|■]|&&|https?:|^[（(【—]|作者|编辑|本版|图源|公益")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏晖晓志文斌宇浩凯健俊帆帅旭宁龙林欣辉力明永健世广义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进"
INSTITUTIONS = (
    "北京大学", "清华大学", "中国人民大学", "复旦大学经济学院", "中国社会科学院经济研究所", "国务院发展研究中心",
    "中国科学院科技战略咨询研究院", "南开大学", "浙江大学管理学院", "中共中央党校（国家行政学院）", "武汉大学",
    "北京市社会科学院", "上海社会科学院", "国家信息中心", "中国宏观经济研究院",
)
FOLLOW_PROMPTS = ("点击上方蓝字关注我们", "点击上方蓝字，关注我们", "长按识别二维码关注")
SHARE_BOXES = ("分享到：微信 微博 QQ空间", "【打印】【关闭】", "扫一扫在手机打开当前页")
SPAM_LINES = ("博彩娱乐城 加微信送彩金", "百家乐 时时彩 加QQ 12345678", "办证 发票代开 加微 13800000000")
SITE_NAME = "示例观察网"
NAV = ("首页", "要闻", "时政", "经济", "理论", "评论", "科技", "文化", "专题", "视频")


@dataclass(frozen=True)
class Block:
    """One line of an essay's body: a heading, a paragraph, the first half of a paragraph cut by a
    page break (``cut``, joined to the paragraph after it), or a line of noise a cleaner removes."""

    kind: str  # "heading", "para", "cut" or "noise"
    text: str  # Simplified; a gap is written ``&&``


@dataclass(frozen=True)
class Essay:
    number: int
    title: str  # Simplified, as every field here; ``script`` says what the files are written in
    byline: str
    author: str
    date: datetime.date
    script: str  # "hans" or "hant"
    format: str  # "txt", "md" or "html"
    head_noise: tuple[str, ...]  # lines between the byline and the text (a follow prompt)
    blocks: tuple[Block, ...]
    noise: tuple[str, ...]  # the kinds of noise mixed in, from NOISE_KINDS

    @property
    def name(self) -> str:
        return f"essay{self.number:04d}.{self.format}"

    def in_script(self, text: str) -> str:
        return _converter("s2tw").convert(text) if self.script == "hant" else text

    def seed_text(self) -> str:
        """The seed file's text, noise and all, as a scrape of this essay would be saved."""
        render = {"txt": self._txt, "md": self._md, "html": self._html}[self.format]
        return self.in_script(render())

    def clean_blocks(self) -> list[tuple[str, str]]:
        """(kind, text) of the headings and paragraphs as a reader should get them, in the essay's script."""
        out: list[tuple[str, str]] = []
        carried = ""
        for block in self.blocks:
            if block.kind == "noise":
                continue
            if block.kind == "cut":
                carried += block.text
                continue
            out.append((block.kind, self.in_script(carried + block.text).replace("&&", "")))
            carried = ""
        return out

    def plain_lines(self) -> list[str]:
        """The title, byline, headings and paragraphs, one a line: what a segmenter is given."""
        return [self.in_script(self.title), self.in_script(self.byline)] + [text for _, text in self.clean_blocks()]

    def markdown(self, front_matter: str) -> str:
        """The clean essay as plain Markdown for another generator; ``front_matter`` is its metadata head."""
        body = [f"## {text}" if kind == "heading" else text for kind, text in self.clean_blocks()]
        return front_matter + "\n" + "\n\n".join([self.in_script(self.byline)] + body) + "\n"

    def han_count(self) -> int:
        """Han characters of the paragraphs (headings, title and noise not counted)."""
        return sum(len(HAN.findall(b.text)) for b in self.blocks if b.kind in ("para", "cut"))

    def with_paragraph(self, text: str) -> Essay:
        """The essay with one more paragraph after its last one (before any noise at its end)."""
        at = max(i for i, block in enumerate(self.blocks) if block.kind == "para") + 1
        return replace(self, blocks=self.blocks[:at] + (Block("para", text),) + self.blocks[at:])

    # ── the three formats ──

    def _body_lines(self, heading_mark: str = "") -> list[str]:
        return [f"{heading_mark}{b.text}" if b.kind == "heading" else b.text for b in self.blocks]

    def _txt(self) -> str:
        head = ["", self.title, "", self.byline]
        if self.number % 2:
            head.append(f"{self.date.year}年{self.date.month:02d}月{self.date.day:02d}日")
        gap = "\n" if self.number % 3 == 0 else "\n\n"  # some scrapes keep blank lines between paragraphs
        return "\n".join(head) + "\n\n" + gap.join([*self.head_noise, *self._body_lines()]) + "\n"

    def _md(self) -> str:
        front = (f'---\ntitle: "{self.title}"\ndate: {self.date.isoformat()}\nauthor: "{self.author}"\n'
                 f"categories: [\"理论\"]\ndraft: false\n---\n\n")
        return front + "\n\n".join([self.byline, *self.head_noise, *self._body_lines("## ")]) + "\n"

    def _html(self) -> str:
        esc = lambda text: html.escape(text, quote=False)  # noqa: E731
        body = [f"<h2>{esc(b.text)}</h2>" if b.kind == "heading" else f"<p>{esc(b.text)}</p>" for b in self.blocks]
        nav = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(NAV))
        return "\n".join([
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{esc(self.title)}_{SITE_NAME}</title>",
            f'<meta name="author" content="{esc(self.author)}">',
            f'<meta name="publishdate" content="{self.date.isoformat()}">',
            "</head>",
            "<body>",
            f'<header class="site-header"><a class="logo" href="/">{SITE_NAME}</a>',
            f'<nav class="main-nav"><ul>{nav}</ul></nav></header>',
            f'<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/4/">理论</a> &gt; 正文</div>',
            '<main><article class="article">',
            f"<h1>{esc(self.title)}</h1>",
            f'<p class="byline">{esc(self.byline)}　<time>{self.date.isoformat()}</time></p>',
            *(f"<p>{esc(line)}</p>" for line in self.head_noise),
            *body,
            "</article></main>",
            '<footer class="site-footer"><p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | '
            '<a href="/sitemap/">网站地图</a></p>',
            f"<p>Copyright © 2025 {SITE_NAME} 版权所有 未经授权禁止转载</p></footer>",
            "</body>",
            "</html>",
            "",
        ])


@lru_cache(maxsize=2)
def _converter(kind: str):
    from opencc import OpenCC

    return OpenCC(kind)


@dataclass(frozen=True)
class Pool:
    """What essays are made of: the seeds' paragraphs (as sentence lists), headings and title fragments."""

    paragraphs: tuple[tuple[str, ...], ...]
    headings: tuple[str, ...]
    fragments: tuple[str, ...]


def _tidy(line: str) -> str:
    """A seed line in Simplified, with full-width punctuation and no spaces beside Chinese."""
    line = _converter("t2s").convert(line.strip().lstrip("#").strip())
    line = _HALF_WIDTH_MARK.sub(lambda mark: _HALF_WIDTH[mark.group()], line)
    return _SPACE_BY_CHINESE.sub("", line)


def _is_paragraph(line: str) -> bool:
    return len(HAN.findall(line)) >= 60 and line.endswith(("。", "”", "）")) and not _NOT_PROSE.search(line)


@lru_cache(maxsize=4)
def seed_pool(seeds: Path = SEEDS) -> Pool:
    """The real seeds' text split into title/byline/paragraph lines, in Simplified."""
    paragraphs: list[tuple[str, ...]] = []
    headings: list[str] = []
    for seed in sorted(seeds.glob("*.txt")):
        lines = [_tidy(line) for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        prose = [i for i, line in enumerate(lines) if _is_paragraph(line)]
        for number, line in enumerate(lines):
            if number in prose:
                sentences = tuple(s.strip() for s in _SENTENCE.findall(line) if s.strip())
                if sentences:
                    paragraphs.append(sentences)
            # A heading: a short line without sentence marks between the seed's first and last paragraphs.
            elif (prose[0] < number < prose[-1] and 8 <= len(HAN.findall(line)) <= 30
                  and not _NOT_PROSE.search(line) and not re.search(r"[。！？；]", line)):
                headings.append(line)
    fragments = {part for heading in headings for part in re.split(r"[，：\s]", heading)
                 if 6 <= len(HAN.findall(part)) <= 16 and not re.match(r"^[一二三四五六七八九十]、", part)}
    return Pool(tuple(paragraphs), tuple(dict.fromkeys(headings)), tuple(sorted(fragments)))


def chinese_number(n: int) -> str:
    """``n`` (1–99,999) written in Chinese: 十二, 一百零五, 一千零一, 二万三千四百五十六."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100_000:
        raise ValueError(n)
    units = ((10_000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, ""))
    out, zero = "", False
    for value, unit in units:
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ("" if (digit == 1 and unit == "十" and not out) else digits[digit]) + unit
    return out


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _paragraph(rng: random.Random, pool: Pool, room: int, sentences: tuple[str, ...] | None = None) -> str:
    """A run of one seed paragraph's sentences, sometimes with one from elsewhere: ``room`` Han characters at most
    (but never less than one sentence)."""
    sentences = sentences or rng.choice(pool.paragraphs)
    start = rng.randrange(len(sentences))
    run = list(sentences[start:start + rng.randint(2, 6)]) or list(sentences)
    if rng.random() < 0.4:
        run.append(rng.choice(rng.choice(pool.paragraphs)))
    text = ""
    for sentence in run:
        if text and len(HAN.findall(text + sentence)) > room:
            break
        text += sentence
    return text


def _lose_words(rng: random.Random, text: str, count: int) -> str:
    """``count`` two-character words of ``text`` replaced by ``&&``, as a scrape loses them."""
    for _ in range(count):
        places = [m.start() for m in re.finditer(r"(?<=[\u4e00-\u9fff]{3})[\u4e00-\u9fff]{2}(?=[\u4e00-\u9fff])", text)]
        if places:
            at = rng.choice(places)
            text = text[:at] + "&&" + text[at + 2:]
    return text


def make_essay(number: int, pool: Pool | None = None, seed: int = SEED, han: int = ESSAY_HAN) -> Essay:
    """Essay ``number`` (1-based) of the corpus made with ``seed``: the same on every call."""
    pool = pool or seed_pool()
    rng = random.Random(f"{seed}:{number}")
    numbered = f"（第{chinese_number(number)}篇）"
    first = rng.choice(pool.fragments)
    # Titles are as short as real ones: a longer line would not be taken for a title (nor is it one).
    seconds = [f for f in pool.fragments if f != first and len(first + f + numbered) < TITLE_MAX_CHARS]
    title = f"{first}，{rng.choice(seconds)}{numbered}" if seconds else first + numbered
    author = _name(rng)
    style = rng.randrange(4)
    byline = (f"■ {rng.choice(INSTITUTIONS)} {author}", f"{author} {_name(rng)}", f"作者：{author}",
              f"{rng.choice(INSTITUTIONS)} {author}")[style]
    date = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(700))
    blocks: list[Block] = []
    total, since_heading = 0, 0
    # No seed paragraph or heading twice in one essay (a repeat reads as a second copy of the text).
    sources = rng.sample(pool.paragraphs, len(pool.paragraphs))
    headings = rng.sample(pool.headings, len(pool.headings))
    while total < han - 60:
        if since_heading >= rng.randint(3, 6) and total < han - 600 and headings:
            blocks.append(Block("heading", headings.pop()))
            since_heading = 0
        text = _paragraph(rng, pool, han - total, sources.pop() if sources else None)
        if not text:
            continue
        blocks.append(Block("para", text))
        total += len(HAN.findall(text))
        since_heading += 1
    noise: list[str] = []
    # Words lost as &&: one to three in every other essay.
    if number % 2 == 1:
        paras = [i for i, b in enumerate(blocks) if b.kind == "para"]
        for i in rng.sample(paras, min(len(paras), rng.randint(1, 3))):
            blocks[i] = Block("para", _lose_words(rng, blocks[i].text, 1))
        noise.append("gap")
    head_noise: tuple[str, ...] = ()
    chrome = ("follow", "editor", "share")[number % 3]
    noise.append(chrome)
    if chrome == "follow":
        head_noise = (rng.choice(FOLLOW_PROMPTS),)
    elif chrome == "editor":
        blocks.append(Block("noise", f"（责任编辑：{_name(rng)}）"))
    else:
        blocks.append(Block("noise", rng.choice(SHARE_BOXES)))
    # A page break in the middle of a paragraph cut at a comma: every third essay.
    if number % 3 == 1:
        middle = [i for i, b in enumerate(blocks) if b.kind == "para" and "，" in b.text[10:-10]]
        if middle:
            i = middle[len(middle) // 2]
            text = blocks[i].text
            cut = text.index("，", 10) + 1
            page = rng.choice(("第2页", "第 2 页", "— 2 —"))
            blocks[i:i + 1] = [Block("cut", text[:cut]), Block("noise", page), Block("para", text[cut:])]
            noise.append("page")
    if number % 4 == 2:
        blocks.append(Block("noise", rng.choice(SPAM_LINES)))
        noise.append("spam")
    return Essay(number=number, title=title, byline=byline, author=author, date=date,
                 script="hant" if number % TRADITIONAL_EVERY == 1 else "hans",
                 format=FORMATS[(number - 1) % len(FORMATS)], head_noise=head_noise, blocks=tuple(blocks),
                 noise=tuple(noise))


def make_corpus(count: int, first: int = 1, seed: int = SEED, han: int = ESSAY_HAN) -> list[Essay]:
    """Essays ``first`` … ``first + count - 1``."""
    pool = seed_pool()
    return [make_essay(number, pool, seed, han) for number in range(first, first + count)]


def write_essay(folder: Path, essay: Essay) -> Path:
    path = folder / essay.name
    path.write_bytes(essay.seed_text().encode("utf-8"))
    return path


def write_corpus(folder: Path, count: int, seed: int = SEED, han: int = ESSAY_HAN) -> list[Essay]:
    """``count`` essays written into ``folder`` as seed files; returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    essays = make_corpus(count, seed=seed, han=han)
    for essay in essays:
        write_essay(folder, essay)
    return essays


def extra_paragraph(number: int, seed: int = SEED) -> str:
    """A paragraph to append to an essay when a benchmark edits a seed (its ``number``-th edit)."""
    return _paragraph(random.Random(f"{seed}:edit:{number}"), seed_pool(), 400)
