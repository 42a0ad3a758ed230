"""拜访记录: every visit, newest first; search by company (pinyin too), person, place."""

from __future__ import annotations

from zsdesk.ui.lists import ListPage


class VisitsPage(ListPage):
    KIND = "visits"
    TITLE = "拜访记录"
    CHIPS = ("units", "industries", "kinds", "years")
    KINDS_LABEL = "方式"
    SEARCH_HINT = "搜索编号、企业（可用拼音或首字母）、人员、地点"
    NEW_LABEL = "新建拜访"
