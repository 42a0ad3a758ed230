"""The shortcuts a first-day import takes (issue 14, the speed goal) give what the
long way gave: formula cells and hidden rows found in a sheet whose cells are full
of the bytes the quick look searches by; company names with stacked suffixes,
places and punctuation normalised as before; the services' checks of a row still
name the field and the row, and a value already of its kind is refused as before
when it is not valid; the industry likeness is rapidfuzz's ratio to the last bit;
the ids drawn a thousand at a time are random UUIDs."""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from decimal import Decimal

import pytest

from test_ledgers_first_day import write_book
from zsdesk.errors import ValidationError, ValidationErrors
from zsdesk.ledgers.importer import new_id
from zsdesk.ledgers.reader import _find, read_ledger
from zsdesk.names import duplicate_check_name, normalize_company_name


@pytest.mark.parametrize(("data", "needle", "rare", "start"), [
    (b"f" * 200 + b"<f>A1</f>", b"<f", b"f", 0),          # the needle past many bytes that are not it
    (b"f" * 63 + b"<f", b"<f", b"f", 0),
    (b"f" * 64 + b"<f", b"<f", b"f", 0),
    (b"f" * 65 + b"<f", b"<f", b"f", 0),
    (b"f" * 300, b"<f", b"f", 0),                          # not there at all
    (b"<f" + b"f" * 300, b"<f", b"f", 1),                  # before the start only
    (b"<x:f" + b"x" * 10 + b"<x:f", b"<x:f", b"f", 2),     # a prefixed tag
    (b"h" * 100 + b' hidden="1"', b"hidden", b"h", 0),
    (b"", b"hidden", b"h", 0),
])
def test_the_quick_search_finds_what_find_finds(data, needle, rare, start):
    assert _find(data, needle, start, rare) == data.find(needle, start)


def test_formulas_and_hidden_rows_past_cells_full_of_f_and_h(tmp_path):
    rows = [["项目名称", "企业名称", "签约日期", "总投资", "备注"]]
    # each note a text of f's and h's, written into the sheet's XML itself (openpyxl
    # writes inline strings): a few hundred of the bytes the quick look searches by
    rows += [[f"项目{i}", f"企业{i}有限公司", "2026-03-01", 1000 + i, "fifty-five feet, half height, fresh fish"]
             for i in range(1, 81)]
    rows += [["末项目", "末企业有限公司", "2026-03-02", "=D2+D3", "末"]]
    path = write_book(tmp_path / "很多f和h.xlsx", [("Sheet1", rows, [], [70])])
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert xml.count(b"f") > 64 * 3 and xml.count(b"h") > 64 * 3
    assert xml.index(b"<f>") > xml.index(b"fish") and xml.index(b'hidden="1"') > xml.index(b"half")
    plan = read_ledger(path)
    assert plan.rows[-1].values["name"] == "末项目"
    [problem] = plan.rows[-1].problems
    assert problem.field == "investment" and "公式“=D2+D3”没有保存计算结果" in problem.message
    assert "第70行在Excel中是隐藏行（共1行），照常读取" in plan.notes
    assert plan.rows[0].values["notes"] == "fifty-five feet, half height, fresh fish"


@pytest.mark.parametrize(("name", "norm"), [
    ("恒远控股集团股份有限公司", "恒远"),        # suffixes stacked: the longest first, three at most
    ("华为技术有限公司分公司", "华为技术"),
    ("新材料厂厂", "新材料"),
    ("有限公司", "有限"),                      # a suffix that is the whole rest stays
    ("公司", "公司"),
    ("厂", "厂"),
    ("Acme Co., Ltd.", "acmeco"),              # punctuation out, then the suffix
    ("ＡＣＭＥ　ＬＩＭＩＴＥＤ", "acme"),        # full width and an ideographic space
    ("中国石化集团公司", "石化"),               # a place first
    ("江苏恒远（泰州）新材料有限公司", "恒远新材料"),
    ("泰州", "泰州"),                          # a place alone stays itself
    ("", ""),
    # …有限公司, the usual ending, taken off at once unless another suffix comes before it
    ("恒远科技有限公司", "恒远科技"),
    ("恒远控股有限公司", "恒远"),
    ("恒远集团有限公司", "恒远"),
    ("恒远股份有限公司", "恒远"),
    ("恒远有限公司有限公司", "恒远"),
    ("厂有限公司", "厂"),
    ("公司有限公司", "公司"),
    ("有限公司有限公司", "有限"),
    ("A有限公司", "a"),
    ("泰州恒远有限公司", "恒远"),
])
def test_company_names_are_normalised_as_the_rules_say(name, norm):
    assert normalize_company_name(name) == norm


def test_the_duplicate_check_still_looks_past_a_place_after_the_name():
    assert duplicate_check_name("恒远新材料泰州有限公司") == "恒远新材料"
    assert duplicate_check_name("恒远新材料科技有限公司泰州分公司") == "恒远新材料科技"
    assert normalize_company_name("恒远新材料泰州有限公司") == "恒远新材料泰州"


