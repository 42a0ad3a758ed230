"""Company names: normalisation for duplicate detection, and pinyin search keys."""

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
_PLACE_RE = re.compile(
    "^(?:(?:" + "|".join(_PROVINCES) + ")(?:省|市|自治区|特别行政区)?)?"
    "(?:(?:" + "|".join(_CITIES) + ")(?:市|县|区)?)?"
)
_BRACKETS_RE = re.compile(r"[（(][^）)]*[）)]")
_PUNCT_RE = re.compile(r"[\s\-_.,，。·・&'\"“”‘’、/\\]+")


@functools.lru_cache(maxsize=65536)  # imports and duplicate checks ask for the same names again
def normalize_company_name(name: str) -> str:
    """'江苏泰兴（中国）华为技术股份有限公司 ' -> '华为技术'.

    Full-width to half-width (NFKC), lower case, bracketed parts, place prefixes
    and legal-form suffixes removed. Never returns an empty string for a
    non-empty name (falls back to the cleaned full name)."""
    text = unicodedata.normalize("NFKC", name or "").lower().strip()
    text = _BRACKETS_RE.sub("", text)
    text = _PUNCT_RE.sub("", text)
    cleaned = text
    for _ in range(3):  # suffixes may stack: 控股集团股份有限公司
        for suffix in _SUFFIXES:
            if cleaned.endswith(suffix) and len(cleaned) > len(suffix):
                cleaned = cleaned[: -len(suffix)]
                break
    stripped = _PLACE_RE.sub("", cleaned)
    if len(stripped) >= 2:
        cleaned = stripped
    return cleaned or text


_HAN_RUN_RE = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)")


@functools.lru_cache(maxsize=65536)  # lead and project names repeat across bulk writes and imports
def pinyin_keys(text: str) -> str:
    """Space-joined search keys: the text itself, its full pinyin and its initials.
    '华为技术' -> '华为技术 huaweijishu hwjs'.

    pypinyin is asked once per run of Chinese characters (it reads whole phrases
    there, so 重庆 is chongqing); initials are the first letters of those
    syllables, other text is kept as it is in both keys."""
    if not text:
        return ""
    from pypinyin import lazy_pinyin  # 0.2 s import: only when first needed

    text = unicodedata.normalize("NFKC", text)  # ＢＹＤ -> BYD, so "byd" finds it
    full, initials = [], []
    for i, part in enumerate(_HAN_RUN_RE.split(text)):
        if not part:
            continue
        if i % 2:  # a run of Chinese characters: one syllable each
            syllables = lazy_pinyin(part, errors="default")
            full += syllables
            initials += [s[:1] for s in syllables]
        else:
            full.append(part)
            initials.append(part)
    return " ".join((text.lower(), "".join(full).lower(), "".join(initials).lower()))
