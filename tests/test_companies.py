"""客商库: creating companies, duplicate checks, merging, contacts."""

from __future__ import annotations

import pytest

from support import COMPANY_NAME, COMPANY_USCI, TODAY, make_usci
from zsdesk.errors import NotFoundError, RefusedError, ValidationError, ValidationErrors

HUAWEI = "914403001922038216"


def test_create_company_with_number_tags_and_search_keys(ws):
    cid = ws.companies.create({"name": "  华为技术有限公司 ", "usci": "91440300 1922038216",
                               "tags": ["外资", "世界500强", "龙头企业"], "region": "广东深圳"})
    c = ws.companies.get(cid)
    assert c.name == "华为技术有限公司"
    assert c.usci == HUAWEI
    assert c.number == f"TX-U01-C{TODAY.year}-0002"  # the fixture's company is 0001
    assert c.tags == "世界500强、外资、龙头企业"       # known tags in catalogue order, others kept
    assert c.name_norm == "华为技术"
    assert "huaweijishu" in c.search_key and "hwjs" in c.search_key
    assert c.owner_site_id == ws.site.id and c.deleted is False


def test_invalid_company_input_names_every_field(ws):
    with pytest.raises(ValidationErrors) as info:
        ws.companies.create({"name": "", "usci": HUAWEI[:17] + "7", "region": "省" * 61})
    fields = info.value.fields
    assert set(fields) == {"name", "usci", "region"}
    assert "不能为空" in fields["name"] and "校验位" in fields["usci"] and "过长" in fields["region"]
    assert ws.counts()["companies"] == 1


def test_same_usci_is_refused_unless_confirmed(ws):
    with pytest.raises(ValidationError) as info:
        ws.companies.create({"name": "扬子江药业（泰州）有限公司", "usci": COMPANY_USCI.lower()})
    assert info.value.field == "usci"
    assert COMPANY_NAME in info.value.message and "相同" in info.value.message
    assert ws.counts()["companies"] == 1
    # the user confirms it really is another record (e.g. an old licence)
    ws.companies.create({"name": "扬子江药业（泰州）有限公司", "usci": COMPANY_USCI}, allow_duplicate=True)
    assert ws.counts()["companies"] == 2


def test_duplicate_by_usci_is_found_whatever_the_name(ws, company_id):
    [match] = ws.companies.find_duplicates("完全不同的名字", COMPANY_USCI)
    assert match.company_id == company_id and match.reason == "usci" and match.score == 100


@pytest.mark.parametrize("typed", [
    "江苏华为技术有限公司",
    "华为技术股份有限公司",
    "深圳市华为技术有限公司",
    "华为技术（中国）有限公司",
    "华为技术有限责任公司 ",
])
def test_fuzzy_duplicate_by_normalised_name(ws, typed):
    existing = ws.companies.create({"name": "华为技术有限公司"})
    matches = ws.companies.find_duplicates(typed)
    assert [m.company_id for m in matches] == [existing]
    assert matches[0].reason == "name" and matches[0].score >= 85
    assert "相似" in matches[0].message


def test_same_firm_registered_under_another_legal_form_and_place(ws):
    """A county staffer types 江苏华为技术有限公司; the city's list has 华为技术股份有限公司."""
    existing = ws.companies.create({"name": "华为技术股份有限公司"})
    [match] = ws.companies.find_duplicates("江苏华为技术有限公司")
    assert (match.company_id, match.reason, match.name) == (existing, "name", "华为技术股份有限公司")


def test_full_width_names_match_their_half_width_twin(ws):
    existing = ws.companies.create({"name": "ＡＢＣ科技有限公司"})
    assert ws.companies.get(existing).name_norm == "abc科技"
    assert [m.company_id for m in ws.companies.find_duplicates("abc科技股份有限公司")] == [existing]
    assert [m.company_id for m in ws.companies.find_duplicates("ＡＢＣ科技（江苏）有限公司")] == [existing]


@pytest.mark.parametrize(("stored", "typed"), [
    ("江苏恒远新材料科技有限公司", "恒远新材料"),      # issue 12: the short name finds the full one
    ("恒远新材料", "江苏恒远新材料科技有限公司"),      # and the full name the short one
    ("泰兴市恒远新材料集团有限公司", "恒远新材料科技"),
    ("华为技术有限公司", "华为"),
])
def test_short_name_and_full_name_are_duplicates_both_ways(ws, stored, typed):
    existing = ws.companies.create({"name": stored})
    matches = ws.companies.find_duplicates(typed)
    assert [m.company_id for m in matches] == [existing]
    assert matches[0].reason == "name" and matches[0].score >= 85


