"""拜访记录: every visit, newest first; search by company (pinyin too), person, place."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from zsdesk.ui.lists import ListPage


class VisitsPage(ListPage):
    KIND = "visits"
    TITLE = QT_TRANSLATE_NOOP("ListPage", "拜访记录")
    CHIPS = ("units", "industries", "kinds", "years")
    KINDS_LABEL = QT_TRANSLATE_NOOP("ListPage", "方式")
    SEARCH_HINT = QT_TRANSLATE_NOOP("ListPage", "搜索编号、企业（拼音/首字母）、人员、地点")
    NEW_LABEL = QT_TRANSLATE_NOOP("ListPage", "新建拜访")