def test_a_row_checked_by_the_services_names_the_field_and_the_row(ws):
    with pytest.raises(ValidationError) as caught:
        ws.companies.validate({"name": "名" * 121}, row=7)
    assert (caught.value.field, caught.value.row, caught.value.message) == ("name", 7, "过长（最多120字）")
    with pytest.raises(ValidationErrors) as many:
        ws.projects.validate({"name": "项目", "contract_date": "2026.13.5", "contract_investment": "abc"}, row=9)
    got = {e.field: (e.row, e.message) for e in many.value.errors}
    assert got["contract_date"] == (9, "“2026.13.5”不是有效日期")
    assert got["contract_investment"] == (9, "“abc”不是有效金额")
    assert got["unit_id"] == (9, "请选择招商单元")


def test_values_of_their_kind_that_are_not_valid_are_still_refused(ws):
    today = ws.today()
    base = {"name": "项目", "unit_id": "u", "company_id": "c", "contract_investment": Decimal(5)}
    cases = [({"contract_date": dt.date(1980, 1, 1)}, "contract_date", "日期1980-01-01超出合理范围"),
             ({"contract_date": today + dt.timedelta(days=1)}, "contract_date",
              f"日期{(today + dt.timedelta(days=1)).isoformat()}晚于今天"),
             ({"contract_date": today, "name": "项" * 121}, "name", "过长（最多120字）"),
             ({"contract_date": today, "name": "  "}, "name", "不能为空"),
             ({"contract_date": today, "contract_investment": Decimal("-3")}, "contract_investment",
              "金额不能为负数"),
             ({"contract_date": today, "contract_investment": Decimal("1e13")}, "contract_investment",
              "金额过大，请检查单位（万元）"),
             ({"contract_date": today, "contract_investment": Decimal("sNaN")}, "contract_investment", "金额无效")]
    for changes, fld, message in cases:
        with pytest.raises(ValidationError) as caught:
            ws.projects.validate({**base, **changes}, row=4)
        assert (caught.value.field, caught.value.row, caught.value.message) == (fld, 4, message)
    got = ws.projects.validate({**base, "contract_date": today, "name": " cafe\u0301 ", "contract_investment":
                                Decimal("5.50")})
    assert (got["name"], got["contract_investment"], got["contract_date"]) == ("café", Decimal("5.5"), today)


def test_validate_leaves_the_values_it_is_given_as_they_were(ws, unit_id, company_id):
    cases = [(ws.projects, {"name": "项目", "unit_id": unit_id, "company_id": company_id,
                            "contract_date": "2026.3.5", "contract_investment": "1.2亿"}),
             (ws.companies, {"name": " 某某科技有限公司 ", "tags": ["中国500强"], "contacts": [{"name": "张三"}]}),
             (ws.leads, {"name": "线索", "unit_id": unit_id, "company_id": company_id}),
             (ws.visits, {"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-03-05",
                          "participants": []})]
    for service, data in cases:
        given = {k: (list(v) if isinstance(v, list) else v) for k, v in data.items()}
        values = service.validate(data)
        assert data == given and values is not data
    assert ws.companies.validate(cases[1][1])["name"] == "某某科技有限公司"


def test_ids_drawn_a_thousand_at_a_time_are_random_uuids():
    ids = [new_id() for _ in range(2500)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        got = uuid.UUID(text)
        assert str(got) == text and got.version == 4 and got.variant == uuid.RFC_4122


@pytest.mark.parametrize("chunk", [1, 2, 5, 6, 7, 64, 1 << 20])
def test_hidden_rows_and_formulas_are_found_whatever_the_chunks_the_xml_is_read_by(tmp_path, monkeypatch, chunk):
    from zsdesk.ledgers import reader

    rows = [["项目名称", "企业名称", "签约日期", "总投资"]]
    rows += [[f"项目{i}", f"企业{i}有限公司", "2026-03-01", 1000 + i] for i in range(1, 30)]
    hidden = write_book(tmp_path / "隐藏.xlsx", [("Sheet1", rows, [], [9])])
    formula = write_book(tmp_path / "公式.xlsx", [("Sheet1", rows + [["末项目", "末企业有限公司", "2026-03-02",
                                                                       "=D2+D3"]], [], [])])
    plain = write_book(tmp_path / "平常.xlsx", [("Sheet1", rows, [], [])])
    monkeypatch.setattr(reader, "_MARKS_CHUNK", chunk)
    assert "第9行在Excel中是隐藏行（共1行），照常读取" in read_ledger(hidden).notes
    [problem] = read_ledger(formula).rows[-1].problems
    assert "公式“=D2+D3”没有保存计算结果" in problem.message
    with reader._Package(plain) as package:
        assert package.marks("Sheet1") == reader.SheetMarks()
        assert not package._may_have_marks(package._member(package.parts["Sheet1"]), 1 << 30)
    with reader._Package(hidden) as package:
        assert package._may_have_marks(package._member(package.parts["Sheet1"]), 1 << 30)
