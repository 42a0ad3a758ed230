"""招商线索: leads with their stage and 亮灯 (days without progress, 搁置)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from zsdesk.ui.lists import ListPage


class LeadsPage(ListPage):
    KIND = "leads"
    TITLE = QT_TRANSLATE_NOOP("ListPage", "招商线索")
    CHIPS = ("units", "industries", "stages", "years", "lights")
    SEARCH_HINT = QT_TRANSLATE_NOOP("ListPage", "搜索编号、项目、企业（拼音/首字母）、责任人")
    NEW_LABEL = QT_TRANSLATE_NOOP("ListPage", "新建线索")
