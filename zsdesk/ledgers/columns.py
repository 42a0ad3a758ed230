"""The columns of the three 台账 (ledgers): how each is headed on export, and
the many ways county staff head it in the ledgers they keep (for import).

A column's ``field`` is a ledger field, not always a database column: ``company``
is a company *name* that the import resolves to a company, ``unit`` a unit name
or code, ``owner_staff`` a person's name. ``investment`` is the planned
investment of a lead and the contract investment of a project, because staff
head both "计划总投资(万元)" or "总投资".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = ("visits", "leads", "projects")
KIND_LABELS = {"visits": "拜访企业台账", "leads": "在谈项目台账", "projects": "签约项目台账"}
# Words in a title row that name the kind of ledger.
KIND_TITLE_WORDS = {
    "visits": ("拜访", "走访", "外出招商", "来访"),
    "leads": ("在谈", "线索", "洽谈项目", "储备项目"),
    "projects": ("签约项目", "签约"),
}


@dataclass(frozen=True)
class Column:
    field: str
    header: str                     # as exported
    type: str = "text"              # text, money, usd, decimal, date, int, stage, bool, seq, names, visit_kind
    width: int = 10                 # the narrowest width on export (characters; a CJK one counts 2)
    aliases: tuple[str, ...] = ()   # other headers recognised on import
    wrap: bool = False              # long text: wrapped, width capped
    export_only: bool = False       # shown in the ledger, never imported (e.g. 累计到位资金)


def _c(field, header, type="text", width=10, aliases="", **kw) -> Column:
    return Column(field, header, type, width, tuple(a for a in aliases.split() if a), **kw)


SEQ = _c("seq", "序号", "seq", 6, "顺序号 NO.")
UNIT = _c("unit", "招商单元", "text", 14,
          "单元 单位 招商单位 责任单位 所属单元 所属单位 招商组 专班 招商专班 牵头单位 责任单元 单元代码 招商单元代码")
COMPANY = _c("company", "企业名称", "text", 24,
             "企业 公司 公司名称 客商 客商名称 投资方 投资方名称 投资企业 投资主体 投资单位 签约企业 "
             "拜访企业 走访企业 对接企业 企业全称 投资商 投资人 合作方 项目单位 项目业主 投资方企业名称")
USCI = _c("usci", "统一社会信用代码", "text", 22, "信用代码 社会信用代码 统一信用代码 统一社会信用代码证 组织机构代码")
INDUSTRY = _c("industry", "所属产业", "text", 14,
              "产业 产业类别 产业分类 行业 所属行业 行业类别 产业链 所属产业链 产业方向 产业领域 产业链环节")
OWNER = _c("owner_staff", "包保责任人", "text", 10,
           "责任人 包保人 包保领导 负责人 项目负责人 跟进人 跟踪人 招商责任人 项目责任人 包抓责任人")
NOTES = _c("notes", "备注", "text", 24, "进展情况 推进情况 项目进展 最新进展 进展 情况说明 说明 备注说明", wrap=True)
STAGE_DATE = _c("stage_date", "阶段日期", "date", 12, "阶段时间 进展日期 状态日期 进度日期 阶段变更日期")
NUMBER = {
    "visits": _c("number", "编号", "text", 20, "拜访编号 记录编号 登记编号"),
    "leads": _c("number", "编号", "text", 20, "项目编号 线索编号 登记编号"),
    "projects": _c("number", "编号", "text", 18, "项目编号 签约编号 登记编号 项目代码"),
}
NAME = _c("name", "项目名称", "text", 28, "项目 项目名 项目全称 项目简称 招商项目 在谈项目 签约项目 项目名称及内容")
FOREIGN = _c("foreign_usd", "其中外资(万美元)", "usd", 10,
             "外资 外资金额 利用外资 外资额 外资(万美元) 外资额(万美元) 其中外资 合同外资 利用外资(万美元)")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "visits": (
        SEQ, NUMBER["visits"],
        _c("visit_date", "拜访日期", "date", 12,
           "拜访时间 走访日期 走访时间 日期 时间 外出日期 外出时间 接待日期 接待时间 洽谈日期 洽谈时间 对接时间 对接日期"),
        UNIT, COMPANY, USCI,
        _c("kind", "拜访方式", "visit_kind", 12, "招商方式 方式 拜访类型 拜访形式 形式 类型 走访方式 对接方式 活动类型"),
        _c("place", "地点", "text", 12, "拜访地点 走访地点 地区 拜访地区 目的地 外出地点 洽谈地点 城市"),
        _c("trip_days", "外出天数", "int", 8, "天数 出差天数 招商天数 外出招商天数 外出时长(天)"),
        _c("people", "对方人员", "text", 16,
           "对接人 企业对接人 对方参加人员 对方联系人 接待人 企业方人员 企业人员 企业联系人 联系人 客商人员 对方"),
        _c("participants", "我方人员", "names", 14,
           "参加人员 拜访人员 我方参加人员 招商人员 带队人员 走访人员 我方 参与人员 外出人员"),
        _c("outcome", "洽谈情况", "text", 36,
           "拜访情况 洽谈内容 主要成效 拜访成效 走访情况 对接情况 洽谈进展 成效 洽谈结果 拜访结果 主要内容 情况 "
           "洽谈情况及成效 拜访内容", wrap=True),
        _c("next_step", "下一步工作", "text", 24,
           "下步打算 下一步计划 下步工作 后续工作 下一步 下步计划 下一步打算 跟进措施", wrap=True),
        _c("next_due", "跟进时限", "date", 12, "截止日期 完成时限 时限 跟进日期 跟进截止日期 计划完成时间 完成期限"),
        _c("followup_done", "跟进完成", "bool", 8, "是否完成 是否完成跟进 完成情况 跟进情况 是否跟进"),
        _c("staff", "记录人", "text", 10, "填报人 登记人 录入人 带队人 带队领导"),
    ),
    "leads": (
        SEQ, NUMBER["leads"], NAME, COMPANY, USCI, INDUSTRY,
        _c("investment", "计划总投资(万元)", "money", 14,
           "总投资 计划投资 投资额 投资总额 拟投资 拟投资额 预计投资 预计总投资 投资规模 计划投资额 项目总投资 投资金额"),
        FOREIGN,
        _c("source", "线索来源", "text", 12, "来源 信息来源 项目来源 线索渠道 来源渠道 信息渠道"),
        _c("stage", "项目阶段", "stage", 8,
           "阶段 进展阶段 当前阶段 项目状态 状态 项目进度 进度 推进阶段 洽谈阶段 所处阶段"),
        STAGE_DATE,
        _c("stage_reason", "搁置/终止原因", "text", 16, "原因 搁置原因 终止原因 搁置终止原因", wrap=True),
        _c("first_reported", "首报日期", "date", 12,
           "首报时间 录入日期 收集日期 获取时间 信息获取时间 登记日期 登记时间 线索获取时间 入库时间 入库日期"),
        OWNER,
        _c("next_followup", "下次跟进日期", "date", 12, "下次跟进 下次跟进时间 跟进日期 计划跟进日期"),
        UNIT, NOTES,
    ),
    "projects": (
        SEQ, NUMBER["projects"], NAME, COMPANY, USCI, INDUSTRY,
        _c("contract_date", "签约日期", "date", 12,
           "签约时间 协议签订日期 签订日期 签订时间 协议签订时间 合同签订日期 合同签订时间 签约年月日"),
        _c("investment", "合同投资(万元)", "money", 14,
           "协议投资 协议投资额 签约金额 签约投资 合同投资额 计划总投资 总投资 投资额 投资总额 合同金额 "
           "项目总投资 计划投资 投资规模 投资金额"),
        FOREIGN,
        _c("land_mu", "用地(亩)", "decimal", 8, "用地面积 用地 占地 占地面积 土地面积 亩数 供地面积 用地规模"),
        _c("jobs", "就业人数", "int", 8, "用工 用工人数 新增就业 带动就业 就业 安置就业 新增就业人数"),
        _c("expected_output", "预计年产值(万元)", "money", 14, "达产产值 年产值 预计产值 达产后年产值 达产年产值 预计年销售"),
        _c("expected_tax", "预计年税收(万元)", "money", 14, "年税收 达产税收 预计税收 税收 达产后年税收 预计年纳税 年纳税"),
        _c("arrived", "累计到位资金(万元)", "money", 14, "到位资金 已到位资金 实际到位资金 资金到位 累计到位", export_only=True),
        _c("stage", "项目进度", "stage", 8,
           "进度 项目状态 状态 阶段 项目阶段 建设进度 推进阶段 当前阶段 建设情况 建设状态 所处阶段"),
        STAGE_DATE,
        _c("started_date", "开工日期", "date", 12, "开工时间 实际开工时间 实际开工日期"),
        _c("completed_date", "竣工日期", "date", 12, "竣工时间 实际竣工时间 实际竣工日期"),
        _c("producing_date", "投产日期", "date", 12, "投产时间 实际投产时间 实际投产日期 试生产时间"),
        _c("stage_reason", "未履约/停滞原因", "text", 16, "原因 未履约原因 停滞原因 停工原因", wrap=True),
        _c("category", "项目类别", "text", 8, "项目类型 项目分类 项目性质"),  # 工业/服务业/农业/其他
        OWNER, UNIT, NOTES,
    ),
}

# Columns a ledger of a kind cannot do without (checked on import).
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "visits": (("visit_date",), ("company", "people")),
    "leads": (("name",), ("company",)),
    "projects": (("name",), ("company",), ("contract_date",), ("investment",)),
}
# Columns that point to one kind more than the others (used by --kind auto).
DISTINCTIVE = {
    "visits": ("visit_date", "kind", "outcome", "people", "participants", "trip_days", "next_step"),
    "leads": ("first_reported", "next_followup", "source"),
    "projects": ("contract_date", "land_mu", "jobs", "expected_output", "expected_tax", "started_date",
                 "completed_date", "producing_date", "arrived"),
}

# --- header spellings ---------------------------------------------------------------

_BRACKETS = re.compile(r"[(\[【〔<《]([^)\]】〕>》]*)[)\]】〕>》]")
_NOISE = re.compile(r"[\s*※★☆:：;；、,，.。\"'“”‘’/\\_\-—~～]+")
_PREFIXES = ("其中", "含")


def header_key(text: object) -> tuple[str, str]:
    """(normalised header, the unit written in brackets): '计划总投资\n（亿元）' ->
    ('计划总投资', '亿元'). Full-width forms become half-width; spaces, line breaks,
    asterisks (required marks) and punctuation go."""
    raw = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    units = " ".join(m.strip() for m in _BRACKETS.findall(raw))
    key = _NOISE.sub("", _BRACKETS.sub("", raw))
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            key = key[len(prefix):]
    return key, units


def _alias_index(kind: str) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for col in COLUMNS[kind]:
        for spelling in (col.header, *col.aliases):
            key, _ = header_key(spelling)
            index.setdefault(key, col)
    return index


ALIASES: dict[str, dict[str, Column]] = {kind: _alias_index(kind) for kind in KINDS}
ALL_ALIASES: frozenset[str] = frozenset(k for index in ALIASES.values() for k in index)


def match_header(kind: str, text: object) -> Column | None:
    key, _ = header_key(text)
    return ALIASES[kind].get(key) if key else None
