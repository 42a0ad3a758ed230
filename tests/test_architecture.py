"""The layers (docs/ARCHITECTURE.md): the window reaches the core only through
``zsdesk.app``, the core never imports Qt, and ``zsdesk.app`` hands the window
plain immutable values, never ORM objects or sessions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pkgutil
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import zsdesk

ROOT = Path(__file__).resolve().parent.parent
#: top-level modules the window may import besides the application layer itself
UI_MAY_IMPORT = {"zsdesk.app", "zsdesk.ui"}


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def top_level_modules() -> set[str]:
    return {f"zsdesk.{m.name}" for m in pkgutil.iter_modules(zsdesk.__path__)}


def test_the_layer_contract_is_kept():
    """`lint-imports` (the same command tools/test.sh runs in CI) passes."""
    lint = Path(sys.executable).parent / ("lint-imports.exe" if sys.platform == "win32" else "lint-imports")
    if not lint.exists():
        pytest.fail(f"{lint} is missing: install the test extra (pip install -e '.[test]')")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_contract_names_every_core_module():
    """A new top-level module of the core is forbidden to the window and kept
    free of Qt without anyone remembering to list it: this test says so."""
    core = top_level_modules() - {"zsdesk.ui"}
    one_door, no_qt = contracts()["ui-one-door"], contracts()["core-without-qt"]
    forbidden = {m for m in one_door["forbidden_modules"] if m.startswith("zsdesk.")}
    assert forbidden == core - UI_MAY_IMPORT, "list the new module in [tool.importlinter] ui-one-door"
    assert {"sqlalchemy"} <= set(one_door["forbidden_modules"])
    assert set(no_qt["source_modules"]) == core, "list the new module in [tool.importlinter] core-without-qt"
    assert {"PySide6", "zsdesk.ui"} <= set(no_qt["forbidden_modules"])
    # the one way from the core to the window: `zsdesk` with no sub-command starts it
    assert no_qt["ignore_imports"] == ["zsdesk.cli -> zsdesk.ui.app"]


# --- plain values out of zsdesk.app -------------------------------------------------------------

PLAIN = (str, int, float, bool, Decimal, dt.date, dt.datetime, type(None))


def assert_plain(value, where: str = "value", *, frozen: bool = True, seen: set | None = None) -> None:
    """``value`` holds only plain values: scalars, containers of them and
    dataclasses (frozen ones when ``frozen``) - no mapped row, no session."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    assert not hasattr(value, "_sa_instance_state"), f"{where} is an ORM object: {type(value).__name__}"
    if isinstance(value, PLAIN):
        return
    if dataclasses.is_dataclass(value):
        if frozen:
            assert type(value).__dataclass_params__.frozen, f"{where}: {type(value).__name__} is not frozen"
        for f in dataclasses.fields(value):
            assert_plain(getattr(value, f.name), f"{where}.{f.name}", frozen=frozen, seen=seen)
        return
    if isinstance(value, dict):
        for k, v in value.items():
            assert_plain(k, f"{where} key", frozen=frozen, seen=seen)
            assert_plain(v, f"{where}[{k!r}]", frozen=frozen, seen=seen)
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        for i, v in enumerate(value):
            assert_plain(v, f"{where}[{i}]", frozen=frozen, seen=seen)
        return
    raise AssertionError(f"{where} is not a plain value: {type(value).__name__}")


def test_reference_data_comes_as_frozen_values(ws, staff_id):
    from zsdesk.app import reference

    units = reference.list_units(ws, include_inactive=True)
    assert units and all(isinstance(u, reference.UnitInfo) for u in units)
    assert_plain(units, "list_units")
    with pytest.raises(dataclasses.FrozenInstanceError):
        units[0].name = "改名"  # type: ignore[misc]
    staff = reference.list_staff(ws)
    assert [s.id for s in staff] == [staff_id] and staff[0].title == "科长"
    assert_plain(staff, "list_staff")
    assert reference.get_staff(ws, staff_id) == staff[0]
    assert_plain(reference.list_industries(ws), "list_industries")
    assert reference.scope_unit_ids(ws) == [u.id for u in units if u.site_id == ws.site.id]
    assert_plain(reference.scoring_rules(ws, 2026), "scoring_rules")


def test_the_sync_overview_is_frozen_plain_data(ws, city_ws):
    from zsdesk.app.sync import SyncData, load_sync, sync_badge

    for site in (ws, city_ws):
        data = load_sync(site)
        assert isinstance(data, SyncData)
        assert_plain(data, f"load_sync({site.site.code})")
        with pytest.raises(dataclasses.FrozenInstanceError):
            data.site_name = "别的站点"  # type: ignore[misc]
        assert_plain(sync_badge(site), "sync_badge")
    assert load_sync(ws).is_city is False and load_sync(city_ws).is_city is True


def test_reports_and_dashboard_data_hold_no_orm_objects(ws):
    from zsdesk.app.reports import DashboardData, ReportsData, load_dashboard, load_reports, recent_periods

    reports = load_reports(ws)
    assert isinstance(reports, ReportsData)
    assert_plain(reports, "load_reports")
    assert len(recent_periods("monthly", reports.today, 3)) == 3
    assert all(dataclasses.is_dataclass(p) and p.__dataclass_params__.frozen
               for p in recent_periods("monthly", reports.today, 3))
    dashboard = load_dashboard(ws)
    assert isinstance(dashboard, DashboardData) and type(dashboard).__dataclass_params__.frozen
    # the metrics' own result types are plain (not all frozen) dataclasses of the core
    assert_plain(dashboard, "load_dashboard", frozen=False)


def test_record_tabs_and_names_come_as_frozen_values(ws, company_id, staff_id):
    from zsdesk.app import records
    from support import COMPANY_NAME

    assert records.company_name(ws, company_id) == COMPANY_NAME
    assert records.staff_name(ws, staff_id) == "王招商"
    assert_plain(records.company_contacts(ws, company_id), "company_contacts")
    assert_plain(records.carrier_choices(ws), "carrier_choices")
