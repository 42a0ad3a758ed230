"""Field validators: 统一社会信用代码, money in 万元, dates as county staff type them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from support import make_usci
from zsdesk.errors import ValidationError
from zsdesk.validation import (
    USCI_CHARSET, parse_date, parse_int, parse_money, parse_ratio, require_choice, require_text,
    usci_check_char, validate_usci,
)

HUAWEI = "914403001922038216"  # 华为技术有限公司, as printed on its business licence


# --- 统一社会信用代码 -----------------------------------------------------------------

def test_real_licence_code_is_valid():
    assert usci_check_char(HUAWEI[:17]) == "6"
    assert validate_usci(HUAWEI) == HUAWEI


@pytest.mark.parametrize("first17", [
    "91320000134792646",   # enterprise, Jiangsu
    "12321283MB1234567",   # public institution (事业单位)
    "52320000MJ0000000",   # social organisation
    "Y1320000000000000",   # registration authority Y (other)
    "9132128308670123A",   # letters in the body
])
def test_computed_codes_are_valid(first17):
    code = make_usci(first17)
    assert validate_usci(code) == code


def test_code_is_normalised_from_lower_case_full_width_and_spaces():
    assert validate_usci("９１４４０３００１９２２０３８２１６") == HUAWEI
    assert validate_usci(" 91440300 1922038216 ") == HUAWEI
    code = make_usci("9132128308670123A")
    assert validate_usci(code.lower()) == code


def test_empty_code_is_allowed_as_unknown():
    assert validate_usci(None) is None
    assert validate_usci("  ") is None


def _refusal(value, field="usci") -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_usci(value, field)
    return info.value


@pytest.mark.parametrize("value,words", [
    (HUAWEI[:17], "18位"),
    (HUAWEI + "0", "18位"),
])
def test_wrong_length_is_refused(value, words):
    err = _refusal(value)
    assert err.field == "usci"
    assert words in err.message and str(len(value)) in err.message


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_letters_not_used_by_the_standard_are_refused(letter):
    code = HUAWEI[:10] + letter + HUAWEI[11:]
    err = _refusal(code, field="company_usci")
    assert err.field == "company_usci"
    assert f"非法字符“{letter}”" in err.message


def test_wrong_check_character_names_the_expected_one():
    wrong = HUAWEI[:17] + ("7" if HUAWEI[17] != "7" else "8")
    err = _refusal(wrong)
    assert "校验位" in err.message and "应为“6”" in err.message


def test_every_single_character_typo_is_caught():
    """The check character catches every one-character substitution."""
    for pos in range(17):
        for c in USCI_CHARSET:
            if c == HUAWEI[pos]:
                continue
            typo = HUAWEI[:pos] + c + HUAWEI[pos + 1:]
            with pytest.raises(ValidationError):
                validate_usci(typo)


def test_region_digits_must_be_digits():
    code = make_usci("9132AB00134792646")  # letters where the 行政区划代码 goes
    err = _refusal(code)
    assert "行政区划" in err.message


def test_registration_authority_must_exist():
    code = make_usci("H1320000134792646")
    err = _refusal(code)
    assert "登记管理部门" in err.message


# --- money (万元) ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("5000", Decimal(5000)),
    ("5000万元", Decimal(5000)),
    ("5000万", Decimal(5000)),
    ("1.2亿", Decimal(12000)),
    ("1.2亿元", Decimal(12000)),
    ("3,000", Decimal(3000)),
    ("3,000.50", Decimal("3000.5")),
    ("５０００万元", Decimal(5000)),   # full-width digits
    ("１．５亿", Decimal(15000)),        # full-width point
    ("300000元", Decimal(30)),
    ("0.0001", Decimal("0.0001")),    # one yuan
    ("0.000001", Decimal("0.000001")),  # one fen
    (" 12 ", Decimal(12)),
])
def test_money_text_is_parsed_in_wan_yuan(text, expected):
    value = parse_money(text, "planned_investment")
    assert value == expected
    assert isinstance(value, Decimal)


def test_money_from_numbers():
    assert parse_money(Decimal("1.50"), "x") == Decimal("1.5")
    assert parse_money(7, "x") == Decimal(7)
    assert parse_money(1234.5, "x") == Decimal("1234.5")  # a spreadsheet cell, exact to the fen


def test_money_keeps_the_exact_value_not_a_float():
    value = parse_money("0.1", "x") + parse_money("0.2", "x")
    assert value == Decimal("0.3")


@pytest.mark.parametrize("value,words", [
    ("-5", "负数"),
    ("-1.2亿", "负数"),
    ("abc", "不是有效金额"),
    ("5千万", "不是有效金额"),
    ("0.0000001", "精度"),           # below one fen
    (0.1 + 0.2, "精度"),             # 0.30000000000000004: float noise refused
    ("1e13", "过大"),
    (True, "数字"),
    ("NaN", "无效"),
])
def test_bad_money_is_refused_naming_the_field(value, words):
    with pytest.raises(ValidationError) as info:
        parse_money(value, "contract_investment")
    assert info.value.field == "contract_investment"
    assert words in info.value.message


def test_negative_money_only_where_allowed():
    assert parse_money("-5", "adjustment", allow_negative=True) == Decimal(-5)


def test_empty_money_is_none_unless_required():
    assert parse_money("", "x") is None
    assert parse_money(None, "x") is None
    with pytest.raises(ValidationError, match="不能为空"):
        parse_money("  ", "x", required=True)


# --- dates ------------------------------------------------------------------------------------

MARCH_5 = dt.date(2026, 3, 5)


@pytest.mark.parametrize("text", [
    "2026-03-05", "2026-3-5", "2026.3.5", "2026/3/5", "2026/03/05", "2026年3月5日", "2026年03月05日",
    "２０２６年３月５日", " 2026 年 3 月 5 日 ",
])
def test_dates_as_people_type_them(text):
    assert parse_date(text, "visit_date") == MARCH_5


def test_excel_serial_numbers():
    assert parse_date(46086, "visit_date") == MARCH_5
    assert parse_date(46086.0, "visit_date") == MARCH_5
    assert parse_date(45658, "visit_date") == dt.date(2025, 1, 1)


def test_date_and_datetime_objects():
    assert parse_date(MARCH_5, "d") == MARCH_5
    assert parse_date(dt.datetime(2026, 3, 5, 23, 59), "d") == MARCH_5


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "明天", "5/3/2026", "20260305x", 0, -3])
def test_bad_dates_are_refused_naming_the_field(value):
    with pytest.raises(ValidationError) as info:
        parse_date(value, "visit_date")
    assert info.value.field == "visit_date"
    assert "日期" in info.value.message


def test_implausible_years_are_refused():
    with pytest.raises(ValidationError, match="超出合理范围"):
        parse_date("1899-01-01", "d")
    with pytest.raises(ValidationError, match="超出合理范围"):
        parse_date("2126-01-01", "d")


def test_future_date_refused_when_not_after_today():
    today = dt.date(2026, 6, 15)
    assert parse_date("2026-06-15", "visit_date", not_after=today) == today
    with pytest.raises(ValidationError) as info:
        parse_date("2026-06-16", "visit_date", not_after=today)
    assert info.value.field == "visit_date" and "晚于今天" in info.value.message
    # without the limit a future date (a due date) is fine
    assert parse_date("2026-06-16", "next_due") == dt.date(2026, 6, 16)


def test_required_date():
    assert parse_date("", "d") is None
    with pytest.raises(ValidationError, match="不能为空"):
        parse_date(None, "contract_date", required=True)


# --- other small validators --------------------------------------------------------------------

def test_ratio_accepts_percent_and_fraction():
    assert parse_ratio("40%", "share") == Decimal("0.4")
    assert parse_ratio("０.２５", "share") == Decimal("0.25")
    with pytest.raises(ValidationError, match="0到1"):
        parse_ratio("120%", "share")
    with pytest.raises(ValidationError, match="不是有效比例"):
        parse_ratio("四成", "share")


def test_text_choice_and_int():
    assert require_text("  泰兴  ", "name") == "泰兴"
    with pytest.raises(ValidationError, match="不能为空"):
        require_text("   ", "name")
    with pytest.raises(ValidationError, match="过长"):
        require_text("字" * 41, "name", max_len=40)
    with pytest.raises(ValidationError, match="不是可选值"):
        require_choice("乱填", "kind", ("上门招商", "来访接待"))
    assert parse_int("1,200", "jobs") == 1200
    assert parse_int("３", "jobs") == 3
    with pytest.raises(ValidationError, match="不是整数"):
        parse_int("1.5", "jobs")
    with pytest.raises(ValidationError, match="不能小于0"):
        parse_int("-1", "jobs")
