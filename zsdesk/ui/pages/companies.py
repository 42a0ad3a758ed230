"""客商库: investors and target firms; search by name, pinyin, initials, 信用代码, contact."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from zsdesk.ui.lists import ListPage


class CompaniesPage(ListPage):
    KIND = "companies"
    TITLE = QT_TRANSLATE_NOOP("ListPage", "客商库")
    CHIPS = ("industries", "kinds")
    KINDS_LABEL = QT_TRANSLATE_NOOP("ListPage", "类型")
    SEARCH_HINT = QT_TRANSLATE_NOOP("ListPage", "搜索名称（拼音/首字母）、信用代码、地区、联系人")
    NEW_LABEL = QT_TRANSLATE_NOOP("ListPage", "新建企业")
