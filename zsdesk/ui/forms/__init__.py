"""Record forms: create and edit companies, visits, leads, projects and carriers.

The list pages use two calls (both modal, both import the forms lazily)::

    from zsdesk.ui.forms import new_record, open_record
    saved = open_record(parent, ws, "projects", project_id)    # True if anything was saved
    new_id = new_record(parent, ws, "visits", company_id=cid)   # the new id, or None

``defaults`` of ``new_record`` are field values the new record starts with
(``unit_id``, ``company_id``, ``lead_id``, ``visit_date`` …).
"""

from __future__ import annotations

import importlib

#: table -> (module, form class)
FORMS = {
    "companies": ("zsdesk.ui.forms.company", "CompanyForm"),
    "visits": ("zsdesk.ui.forms.visit", "VisitForm"),
    "leads": ("zsdesk.ui.forms.lead", "LeadForm"),
    "projects": ("zsdesk.ui.forms.project", "ProjectForm"),
    "carriers": ("zsdesk.ui.forms.carrier", "CarrierForm"),
}


def form_class(table: str):
    """The form class of ``table`` (imported on first use)."""
    try:
        module, name = FORMS[table]
    except KeyError:
        raise ValueError(f"no form for table {table!r}; known: {', '.join(FORMS)}") from None
    return getattr(importlib.import_module(module), name)


def make_form(parent, ws, table: str, row_id: str | None = None, **defaults):
    """The form, not yet shown (for callers that want it non-modal, and tests)."""
    return form_class(table)(ws, row_id, defaults=defaults, parent=parent)


def open_record(parent, ws, table: str, row_id: str) -> bool:
    """Open one record in its form (modal). True if something was saved:
    the record, or an action taken in the form (a stage, an arrival …)."""
    form = make_form(parent, ws, table, row_id)
    try:
        form.exec()
        return form.saved
    finally:
        form.deleteLater()


def new_record(parent, ws, table: str, **defaults) -> str | None:
    """Open an empty form (modal) with ``defaults`` filled in; the new record's
    id once saved, else None."""
    form = make_form(parent, ws, table, None, **defaults)
    try:
        form.exec()
        return form.row_id if form.saved else None
    finally:
        form.deleteLater()


def company_picker(ws):
    """A company picker whose "new company" opens the company form."""
    from zsdesk.ui.widgets.pickers import CompanyPicker

    return CompanyPicker(ws, create_company=lambda parent, name: create_company(parent, ws, name))


def create_company(parent, ws, name: str = "") -> str | None:
    """The company form from a company picker: a new company named ``name``,
    or — when the user takes a similar existing one instead — that one's id."""
    from zsdesk.ui.forms.company import CompanyForm

    form = CompanyForm(ws, None, defaults={"name": name} if name else None, parent=parent, pick_mode=True)
    try:
        form.exec()
        if form.chosen_id:
            return form.chosen_id
        return form.row_id if form.saved else None
    finally:
        form.deleteLater()


__all__ = ["FORMS", "create_company", "form_class", "make_form", "new_record", "open_record"]
