"""A county that recorded before joining keeps its records (issue 12): joining
with the city's setup file re-keys its site to the one the city assigned, its
own unit becomes the city's unit of that code, and what it recorded reaches the
city with its first export. A city, or a county that already synced, is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from test_sync_kit import dump_all
from zsdesk.db.models import ChangeLog, Company, Site, Staff, Unit
from zsdesk.errors import RefusedError
from zsdesk.services import init_site
from zsdesk.sync import exchange

CITY = {"role": "city", "code": "TZ-CITY", "name": "泰州市招商办"}


@pytest.fixture
def backend() -> str:
    """Joining with records made before is a laptop's matter (SQLite, foreign keys checked
    at commit while ids are re-keyed); on a shared PostgreSQL server it is refused."""
    return "sqlite"


def _city_with_setup(databases, tmp_path, code="TX-U01", name="泰兴高新区招商单元"):
    city = databases.workspace(databases.url("city"))
    init_site(city, **CITY)
    city.reference.units.create({"code": code, "name": name})
    return city, exchange.make_setup_file(city, code, tmp_path / f"setup-{code}.json")


def _names(ws, model) -> set[str]:
    with ws.read() as s:
        return set(s.scalars(select(model.name).where(~model.deleted)))


def test_a_county_that_recorded_before_joining_keeps_its_records(databases, tmp_path):
    city, setup = _city_with_setup(databases, tmp_path)
    county = databases.workspace(databases.url("county"))
    init_site(county, role="county", code="TX-U01", name="泰兴高新区")
    [unit] = county.reference.list_units()
    county.reference.staff.create({"unit_id": unit.id, "name": "王招商", "title": "科长"})
    company = county.companies.create({"name": "入网前录入有限公司"})
    old_site = county.site.id

    info = exchange.join(county, setup)

    assert county.site.id == info["site"]["site_id"] != old_site
    assert county.site.name == "泰兴高新区招商单元"
    with county.read() as s:
        assert s.scalar(select(Company.owner_site_id).where(Company.id == company)) == county.site.id
        [unit_row] = s.scalars(select(Unit).where(Unit.code == "TX-U01")).all()
        assert unit_row.id == info["site"]["unit_id"] and unit_row.site_id == county.site.id
        assert s.scalar(select(Staff.unit_id).where(Staff.name == "王招商")) == unit_row.id
        assert s.get(Site, old_site) is None
        assert s.scalar(select(ChangeLog.seq).where(ChangeLog.origin_site_id == old_site)) is None
        logged = s.scalars(select(ChangeLog.data).where(ChangeLog.origin_site_id == county.site.id)).all()
        assert not any(old_site in d for d in logged)
    assert "入网前录入有限公司" in _names(county, Company)

    # the first export enrols the county at the city, with what it recorded before joining
    result = exchange.import_package(city, exchange.export_package(county, tmp_path).path)
    assert result.status == "applied"
    assert "入网前录入有限公司" in _names(city, Company)
    assert "王招商" in _names(city, Staff)
    # and it goes on as any joined county
    county.companies.create({"name": "入网后录入有限公司"})
    assert exchange.import_package(city, exchange.export_package(county, tmp_path).path).status == "applied"
    assert "入网后录入有限公司" in _names(city, Company)


def test_a_city_cannot_join(databases, tmp_path):
    city, setup = _city_with_setup(databases, tmp_path)
    other = databases.workspace(databases.url("other_city"))
    init_site(other, role="city", code="YZ-CITY", name="扬州市招商办")
    before = dump_all(other)
    with pytest.raises(RefusedError, match="市级站点"):
        exchange.join(other, setup)
    assert dump_all(other) == before and other.site.code == "YZ-CITY"


def test_a_county_that_synced_cannot_join_another_city(databases, tmp_path):
    city, setup = _city_with_setup(databases, tmp_path)
    county = databases.workspace(databases.url("county"))
    exchange.join(county, setup)
    county.companies.create({"name": "已同步有限公司"})
    exchange.import_package(city, exchange.export_package(county, tmp_path).path)
    city2 = databases.workspace(databases.url("city2"))
    init_site(city2, role="city", code="YZ-CITY", name="扬州市招商办")
    city2.reference.units.create({"code": "YZ-U01", "name": "扬州单元"})
    other = exchange.make_setup_file(city2, "YZ-U01", tmp_path / "setup-YZ.json")
    before = dump_all(county)
    with pytest.raises(RefusedError, match="已经与其他站点同步过"):
        exchange.join(county, other)
    assert dump_all(county) == before


def test_importing_a_setup_file_at_the_command_line_says_what_it_is(databases, tmp_path, capsys):
    from zsdesk.cli import main

    city, setup = _city_with_setup(databases, tmp_path)
    assert main(["--db", databases.url("city"), "sync", "import", str(setup)]) == 2
    err = capsys.readouterr().err
    assert "这是入网文件，不是同步文件" in err and "U盘" not in err
