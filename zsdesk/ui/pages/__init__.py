"""The pages of the main window and how they are made.

``PAGES`` lists them in navigation order (Ctrl+1 … Ctrl+9 follow it). Each entry
names its module and class; the class is imported the first time the page is
shown. A page is a ``QWidget`` made as ``Page(ws, tasks, parent=None)``
(``ws``: the open ``Workspace``; ``tasks``: the window's ``TaskRunner``), with
optional methods the window calls when they exist:

- ``refresh()``: read again (the page is shown again, F5, after a sync);
- ``show_rows(table, row_ids, title)``: list exactly these rows (drill-down
  from a figure; ``table`` is the figure's table: ``projects``, ``visits``,
  ``capital_arrivals`` (shown on the projects page), ``leads`` …);
- ``new_record()``: Ctrl+N;
- ``focus_search()``: Ctrl+F;

and optional signals the window listens to:

- ``drill_down(str, list, str)``: show these rows (table, ids, title) on the
  list page of the table (the window calls that page's ``show_rows``);
- ``sync_changed()`` / ``data_changed()``: read the status bar and the 同步
  badge again (a package was imported, a conflict resolved, a ledger imported).

The window owns Ctrl+N, Ctrl+F, F5 and Ctrl+1…9 (a page's own shortcut on one
of these is switched off); Ctrl+S is left to the forms.

A page whose module is missing, fails to import or whose constructor fails is
replaced by a placeholder that says so: the window never crashes for it.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageEntry:
    key: str          # stable name: navigation, settings, drill-down targets
    label: str        # Chinese source text; shown through QCoreApplication.translate("Pages", …)
    module: str       # dotted module path
    class_name: str
    icon: str         # a shape of zsdesk.ui.main_window.NavIcon

    @property
    def title(self) -> str:
        return QCoreApplication.translate("Pages", self.label)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("dashboard", QT_TRANSLATE_NOOP("Pages", "工作台"), "zsdesk.ui.pages.dashboard", "DashboardPage", "grid"),
    PageEntry("visits", QT_TRANSLATE_NOOP("Pages", "拜访记录"), "zsdesk.ui.pages.visits", "VisitsPage", "visit"),
    PageEntry("leads", QT_TRANSLATE_NOOP("Pages", "招商线索"), "zsdesk.ui.pages.leads", "LeadsPage", "funnel"),
    PageEntry("projects", QT_TRANSLATE_NOOP("Pages", "签约项目"), "zsdesk.ui.pages.projects", "ProjectsPage", "flag"),
    PageEntry("companies", QT_TRANSLATE_NOOP("Pages", "客商库"), "zsdesk.ui.pages.companies", "CompaniesPage", "building"),
    PageEntry("carriers", QT_TRANSLATE_NOOP("Pages", "载体"), "zsdesk.ui.pages.carriers", "CarriersPage", "parcel"),
    PageEntry("reports", QT_TRANSLATE_NOOP("Pages", "统计与简报"), "zsdesk.ui.pages.reports", "ReportsPage", "chart"),
    PageEntry("sync", QT_TRANSLATE_NOOP("Pages", "同步"), "zsdesk.ui.pages.sync", "SyncPage", "sync"),
    PageEntry("settings", QT_TRANSLATE_NOOP("Pages", "设置"), "zsdesk.ui.pages.settings", "SettingsPage", "sliders"),
    # after 设置 so that Ctrl+1…9 keep their pages
    PageEntry("reviews", QT_TRANSLATE_NOOP("Pages", "落户预审"), "zsdesk.ui.pages.reviews", "ReviewsPage", "review"),
    PageEntry("chains", QT_TRANSLATE_NOOP("Pages", "产业链图谱"), "zsdesk.ui.pages.chains", "ChainsPage", "chain"),
    PageEntry("events", QT_TRANSLATE_NOOP("Pages", "招商活动"), "zsdesk.ui.pages.events", "EventsPage", "event"),
)

#: the page that lists a figure's rows, by the figure's table
TABLE_PAGES = {
    "projects": "projects",
    "capital_arrivals": "projects",
    "problems": "projects",
    "visits": "visits",
    "leads": "leads",
    "companies": "companies",
    "carriers": "carriers",
}


class PageUnavailable(Exception):
    """A page's class cannot be had; ``missing`` tells "not written yet" from "broken"."""

    def __init__(self, entry: PageEntry, reason: str, *, missing: bool):
        super().__init__(reason)
        self.entry = entry
        self.reason = reason
        self.missing = missing


def page_class(entry: PageEntry) -> type:
    """Import the page's class, or raise ``PageUnavailable``."""
    try:
        module = importlib.import_module(entry.module)
    except ModuleNotFoundError as exc:
        if exc.name and entry.module.startswith(exc.name):  # the page's own module is absent
            raise PageUnavailable(entry, f"{entry.module} 尚未提供", missing=True) from exc
        log.error("page %s cannot be imported", entry.module, exc_info=exc)
        raise PageUnavailable(entry, f"{type(exc).__name__}: {exc}", missing=False) from exc
    except Exception as exc:
        log.error("page %s cannot be imported", entry.module, exc_info=exc)
        raise PageUnavailable(entry, f"{type(exc).__name__}: {exc}", missing=False) from exc
    cls = getattr(module, entry.class_name, None)
    if cls is None:
        raise PageUnavailable(entry, f"{entry.module} 中没有 {entry.class_name}", missing=True)
    return cls


def create_page(entry: PageEntry, ws, tasks, parent=None):
    """The page of ``entry``, or a placeholder saying why it is not available."""
    from zsdesk.ui.pages.placeholder import placeholder_for

    try:
        cls = page_class(entry)
    except PageUnavailable as why:
        return placeholder_for(entry, ws, tasks, parent, reason=why.reason, missing=why.missing)
    try:
        return cls(ws, tasks, parent)
    except Exception as exc:
        log.error("page %s could not be created", entry.key, exc_info=exc)
        return placeholder_for(entry, ws, tasks, parent, reason=f"{type(exc).__name__}: {exc}",
                               missing=False)


def scope_unit_ids(ws) -> list[str] | None:
    """The units a screen shows (docs/DOMAIN.md#users): the city sees every unit (None);
    a county sees the units its own site keeps."""
    from zsdesk.app.reference import scope_unit_ids as scope

    return scope(ws)


# --- who uses this computer (本机使用人): "my" follow-ups ------------------------------------

def my_staff_id(ws) -> str | None:
    """The staff member chosen in 设置 as this computer's user, or None."""
    from zsdesk.ui import options

    return options.my_staff.of(ws.site.id).get() or None


def set_my_staff_id(ws, staff_id: str | None) -> None:
    from zsdesk.ui import options

    option = options.my_staff.of(ws.site.id)
    if staff_id:
        option.set(staff_id)
    else:
        option.reset()
    apply_my_staff(ws)


def apply_my_staff(ws) -> str | None:
    """Make 本机使用人 the actor of every change the workspace writes (its name in
    ``change_log.actor``). Called when the window opens and when the choice changes."""
    from zsdesk.app.reference import use_actor

    return use_actor(ws, my_staff_id(ws))
