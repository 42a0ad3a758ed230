"""Numbers as people read them: money in 万元 or 亿元, counts and percentages.

One rounding rule everywhere (lists, forms, 工作台, the PDF 简报, Excel): 四舍五入,
ties away from zero (``ROUND_HALF_UP`` on the exact ``Decimal``), never through
a binary float, whose ``round`` and ``format`` round half to even on a value
that is already slightly off (12.345 万元 would read 12.34 in one place and
12.35 in another). Unknown values read "—", never 0.

No Qt here: the UI, the reports and the ledgers all import this module.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

UNKNOWN = "—"
YI = Decimal(10000)          # 万元 per 亿元
WAN, YI_UNIT, AUTO = "万元", "亿元", "auto"

#: Excel number formats that round the way this module does: Excel and
#: LibreOffice round the cell's decimal value half away from zero for display.
EXCEL_MONEY = "#,##0.00"
EXCEL_COUNT = "#,##0"
EXCEL_PERCENT = "0.0%"


def to_decimal(value) -> Decimal | None:
    """An exact Decimal for ``value`` (a float goes through its shortest repr,
    so 2.675 stays 2.675 and not 2.67499999…); None stays None."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def round_half_up(value, decimals: int = 2) -> Decimal:
    """``value`` rounded to ``decimals`` places, ties away from zero; never "-0.00"."""
    exact = to_decimal(value)
    if exact is None:
        raise ValueError("round_half_up: no value to round")
    d = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return d.copy_abs() if d.is_zero() else d


def _grouped(value: Decimal, decimals: int | None) -> str:
    if decimals is None:  # exact: every stored digit, no exponent, no trailing zeros
        value = value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))
        return f"{value:,f}"
    return f"{round_half_up(value, decimals):,f}"


def exact(value, *, unknown: str = UNKNOWN) -> str:
    """Every stored digit, grouped, nothing rounded: what an editor shows and
    hands back ("12,345.678"; a whole 12000.000000 reads "12,000")."""
    value = to_decimal(value)
    return unknown if value is None else _grouped(value, None)


def money(value_wan, unit: str = WAN, decimals: int | None = 2, *, whole: bool = False,
          show_unit: bool = False, yi_from=YI, unknown: str = UNKNOWN) -> str:
    """An amount given in 万元, as text: ``money(Decimal("12.345"))`` -> "12.35".

    ``unit``: "万元" (the amount as given), "亿元" (divided by 10,000) or "auto"
    (亿元 from ``yi_from`` 万元 on, else 万元; the unit is then always written).
    ``decimals``: places after rounding half up; None writes the exact value.
    ``whole``: a whole amount is written without decimals ("12,000", as lists do).
    ``show_unit``: append the unit ("12.35万元").
    """
    value = to_decimal(value_wan)
    if value is None:
        return unknown
    if unit == AUTO:
        unit, show_unit = (YI_UNIT if abs(value) >= Decimal(yi_from) else WAN), True
    if unit == YI_UNIT:
        value = value / YI
    elif unit != WAN:
        raise ValueError(f"unknown money unit {unit!r}")
    if whole and value == value.to_integral_value():
        decimals = 0
    text = _grouped(value, decimals)
    return f"{text}{unit}" if show_unit else text


def count(n, *, unknown: str = UNKNOWN) -> str:
    """A whole number with thousands separators: 12345 -> "12,345"."""
    value = to_decimal(n)
    if value is None:
        return unknown
    return f"{round_half_up(value, 0):,f}"


def number(value, decimals: int = 2, *, unknown: str = UNKNOWN) -> str:
    """A count when whole ("1,234"), else ``decimals`` places rounded half up ("85.50")."""
    value = to_decimal(value)
    if value is None:
        return unknown
    if value == value.to_integral_value():
        return count(value)
    return _grouped(value, decimals)


def percent(ratio, decimals: int = 1, *, sign: bool = True, unknown: str = UNKNOWN) -> str:
    """A ratio as a percentage, rounded half up: 0.4565 -> "45.7%"; None -> "—".
    ``sign=False`` leaves the "%" to a sentence that writes it itself."""
    value = to_decimal(ratio)
    if value is None:
        return unknown
    return _grouped(value * 100, decimals) + ("%" if sign else "")
