"""签约项目: signed projects with their stage and 亮灯 (start and production limits, problems)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from zsdesk.ui.lists import ListPage


class ProjectsPage(ListPage):
    KIND = "projects"
    TITLE = QT_TRANSLATE_NOOP("ListPage", "签约项目")
    CHIPS = ("units", "industries", "stages", "years", "lights")
    SEARCH_HINT = QT_TRANSLATE_NOOP("ListPage", "搜索编号、项目、企业（拼音/首字母）、责任人、载体")
    NEW_LABEL = QT_TRANSLATE_NOOP("ListPage", "新建项目")
