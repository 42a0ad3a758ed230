"""The duplicate check's edge cases: a short name (简称) against the full one, a
place before or after the name (泰州恒远新材料 / 恒远新材料（泰州）/ 恒远新材料泰州分公司),
districts and county-level cities, and the trade words that alone make no short
name; the stored form (撞车 alerts, ledger import) keeps two counties' firms
apart; and the company form warning while a short name is typed."""

from __future__ import annotations

import pytest

from test_ui_forms import open_form, type_text
from zsdesk.names import duplicate_check_name, normalize_company_name
from zsdesk.services.companies import FUZZY_THRESHOLD

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

FULL = "江苏恒远新材料科技有限公司"


@pytest.mark.parametrize(("name", "norm"), [
    ("泰州恒远新材料有限公司", "恒远新材料"),
    ("恒远新材料（泰州）有限公司", "恒远新材料"),
    ("恒远新材料(泰州)有限公司", "恒远新材料"),
    ("恒远新材料泰州有限公司", "恒远新材料"),             # a place after the name
    ("泰州市海陵区恒远新材料有限公司", "恒远新材料"),      # a city and its district
    ("江苏省泰州市靖江市恒远新材料有限公司", "恒远新材料"),
    ("恒远新材料泰州分公司", "恒远新材料"),
    ("江苏恒远新材料科技有限公司泰州分公司", "恒远新材料科技"),
    ("盐城恒远新材料科技有限公司", "恒远新材料科技"),
    ("兴化市恒远新材料有限公司", "恒远新材料"),
    ("泰州", "泰州"),                                    # a place alone stays itself
])
def test_places_before_and_after_the_name_are_left_out(name, norm):
    assert duplicate_check_name(name) == norm


@pytest.mark.parametrize(("stored", "typed"), [
    (FULL, "恒远新材料"),                                # the short name
    (FULL, "泰州恒远新材料"),                            # the short name with a place
    ("泰州恒远新材料有限公司", "恒远新材料（泰州）有限公司"),
    ("恒远新材料（泰州）有限公司", "泰州恒远新材料有限公司"),
    ("恒远新材料（泰州）有限公司", "恒远新材料"),
    ("泰州市海陵区恒远新材料有限公司", "恒远新材料科技有限公司"),
    ("靖江恒远新材料有限公司", FULL),
    (FULL, "恒远新材料泰州分公司"),
    (FULL, "恒远新材料科技有限公司泰州分公司"),
])
def test_short_names_and_places_are_warned_of(ws, stored, typed):
    existing = ws.companies.create({"name": stored})
    matches = ws.companies.find_duplicates(typed)
    assert [m.company_id for m in matches] == [existing]
    assert matches[0].reason == "name" and matches[0].score >= FUZZY_THRESHOLD


@pytest.mark.parametrize("typed", ["新材料", "新材料科技", "江苏新材料科技有限公司", "泰州新材料有限公司",
                                   "科技发展", "新材料科技（泰州）有限公司"])
def test_trade_words_alone_are_no_short_name(ws, typed):
    ws.companies.create({"name": FULL})
    assert ws.companies.find_duplicates(typed) == []


def test_the_stored_form_keeps_two_counties_firms_apart():
    """name_norm (撞车 alerts, the ledger import's matching) strips only the places
    it always did: 靖江本地新材料 and 泰兴本地新材料 are two firms there; only the
    warning while typing looks past 靖江."""
    assert normalize_company_name("靖江本地新材料有限公司") == "靖江本地新材料"
    assert normalize_company_name("泰兴本地新材料有限公司") == "本地新材料"
    assert normalize_company_name("恒远新材料泰州有限公司") == "恒远新材料泰州"
    assert duplicate_check_name("靖江本地新材料有限公司") == duplicate_check_name("泰兴本地新材料有限公司")


@pytest.mark.parametrize(("stored", "typed"), [("泰州恒远新材料有限公司", "恒远新材料（泰州）"),
                                             (FULL, "泰州恒远新材料")])
def test_company_form_warns_of_a_place_prefixed_twin(qtbot, ws, stored, typed):
    ws.companies.create({"name": stored})
    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, typed)
    qtbot.waitUntil(lambda: stored in form.duplicate_text())
    assert f"名称与“{stored}”" in form.duplicate_text() and "相似" in form.duplicate_text()
