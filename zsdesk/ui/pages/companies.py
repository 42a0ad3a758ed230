"""客商库: investors and target firms; search by name, pinyin, initials, 信用代码, contact."""

from __future__ import annotations

from zsdesk.ui.lists import ListPage


class CompaniesPage(ListPage):
    KIND = "companies"
    TITLE = "客商库"
    CHIPS = ("industries", "kinds")
    KINDS_LABEL = "类型"
    SEARCH_HINT = "搜索企业名称（可用拼音或首字母）、信用代码、地区、联系人"
    NEW_LABEL = "新建企业"
