"""The built-in reference catalogue every site starts with.

Its records have deterministic ids and belong to the pseudo-site ``SEED``, so a
county that starts alone and a city that starts alone hold the same industries
and settings with the same ids; only the city may change them afterwards.
"""

from __future__ import annotations

import json
import uuid

_NS = uuid.UUID("6f1c2a1e-0d5b-4c1e-9a57-3b0e8c9d2f10")
SEED_SITE_ID = str(uuid.uuid5(_NS, "site:SEED"))
SEED_CODE = "SEED"


def seed_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NS, f"{kind}:{key}"))


# The built-in catalogue: a general list of ten industries with chain nodes
# (建链/补链/强链), not any city's notice. A city chooses its own at first start
# (``TEMPLATES``: the Bozhou 十大新兴产业 or this general one) and edits it after.
INDUSTRIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("I01", "现代中医药及大健康", [("上游", "中药材种植"), ("中游", "中药饮片与制剂"), ("下游", "康养服务")]),
    ("I02", "新能源和新材料", [("上游", "锂电材料"), ("中游", "光伏组件"), ("下游", "储能系统")]),
    ("I03", "数字经济", [("上游", "数据中心"), ("中游", "软件与信息服务"), ("下游", "数字化应用")]),
    ("I04", "电子信息", [("上游", "电子元器件"), ("中游", "集成电路封测"), ("下游", "智能终端")]),
    ("I05", "高端装备制造", [("上游", "核心零部件"), ("中游", "整机制造"), ("下游", "运维服务")]),
    ("I06", "精细化工", [("上游", "基础化工原料"), ("中游", "专用化学品"), ("下游", "化工新材料应用")]),
    ("I07", "绿色食品", [("上游", "农产品基地"), ("中游", "食品加工"), ("下游", "冷链物流")]),
    ("I08", "生物医药", [("上游", "原料药"), ("中游", "创新药与器械"), ("下游", "医药流通")]),
    ("I09", "现代物流", [("上游", "物流园区"), ("中游", "仓储配送"), ("下游", "供应链服务")]),
    ("I10", "文化旅游", [("上游", "文旅资源开发"), ("中游", "景区运营"), ("下游", "文创产品")]),
]

# 亳州市十大新兴产业, as the city's notice names them, with chain nodes.
BOZHOU_INDUSTRIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("I01", "现代中医药及大健康", [("上游", "中药材种植与交易"), ("中游", "中药饮片与中成药"), ("下游", "康养与健康服务")]),
    ("I02", "文化旅游创意", [("上游", "文旅资源开发"), ("中游", "景区与文旅运营"), ("下游", "文创产品与演艺")]),
    ("I03", "绿色食品", [("上游", "农产品基地"), ("中游", "食品精深加工"), ("下游", "冷链物流与销售")]),
    ("I04", "新能源和新材料", [("上游", "光伏与储能材料"), ("中游", "电池与新能源装备"), ("下游", "新材料应用")]),
    ("I05", "汽车（农机、环卫）装备制造", [("上游", "核心零部件"), ("中游", "整车与整机制造"), ("下游", "后市场服务")]),
    ("I06", "绿色装配", [("上游", "装配式建材"), ("中游", "装配式构件生产"), ("下游", "装配式建筑施工")]),
    ("I07", "节能环保", [("上游", "节能环保材料"), ("中游", "节能环保装备"), ("下游", "环境治理服务")]),
    ("I08", "轻纺", [("上游", "纺织原料"), ("中游", "纺纱织造"), ("下游", "服装家纺")]),
    ("I09", "数字经济", [("上游", "数据中心与算力"), ("中游", "软件与信息服务"), ("下游", "数字化应用")]),
    ("I10", "电子信息", [("上游", "电子元器件"), ("中游", "集成电路与模组"), ("下游", "智能终端")]),
]

# Catalogues a city may start from: key -> (label, industries).
TEMPLATES: dict[str, tuple[str, list[tuple[str, str, list[tuple[str, str]]]]]] = {
    "general": ("通用产业目录（十大产业）", INDUSTRIES),
    "bozhou": ("亳州市十大新兴产业", BOZHOU_INDUSTRIES),
}
DEFAULT_TEMPLATE = "general"

