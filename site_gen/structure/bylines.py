"""Bylines: recognise an author line and split it into the people (or institution) it names.

Newspapers pad two-character names to the width of three (``王 鹏``), print an
affiliation before the name (``北京大学 董志勇``), a desk before a reporter
(``中国组记者翁维恺``), or an institution alone. A byline is short, carries no
sentence punctuation, and every piece of it is a name, an institution or a role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import CJK, jieba_module, has_sentence_marks

# The commonest Chinese surnames (Simplified); Traditional text is converted before the lookup.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满"
    "闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普"
    "阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭"
    "干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "澹台", "南宫", "西门")

# Endings that make a run of characters an organisation's name.
INSTITUTION_ENDINGS = (
    "研究院", "研究所", "研究中心", "中心", "大学", "学院", "学校", "课题组", "小组", "组", "院", "所",
    "委员会", "办公室", "部", "局", "厅", "署", "智库", "协会", "学会", "研究会", "集团", "公司", "报社", "编辑部",
)
# Words that introduce the person who wrote the piece: what follows them is the name.
ROLE_WORDS = ("特约记者", "见习记者", "记者", "通讯员", "撰稿人", "撰稿", "撰文", "执笔", "作者")
# Words that stand alone in a byline before a name (原创 澎湃新闻记者 刘晨 实习生 周雨桐): no one's name.
ROLE_TOKENS = ROLE_WORDS + ("实习生", "原创", "摄影", "楼主", "编译")
# "／台北報導": where the reporter filed from, after the name.
_FILED_FROM = re.compile(r"\s*(?:[／/]\s*[\u4e00-\u9fff]{1,6}(?:报道|報導|報道|电|電)|(?:发自|發自)[\u4e00-\u9fff]{1,6})$")
# A Latin byline printed in capitals under the title, as international outlets do (CADE METZ).
_CAPITALS_NAME = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){1,3}$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}$")
# Ornaments newspapers print in front of a byline.
_ORNAMENT = re.compile(r"^[■□●○◆◇▲△★☆▪•·|｜\s]+")
_LABEL = re.compile(r"^(作者|文|撰文|撰稿|执笔|執筆|記者|记者|楼主|樓主)\s*[：:／/|｜]\s*")
_SEPARATORS = re.compile(r"[\s\u3000、，,;；／/]+")
_CJK_RUN = re.compile(f"^[{CJK}·]+$")
BYLINE_MAX_CHARS = 40


@dataclass(frozen=True)
class Byline:
    """What a byline says: the authors in order, and an affiliation printed beside them."""

    authors: tuple[str, ...]
    affiliation: str = ""


@lru_cache(maxsize=1)
def _to_simplified():
    from ..conversion import converter

    return converter("t2s").convert


def _posseg():
    jieba_module()  # quiet start-up
    import jieba.posseg

    return jieba.posseg


def simplified(text: str) -> str:
    """The text in Simplified script (so one list of words serves both scripts)."""
    return _to_simplified()(text)


def is_person_name(token: str) -> bool:
    """Two or three characters after a known surname (four with a two-character surname)."""
    if not _CJK_RUN.match(token) or not 2 <= len(token) <= 4:
        return False
    plain = simplified(token)
    if plain.startswith(COMPOUND_SURNAMES):
        return len(plain) >= 3
    # Four characters after a one-character surname is a phrase (公益宣传), not a name.
    return len(plain) <= 3 and plain[0] in SURNAMES and not _is_common_word(plain)


def _is_common_word(plain: str) -> bool:
    """A dictionary word that is not a name (关注, 收藏): a surname list alone would take it for one."""
    pairs = list(_posseg().cut(plain))
    return len(pairs) == 1 and plain in jieba_module().dt.FREQ and not pairs[0].flag.startswith("nr")


def _could_be_name(token: str) -> bool:
    """Any two to four Chinese characters, or a Latin name: what a labelled byline may name."""
    return bool((_CJK_RUN.match(token) and 2 <= len(token) <= 4) or _LATIN_NAME.match(token))


def is_institution(token: str) -> bool:
    """A name ending like an organisation's (…研究院, …大学, …课题组) with no verb in it."""
    if not _CJK_RUN.match(token) or len(token) < 4:
        return False
    plain = simplified(token)
    if not plain.endswith(INSTITUTION_ENDINGS):
        return False
    posseg = _posseg()
    # "打造国际科技创新中心" ends like an institution but is a verb phrase (a heading).
    return not any(pair.flag == "v" for pair in posseg.cut(plain))


