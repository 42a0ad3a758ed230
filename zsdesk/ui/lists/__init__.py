"""Lists of records: a lazily loading table model and the list page built on it.

``ListModel`` (``model.py``) holds a ``zsdesk.app.lists.ListQuery`` and
the rows loaded so far; ``ListPage`` (``page.py``) adds the search box, filter
chips, drill-down and the table. The five list pages in ``zsdesk.ui.pages``
(visits, leads, projects, companies, carriers) are small subclasses.
"""

from zsdesk.ui.lists.model import (
    COLUMN_ENUMS, CarrierColumn, CompanyColumn, LeadColumn, ListModel, ProjectColumn, RecordIdRole,
    RowRole, SortRole, VisitColumn,
)
from zsdesk.ui.lists.page import FilterChip, ListPage

__all__ = [
    "COLUMN_ENUMS", "CarrierColumn", "CompanyColumn", "FilterChip", "LeadColumn", "ListModel",
    "ListPage", "ProjectColumn", "RecordIdRole", "RowRole", "SortRole", "VisitColumn",
]