# 亮灯 limits (months / days); the city office edits them.
DEFAULT_LIGHT_LIMITS = {
    "project_start_months": 6,        # 签约后应开工
    "project_production_months": 24,  # 签约后应投产
    "yellow_days": 30,                # within this many days of a limit: yellow
    "lead_stale_days": 60,            # a lead with no stage change for this long: yellow
    "lead_red_days": 120,             # ... and red
    "rush_days": 3,                   # 突击上报: recorded in the last days before a deadline
}

DEFAULT_SCORING = {
    "weights": {"signed_projects": 30, "signed_investment": 30, "major_projects": 20,
                "started_projects": 10, "arrived_capital": 10},
    "deductions": {"overdue_start": 2},  # points per 超时限未开工 project
}


def seed_rows(site_id_of_seed: str = SEED_SITE_ID) -> dict[str, list[dict]]:
    """Rows of the catalogue, by table name."""
    industries = []
    for order, (code, name, nodes) in enumerate(INDUSTRIES):
        parent = seed_id("industry", code)
        industries.append({"id": parent, "code": code, "name": name, "parent_id": None,
                           "chain_position": None, "sort_order": order,
                           "owner_site_id": site_id_of_seed})
        for n, (position, node) in enumerate(nodes):
            ncode = f"{code}-{n + 1}"
            industries.append({"id": seed_id("industry", ncode), "code": ncode, "name": node,
                               "parent_id": parent, "chain_position": position, "sort_order": n,
                               "owner_site_id": site_id_of_seed})
    settings = [{"id": "light_limits", "value": json.dumps(DEFAULT_LIGHT_LIMITS),
                 "owner_site_id": site_id_of_seed}]
    scoring = [{"id": seed_id("scoring", "v1"), "version": 1, "year": 0,
                "weights": json.dumps(DEFAULT_SCORING["weights"]),
                "deductions": json.dumps(DEFAULT_SCORING["deductions"]),
                "note": "默认评分规则", "owner_site_id": site_id_of_seed}]
    return {"industries": industries, "settings": settings, "scoring_rules": scoring}


def seed_tables() -> list[tuple[type, list[dict]]]:
    """(model, rows) in a fixed order: the order gives the seed entries' counters,
    so it only ever grows at the end."""
    from zsdesk.db.models import Industry, ScoringRules, Setting, Site

    rows = seed_rows()
    site = [{"id": SEED_SITE_ID, "code": SEED_CODE, "name": "内置目录", "role": "city",
             "owner_site_id": SEED_SITE_ID}]
    return [(Site, site), (Industry, rows["industries"]), (Setting, rows["settings"]),
            (ScoringRules, rows["scoring_rules"])]


def use_template(ws, key: str) -> int:
    """Make the catalogue of ``key`` (see ``TEMPLATES``) this city's industries:
    the built-in entries (I01–I10 and their chain nodes, the same ids at every
    site) are renamed in place, so the change reaches the counties by sync like
    any edit of the city. Returns how many entries changed."""
    from sqlalchemy import select

    from zsdesk.db.models import Industry
    from zsdesk.errors import ValidationError

    if key not in TEMPLATES:
        raise ValidationError("template", f"没有“{key}”这个产业目录模板（可选：{'、'.join(TEMPLATES)}）")
    ws.check_can_edit("industries", SEED_SITE_ID)
    wanted: dict[str, dict] = {}
    for order, (code, name, nodes) in enumerate(TEMPLATES[key][1]):
        wanted[seed_id("industry", code)] = {"name": name, "sort_order": order, "active": True}
        for n, (position, node) in enumerate(nodes):
            wanted[seed_id("industry", f"{code}-{n + 1}")] = {"name": node, "chain_position": position,
                                                              "sort_order": n, "active": True}
    changed = 0
    with ws.write(source="template") as w:
        rows = {r.id: r for r in w.session.execute(
            select(Industry.id, Industry.name, Industry.chain_position, Industry.sort_order, Industry.active)
            .where(Industry.id.in_(list(wanted)), ~Industry.deleted))}
        for iid, values in wanted.items():
            row = rows.get(iid)
            if row is None:
                continue
            diff = {k: v for k, v in values.items() if getattr(row, k) != v}
            if diff:
                w.update(Industry, iid, diff, allow_foreign=True)
                changed += 1
    return changed
