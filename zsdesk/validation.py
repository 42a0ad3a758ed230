"""Field validators. Each raises ``ValidationError`` naming the field.

Money is exact: amounts are ``Decimal`` in 万元 (or 万美元), never float.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Literal, overload

from zsdesk.errors import ValidationError

# --- 统一社会信用代码 (GB 32100-2015) -------------------------------------------

USCI_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_USCI_VALUE = {c: i for i, c in enumerate(USCI_CHARSET)}
_USCI_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_REG_AUTHORITIES = set("123456789ABCDEFGY")


def usci_check_char(first17: str) -> str:
    """The 18th (check) character for the first 17 characters of a code."""
    total = sum(_USCI_VALUE[c] * w for c, w in zip(first17, _USCI_WEIGHTS))
    return USCI_CHARSET[(31 - total % 31) % 31]


def normalize_usci(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().upper().replace(" ", "")


_VALID_USCI: dict[str, str] = {}   # codes as written -> the checked code (imports repeat them)


def validate_usci(value: str | None, field: str = "usci") -> str | None:
    """Return the normalised code, or None for an empty value; raise if invalid."""
    if value is None:
        return None
    known = _VALID_USCI.get(value) if value.__class__ is str else None
    if known is not None:
        return known
    if not str(value).strip():
        return None
    code = _check_usci(normalize_usci(str(value)), value, field)
    if value.__class__ is str and len(_VALID_USCI) < 20_000:
        _VALID_USCI[value] = code
    return code


def _check_usci(code: str, value, field: str) -> str:
    if len(code) != 18:
        raise ValidationError(field, f"统一社会信用代码应为18位，实际{len(code)}位", value=value)
    bad = [c for c in code if c not in _USCI_VALUE]
    if bad:
        raise ValidationError(field, f"统一社会信用代码含非法字符“{bad[0]}”（不使用I、O、S、V、Z）", value=value)
    if code[0] not in _REG_AUTHORITIES:
        raise ValidationError(field, f"登记管理部门代码“{code[0]}”无效", value=value)
    if not code[2:8].isdigit():
        raise ValidationError(field, "第3至8位应为行政区划代码（数字）", value=value)
    expected = usci_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(field, f"校验位错误：应为“{expected}”，实际为“{code[17]}”", value=value)
    return code


# --- money -------------------------------------------------------------------

MONEY_PLACES = 6  # 万元 with 6 decimals = 1 分
MONEY_MAX = Decimal("1e12")  # 万元; larger is a typing error
_CENT = Decimal(1).scaleb(-MONEY_PLACES)
#: Decimal amounts already read -> their plain form: a ledger import reads its amounts
#: (1.2亿, 5000万元 …) once per column and its rows are validated again by the services
_MONEY_SEEN: dict[Decimal, Decimal] = {}
AMOUNTS_READ = _MONEY_SEEN   # (read by services.base.Checker.money before it calls parse_money)
_UNIT_FACTORS = (("亿元", Decimal(10000)), ("亿", Decimal(10000)), ("万元", Decimal(1)),
                 ("万", Decimal(1)), ("元", Decimal("0.0001")))


@overload
def parse_money(value: object, field: str, *, allow_negative: bool = False,
                required: Literal[True]) -> Decimal: ...
@overload
def parse_money(value: object, field: str, *, allow_negative: bool = False,
                required: bool = False) -> Decimal | None: ...
def parse_money(value: object, field: str, *, allow_negative: bool = False,
                required: bool = False) -> Decimal | None:
    """Parse an amount in 万元. Accepts Decimal, int, and text such as
    "5000", "5,000.5", "５０００万元", "1.2亿", "300000元". Floats are refused
    unless they are exactly representable to the cent (a spreadsheet cell)."""
    if value.__class__ is Decimal:
        try:
            known = _MONEY_SEEN.get(value)
        except TypeError:   # a signalling NaN cannot be hashed (refused below)
            known = None
        if known is not None:
            return known
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, "金额不能为空")
        return None
    if isinstance(value, bool):
        raise ValidationError(field, "金额应为数字", value=value)
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
        factor = Decimal(1)
        for suffix, f in _UNIT_FACTORS:
            if text.endswith(suffix):
                text, factor = text[: -len(suffix)], f
                break
        try:
            amount = Decimal(text) * factor
        except InvalidOperation:
            raise ValidationError(field, f"“{value}”不是有效金额", value=value) from None
    if not amount.is_finite():
        raise ValidationError(field, "金额无效", value=value)
    if amount < 0 and not allow_negative:
        raise ValidationError(field, "金额不能为负数", value=value)
    if abs(amount) >= MONEY_MAX:
        raise ValidationError(field, "金额过大，请检查单位（万元）", value=value)
    if amount != amount.quantize(_CENT):
        raise ValidationError(field, "金额精度超过1分", value=value)
    result = plain_decimal(amount)
    # the result depends on the amount alone (equal Decimals give the same plain form);
    # zero is left out (-0 and 0 are equal but read differently), and so are negatives
    # (refused unless allow_negative)
    if value.__class__ is Decimal and result > 0 and len(_MONEY_SEEN) < 20_000:
        _MONEY_SEEN[value] = result
    return result


def plain_decimal(value: Decimal) -> Decimal:
    """The shortest exact form without an exponent: 12000.000000 -> 12000, 1.50 -> 1.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_ratio(value: object, field: str) -> Decimal:
    """A share ratio between 0 and 1 (accepts "40%" too)."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        ratio = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
    except InvalidOperation:
        raise ValidationError(field, f"“{value}”不是有效比例", value=value) from None
    if not (0 <= ratio <= 1):
        raise ValidationError(field, "比例应在0到1之间（或0%到100%）", value=value)
    return ratio


# --- dates -------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
FIRST_YEAR, LAST_YEAR = 1990, 2100   # a date outside these years is a typing error
EXCEL_EPOCH = dt.date(1899, 12, 30)


@overload
def parse_date(value: object, field: str, *, required: Literal[True],
               not_after: dt.date | None = None) -> dt.date: ...
@overload
def parse_date(value: object, field: str, *, required: bool = False,
               not_after: dt.date | None = None) -> dt.date | None: ...
def parse_date(value: object, field: str, *, required: bool = False,
               not_after: dt.date | None = None) -> dt.date | None:
    """Parse a calendar date: date, datetime, "2026-03-05", "2026.3.5",
    "2026/3/5", "2026年3月5日" or an Excel serial number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, "日期不能为空")
        return None
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValidationError(field, f"“{value}”不是有效日期", value=value)
        result = EXCEL_EPOCH + dt.timedelta(days=int(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        m = _DATE_RE.match(text)
        if not m:
            raise ValidationError(field, f"“{value}”不是有效日期（例：2026-03-05）", value=value)
        try:
            result = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise ValidationError(field, f"“{value}”不是有效日期", value=value) from None
    if result.year < FIRST_YEAR or result.year > LAST_YEAR:
        raise ValidationError(field, f"日期{result.isoformat()}超出合理范围", value=value)
    if not_after is not None and result > not_after:
        raise ValidationError(field, f"日期{result.isoformat()}晚于今天", value=value)
    return result


@overload
def require_text(value: object, field: str, *, max_len: int = 200,
                 required: Literal[True] = True) -> str: ...
@overload
def require_text(value: object, field: str, *, max_len: int = 200,
                 required: bool) -> str | None: ...
def require_text(value: object, field: str, *, max_len: int = 200,
                 required: bool = True) -> str | None:
    text = "" if value is None else unicodedata.normalize("NFC", str(value)).strip()
    if not text:
        if required:
            raise ValidationError(field, "不能为空")
        return None
    if len(text) > max_len:
        raise ValidationError(field, f"过长（最多{max_len}字）", value=value)
    return text


@overload
def require_choice(value: object, field: str, choices, *, required: Literal[True] = True) -> str: ...
@overload
def require_choice(value: object, field: str, choices, *, required: bool) -> str | None: ...
def require_choice(value: object, field: str, choices, *, required: bool = True) -> str | None:
    if value is None or value == "":
        if required:
            raise ValidationError(field, "不能为空")
        return None
    if value not in choices:
        raise ValidationError(field, f"“{value}”不是可选值（{'、'.join(choices)}）", value=value)
    return str(value)


@overload
def parse_int(value: object, field: str, *, minimum: int = 0, required: Literal[True]) -> int: ...
@overload
def parse_int(value: object, field: str, *, minimum: int = 0, required: bool = False) -> int | None: ...
def parse_int(value: object, field: str, *, minimum: int = 0, required: bool = False) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, "不能为空")
        return None
    if type(value) is int:  # already an integer (bool is not): nothing to parse
        result = value
    else:
        try:
            text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
            number = Decimal(text)
            if number != number.to_integral():
                raise InvalidOperation
            result = int(number)
        except InvalidOperation:
            raise ValidationError(field, f"“{value}”不是整数", value=value) from None
    if result < minimum:
        raise ValidationError(field, f"不能小于{minimum}", value=value)
    return result
