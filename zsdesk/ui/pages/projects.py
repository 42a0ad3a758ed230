"""签约项目: signed projects with their stage and 亮灯 (start and production limits, problems)."""

from __future__ import annotations

from zsdesk.ui.lists import ListPage


class ProjectsPage(ListPage):
    KIND = "projects"
    TITLE = "签约项目"
    CHIPS = ("units", "industries", "stages", "years", "lights")
    SEARCH_HINT = "搜索编号、项目名称、企业（可用拼音或首字母）、责任人、载体"
    NEW_LABEL = "新建项目"
