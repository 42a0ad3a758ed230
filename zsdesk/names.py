"""Company names: normalisation for duplicate detection; pinyin search keys of any text."""

from __future__ import annotations

import functools
import re
import unicodedata

# Longest first, so 股份有限公司 goes before 有限公司.
_SUFFIXES = sorted([
    "股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司", "有限公司", "股份公司",
    "集团公司", "控股集团", "集团", "控股", "股份", "公司", "总公司", "分公司", "厂",
    "co.,ltd", "co.ltd", "co., ltd", "ltd", "limited", "inc", "corp", "group",
], key=len, reverse=True)
#: up to three suffixes at the start of a name read backwards: the first alternative that
#: leaves a character (the lookahead) is the longest, as the list is sorted; half
#: the time of trying the suffixes one by one (a first import meets every name once)
_SUFFIX_LAST = frozenset(s[-1] for s in _SUFFIXES)   # the last characters of the suffixes
_SUFFIXES_RE = re.compile("(?:(?:" + "|".join(re.escape(s[::-1]) for s in _SUFFIXES) + ")(?=.)){0,3}", re.S)

_PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
    "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "中国",
)
_CITIES = (
    "深圳", "广州", "杭州", "南京", "苏州", "无锡", "常州", "泰州", "泰兴", "扬州", "南通", "宁波",
    "温州", "合肥", "亳州", "济宁", "临港", "武汉", "成都", "西安", "郑州", "长沙", "青岛", "厦门",
    "东莞", "佛山", "珠海", "大连", "沈阳", "哈尔滨", "长春", "昆明", "贵阳", "南宁", "福州", "南昌",
    "石家庄", "太原", "兰州", "银川", "西宁", "乌鲁木齐", "拉萨", "呼和浩特", "海口", "玉林", "南安",
)
#: the rest of Jiangsu's cities, 泰州's districts and county-level cities, and Jiangsu's other
#: county-level cities: the places a county office's companies are named after (duplicate check only)
_LOCAL_PLACES = (
    "徐州", "连云港", "淮安", "盐城", "镇江", "宿迁", "海陵", "高港", "姜堰", "靖江", "兴化",
    "江阴", "宜兴", "常熟", "张家港", "昆山", "太仓", "溧阳", "丹阳", "扬中", "句容", "仪征", "高邮",
    "如皋", "海安", "启东", "海门", "东台", "新沂", "邳州",
)
_PROVINCE = "(?:(?:" + "|".join(_PROVINCES) + ")(?:省|市|自治区|特别行政区)?)?"
_CITY = "(?:(?:" + "|".join(_CITIES) + ")(?:市|县|区)?)"
_LOCAL = "(?:(?:" + "|".join(sorted(_CITIES + _LOCAL_PLACES, key=len, reverse=True)) + ")(?:市|县|区)?)"
_PLACE_RE = re.compile("^" + _PROVINCE + _CITY + "?")
# the duplicate check: up to two places before the name (泰州市海陵区, 江苏省泰州市靖江市) ...
_LOCAL_PLACE_RE = re.compile("^" + _PROVINCE + _LOCAL + "{0,2}")
# ... or one after it (恒远新材料泰州有限公司, 恒远新材料科技有限公司泰州分公司)
_PLACE_AFTER_RE = re.compile(_LOCAL + "$")
#: the first characters a place of _PLACE_RE or _LOCAL_PLACE_RE may begin with, and the last
#: ones a place of _PLACE_AFTER_RE may end with
_PLACE_FIRST = frozenset(p[0] for p in _PROVINCES + _CITIES + _LOCAL_PLACES)
_PLACE_LAST = frozenset(p[-1] for p in _CITIES + _LOCAL_PLACES) | {"市", "县", "区"}
_BRACKETS_RE = re.compile(r"[（(][^）)]*[）)]")
_PUNCT_RE = re.compile(r"[\s\-_.,，。·・&'\"“”‘’、/\\]+")


@functools.lru_cache(maxsize=65536)  # imports and duplicate checks ask for the same names again
def normalize_company_name(name: str) -> str:
    """'江苏泰兴（中国）华为技术股份有限公司 ' -> '华为技术'.

    Full-width to half-width (NFKC), lower case, bracketed parts, place prefixes
    and legal-form suffixes removed. Never returns an empty string for a
    non-empty name (falls back to the cleaned full name). Stored as
    ``companies.name_norm``: the 撞车 alerts and the ledger import go by it."""
    return _normalize(name, _PLACE_RE, None)


