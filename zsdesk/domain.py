"""Domain vocabulary: stage codes, their order and their Chinese labels.

Codes are stored; labels are shown (the UI translates them again through Qt).
"""

from __future__ import annotations

ROLES = ("county", "city")
ROLE_LABELS = {"county": "县级", "city": "市级"}

# 线索 → 接洽 → 在谈 → 意向 → 签约, or 搁置/终止 with a reason
LEAD_FLOW = ("clue", "contact", "negotiating", "intent", "signed")
LEAD_SIDE = ("on_hold", "terminated")
LEAD_STAGES = LEAD_FLOW + LEAD_SIDE
LEAD_LABELS = {
    "clue": "线索", "contact": "接洽", "negotiating": "在谈", "intent": "意向",
    "signed": "签约", "on_hold": "搁置", "terminated": "终止",
}

# 签约 → 注册 → 开工 → 竣工 → 投产 → 达效, or 未履约/停滞 with a reason
PROJECT_FLOW = ("signed", "registered", "started", "completed", "producing", "effective")
PROJECT_SIDE = ("defaulted", "stalled")
PROJECT_STAGES = PROJECT_FLOW + PROJECT_SIDE
PROJECT_LABELS = {
    "signed": "签约", "registered": "注册", "started": "开工", "completed": "竣工",
    "producing": "投产", "effective": "达效", "defaulted": "未履约", "stalled": "停滞",
}
STAGES_NEEDING_REASON = {"on_hold", "terminated", "defaulted", "stalled"}

VISIT_KINDS = ("上门招商", "驻点招商", "来访接待", "展会推介", "企业走访/安商稳商", "以商招商", "其他")
COMPANY_TAGS = ("世界500强", "中国500强", "央企", "外资", "专精特新", "上市公司", "高新技术企业")
PROBLEM_CATEGORIES = ("用地", "用电", "用水", "审批", "融资", "用工", "环评", "基础设施", "其他")
CARRIER_KINDS = ("土地", "标准厂房", "楼宇", "孵化器", "其他")
# 项目类别: the person-level 赛马's rule counts 工业 projects (Bozhou's 产业招商组)
PROJECT_CATEGORIES = ("工业", "服务业", "农业", "其他")
REVIEW_STEPS = ("recommended", "joint_review", "leader_review", "approved", "returned")
REVIEW_LABELS = {
    "recommended": "单元推荐", "joint_review": "联席会审查", "leader_review": "市领导审核",
    "approved": "通过", "returned": "退回",
}

# Target lines (考核目标) and their labels
TARGET_METRICS = (
    "signed_projects", "signed_investment", "major_projects",
    "started_projects", "arrived_capital", "visits",
)
TARGET_LABELS = {
    "signed_projects": "签约项目个数", "signed_investment": "签约金额（万元）",
    "major_projects": "亿元以上项目", "started_projects": "开工项目个数",
    "arrived_capital": "到位资金（万元）", "visits": "拜访企业次数",
}

MAJOR_CNY = 10000  # 万元: 亿元以上项目
MAJOR_USD = 1000   # 万美元 for foreign capital