def _tokens(text: str) -> list[str]:
    """Byline pieces, with padded single characters (``刘 晖``) joined back into one name."""
    pieces = [piece for piece in _SEPARATORS.split(text) if piece]
    tokens: list[str] = []
    run: list[str] = []
    for piece in pieces + [""]:
        if len(piece) == 1 and _CJK_RUN.match(piece):
            run.append(piece)
            continue
        if run:
            tokens.append("".join(run))
            run = []
        if piece:
            tokens.append(piece)
    return tokens


def _split_role(token: str) -> tuple[str, str] | None:
    """``中国组记者翁维恺`` -> (desk, name) when a role word sits before a name."""
    plain = simplified(token)
    for role in ROLE_WORDS:
        at = plain.find(role)
        if at >= 0 and is_person_name(token[at + len(role):]):
            return token[:at], token[at + len(role):]
    return None


def read_byline(text: str, hinted: bool = False) -> Byline | None:
    """The byline's authors, or None when the line is not a byline.

    ``hinted`` lines come from a front-matter author field: they may use commas
    between names, and a piece that is neither name nor institution is kept as written.
    """
    text = _ORNAMENT.sub("", text.strip())
    labelled = bool(_LABEL.match(text))
    text = _FILED_FROM.sub("", _LABEL.sub("", text))
    if not text or len(text) > BYLINE_MAX_CHARS:
        return None
    if not hinted and (has_sentence_marks(text) or any(mark in text for mark in "，：:《》“”（）()")):
        return None
    if ((labelled or hinted) and _LATIN_NAME.match(text)) or _CAPITALS_NAME.match(text):
        return Byline((text,))
    people: list[str] = []
    institutions: list[str] = []
    tokens = _tokens(text)
    for index, token in enumerate(tokens):
        plain = simplified(token)
        after_role = index > 0 and simplified(tokens[index - 1]).endswith(ROLE_TOKENS)
        before_role = index + 1 < len(tokens) and simplified(tokens[index + 1]) in ROLE_TOKENS
        role = _split_role(token)
        if plain in ROLE_TOKENS or (plain.endswith(ROLE_WORDS) and role is None and len(plain) > 2):
            continue  # 记者, 实习生, 澎湃新闻记者: who they are, not their names
        if role is not None:
            people.append(role[1])  # the desk before 记者 (中国组) tells a reader nothing about the author
        elif is_person_name(token) or ((labelled or after_role) and _could_be_name(token) and not before_role):
            people.append(token)
        elif is_institution(token):
            institutions.append(token)
        elif hinted:
            people.append(token)
        elif (labelled or before_role) and not people:
            continue  # the outlet before 记者 (财新 记者 戚展宁)
        else:
            return None
    if people:
        return Byline(tuple(people), " ".join(institutions))
    if institutions:
        return Byline(tuple(institutions))
    return None


# A dispatch names its reporters in its opening bracket: 新华社北京1月15日电（记者 周圆、赵文君）, 〔記者楊綺雯／台北報導〕.
_DATELINE = re.compile(
    r"^[^，。（(〔【]{0,24}?[（(〔【]\s*(?:本报|本報)?(?:特约|特約|见习|見習)?(?:记者|記者)\s*"
    r"(?P<names>[^（）()〔〕【】／/]{2,30}?)(?:\s*[／/]\s*[^）)〕】]{1,8})?[）)〕】]"
)


# A dispatch opens on who filed it, where and when: 本报北京5月6日电, 新华社北京4月14日电, 中新网上海5月6日電, 本报讯.
_DISPATCH = re.compile(r"^[^，。：:“”（(]{2,14}?(?:\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|電|讯|訊)|(?:讯|訊)[（(\s])")


def opens_with_dateline(text: str) -> bool:
    """True for a paragraph opening on a dispatch's dateline: 本报北京5月6日电（记者 X）…, 〔記者X／台北報導〕…."""
    text = text.strip()
    return bool(_DISPATCH.match(text) or _DATELINE.match(text)) and has_sentence_marks(text)


def byline_in_dateline(blocks) -> tuple[str, ...]:
    """The reporters a news dispatch names in its first paragraph's dateline, or () when it names none."""
    first = next((block for block in blocks if block.kind == "paragraph"), None)
    match = _DATELINE.match(first.text) if first is not None else None
    if match is None:
        return ()
    names = [name for name in _SEPARATORS.split(match.group("names")) if name]
    return tuple(names) if names and all(_could_be_name(name) for name in names) else ()
