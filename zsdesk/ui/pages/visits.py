"""拜访记录: every visit, newest first; search by company, our and their people
and place (pinyin and initials too); 转为线索 from a row's menu."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction

from zsdesk.app import ZsdeskError
from zsdesk.ui.lists import ListPage


class VisitsPage(ListPage):
    KIND = "visits"
    TITLE = QT_TRANSLATE_NOOP("ListPage", "拜访记录")
    CHIPS = ("units", "industries", "kinds", "years")
    KINDS_LABEL = QT_TRANSLATE_NOOP("ListPage", "方式")
    SEARCH_HINT = QT_TRANSLATE_NOOP("ListPage", "搜索编号、企业、人员、地点（可用拼音或首字母）")
    NEW_LABEL = QT_TRANSLATE_NOOP("ListPage", "新建拜访")

    def row_actions(self, record_id: str) -> list[QAction]:
        from zsdesk.app import records  # (the page is made at start-up before the database layer is imported)

        translate = QCoreApplication.translate
        action = QAction(translate("ListPage", "转为线索…"), self)
        action.setToolTip(translate("ListPage", "用这条拜访新建一条线索，保存后与拜访关联"))
        row = self.model.row_of(record_id)
        readonly = row is not None and self.model.row_values(row).get("readonly")
        try:
            lead_id = self.ws.visits.values(record_id)["lead_id"]
        except ZsdeskError:
            return []
        if lead_id:
            try:
                number = records.lead_ref(self.ws, lead_id).number
            except ZsdeskError:
                number = ""
            action.setText(translate("ListPage", "已关联线索 {0}").format(number))
            action.setEnabled(False)
        elif readonly:
            action.setEnabled(False)
        action.triggered.connect(lambda: self.convert_to_lead(record_id))
        return [action]

    def convert_to_lead(self, visit_id: str) -> str | None:
        """转为线索: the new lead form filled from the visit; the list reads again once saved."""
        from zsdesk.ui.forms.visit import visit_to_lead

        lead_id = visit_to_lead(self, self.ws, visit_id)
        if lead_id:
            self._select_after_load = visit_id
            self.model.set_query(self.current_query())
        return lead_id