@functools.lru_cache(maxsize=65536)
def duplicate_check_name(name: str) -> str:
    """``normalize_company_name`` with more places left out, for the warning while
    a company is typed: districts and county-level cities (泰州市海陵区, 靖江), and
    a place right after the name (恒远新材料泰州有限公司, …有限公司泰州分公司).
    '泰州市海陵区恒远新材料有限公司' -> '恒远新材料'. Only a warning goes by it:
    two firms of two counties' places stay apart in the stored form."""
    return _normalize(name, _LOCAL_PLACE_RE, _PLACE_AFTER_RE)


def _normalize(name: str, before: re.Pattern, after: re.Pattern | None) -> str:
    # a first import meets every name once, so the usual name (letters and digits only,
    # no place first) costs a few C calls: each shortcut below leaves the result as it was
    text = unicodedata.normalize("NFKC", name or "").lower().strip()
    if not text.isalnum():   # brackets, spaces and punctuation are none of letters and digits
        text = _BRACKETS_RE.sub("", text)
        text = _PUNCT_RE.sub("", text)
    cleaned = _strip_suffixes(text)
    if after is not None and cleaned[-1:] in _PLACE_LAST:   # a place after the name ends as one does
        rest = after.sub("", cleaned)
        if len(rest) >= 2 and rest != cleaned:  # a place after the name, then maybe more suffixes
            cleaned = _strip_suffixes(rest)
    if cleaned[:1] in _PLACE_FIRST:   # else no place begins the name: nothing comes off
        stripped = before.sub("", cleaned)
        if len(stripped) >= 2:
            cleaned = stripped
    return cleaned or text


def _strip_suffixes(text: str) -> str:
    """Up to three suffixes off the end (they may stack: 控股集团股份有限公司), each
    time the longest that leaves something; matched on the text read backwards."""
    # the usual name, …有限公司 with no other suffix before it (not 股份有限公司, 集团有限公司,
    # 控股有限公司 …: the character before ends none): what the match below gives, in a
    # fifth of its time
    if len(text) > 4 and text.endswith("有限公司") and text[-5] not in _SUFFIX_LAST:
        return text[:-4]
    found = _SUFFIXES_RE.match(text[::-1])
    cut = found.end() if found else 0
    return text[:len(text) - cut] if cut else text


_HAN_RUN_RE = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)")


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese character (only then has it a pinyin of its own)."""
    return bool(text) and _HAN_RUN_RE.search(text) is not None


@functools.lru_cache(maxsize=65536)  # a run of characters repeats far more than whole texts (张总, 总经理)
def _syllables(run: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # 0.2 s import: only when first needed

    return tuple(lazy_pinyin(run, errors="default"))


def pinyin_of(text: str) -> str:
    """The full pinyin and the initials of ``text``, space-joined, lower case:
    '张三（总经理）' -> 'zhangsan(zongjingli) zs(zjl)'. Not cached: for the many
    different texts of a big table (a visit's people), whose runs of Chinese
    characters are cached instead (50-100 µs each asked of pypinyin)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)  # ＢＹＤ -> BYD, so "byd" finds it
    full: list[str] = []
    initials: list[str] = []
    for i, part in enumerate(_HAN_RUN_RE.split(text)):
        if not part:
            continue
        if i % 2:  # a run of Chinese characters: one syllable each
            syllables = _syllables(part)
            full += syllables
            initials += [s[:1] for s in syllables]
        else:
            full.append(part)
            initials.append(part)
    return " ".join(("".join(full).lower(), "".join(initials).lower()))


@functools.lru_cache(maxsize=65536)  # lead and project names repeat across bulk writes and imports
def pinyin_keys(text: str) -> str:
    """Space-joined search keys: the text itself, its full pinyin and its initials.
    '华为技术' -> '华为技术 huaweijishu hwjs'.

    pypinyin is asked once per run of Chinese characters (it reads whole phrases
    there, so 重庆 is chongqing); initials are the first letters of those
    syllables, other text is kept as it is in both keys."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).lower() + " " + pinyin_of(text)