def test_a_common_word_alone_is_not_a_short_name(ws):
    ws.companies.create({"name": "江苏恒远新材料科技有限公司"})
    assert ws.companies.find_duplicates("新材料") == []


def test_unrelated_names_are_not_duplicates(ws):
    ws.companies.create({"name": "华为技术有限公司"})
    assert ws.companies.find_duplicates("中兴通讯股份有限公司") == []
    assert ws.companies.find_duplicates("华润医药集团有限公司") == []
    assert ws.companies.find_duplicates("") == []


def test_deleted_and_merged_companies_are_not_offered_as_duplicates(ws, company_id):
    other = ws.companies.create({"name": "泰州扬子江药业股份有限公司"})
    assert {m.company_id for m in ws.companies.find_duplicates("扬子江药业有限公司")} == {company_id, other}
    ws.companies.merge(other, company_id)
    assert [m.company_id for m in ws.companies.find_duplicates("扬子江药业有限公司")] == [company_id]
    ws.companies.delete(company_id)
    assert ws.companies.find_duplicates("扬子江药业有限公司") == []
    assert ws.companies.find_duplicates("x", COMPANY_USCI) == []


def test_merge_records_merged_into_and_keeps_the_duplicate(ws, company_id):
    dup = ws.companies.create({"name": "扬子江药业"})
    ws.companies.merge(dup, company_id)
    kept = ws.companies.get(dup)
    assert kept.merged_into_id == company_id and kept.deleted is False
    with pytest.raises(RefusedError, match="自身"):
        ws.companies.merge(company_id, company_id)
    with pytest.raises(NotFoundError):
        ws.companies.merge(company_id, "00000000-0000-0000-0000-000000000000")
    assert ws.companies.get(company_id).merged_into_id is None


def test_merge_into_a_deleted_company_is_refused(ws, company_id):
    dup = ws.companies.create({"name": "扬子江药业"})
    ws.companies.delete(company_id)
    with pytest.raises(NotFoundError):
        ws.companies.merge(dup, company_id)
    assert ws.companies.get(dup).merged_into_id is None


def test_contacts(ws, company_id):
    first = ws.companies.add_contact(company_id, {"name": "徐经理", "title": "投资总监",
                                                  "phone": "138 0000 0000", "wechat": "xu_mgr"})
    ws.companies.add_contact(company_id, {"name": "周秘书"})
    contacts = ws.companies.contacts(company_id)
    assert {c.name for c in contacts} == {"徐经理", "周秘书"}
    [xu] = [c for c in contacts if c.id == first]
    assert xu.title == "投资总监" and xu.phone == "138 0000 0000"


def test_contact_needs_a_name_and_a_live_company(ws, company_id):
    with pytest.raises(ValidationError) as info:
        ws.companies.add_contact(company_id, {"name": " ", "phone": "1"})
    assert info.value.field == "name"
    with pytest.raises(ValidationError) as info:
        ws.companies.add_contact("00000000-0000-0000-0000-000000000000", {"name": "某人"})
    assert info.value.field == "company_id" and "不存在" in info.value.message
    assert ws.companies.contacts(company_id) == []


def test_usci_edit_is_validated(ws, company_id):
    with pytest.raises(ValidationError) as info:
        ws.companies.update(company_id, {"usci": "91321200141386701I"})
    assert info.value.field == "usci"
    ws.companies.update(company_id, {"usci": make_usci("91321200141386702")})
    assert ws.companies.get(company_id).usci == make_usci("91321200141386702")


def test_full_width_letters_are_searchable():
    from zsdesk.names import pinyin_keys

    keys = pinyin_keys("ＢＹＤ比亚迪")
    assert "byd" in keys and "bydbiyadi" in keys


def test_pinyin_keys_read_phrases_and_keep_other_text():
    from zsdesk.names import pinyin_keys

    text, full, initials = pinyin_keys("BYD汽车(重庆)有限公司").split(" ")
    assert full == "bydqiche(chongqing)youxiangongsi"      # 重庆 read as a phrase: chong, not zhong
    assert initials == "bydqc(cq)yxgs"
    assert pinyin_keys("𠀀公司").split(" ")[1:] == ["hegongsi", "hgs"]   # beyond the basic block too
