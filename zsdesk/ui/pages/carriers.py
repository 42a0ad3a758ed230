"""载体: land parcels, standard factories and office space, with free area and price."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from zsdesk.ui.lists import ListPage


class CarriersPage(ListPage):
    KIND = "carriers"
    TITLE = QT_TRANSLATE_NOOP("ListPage", "载体")
    CHIPS = ("units", "kinds")
    KINDS_LABEL = QT_TRANSLATE_NOOP("ListPage", "类型")
    SEARCH_HINT = QT_TRANSLATE_NOOP("ListPage", "搜索编号、名称、园区、地址")
    NEW_LABEL = QT_TRANSLATE_NOOP("ListPage", "新建载体")
