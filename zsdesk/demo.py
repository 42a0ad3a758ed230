"""演示数据: fills a database with a realistic city's investment-promotion work.

``generate(ws)`` makes units (高新区招商一局, 经济开发区招商局, XX镇招商分局 …)
with their staff, a target-company database (客商库) with contacts, carriers,
leads at every stage with their stage history, the projects signed from them at
every stage with capital arrivals and problems, visits of every kind with
follow-ups, targets per unit and year, a few 落户预审 reviews and 飞地 referrals,
and a few near-duplicate companies chased by two units (撞车).

Sizes: ``scale=1`` with 10 units over 3 years gives 100k visits, 25k leads and
5k projects (W1); every size is proportional to ``scale × units/10 × years/3``.
The years are calendar years ending with the current one, so the current year
holds data up to today, as a real database would.

Every write goes through the ``ChangeWriter`` (``source="demo"``) in batches,
so change capture sees demo data like any other. Rows are built directly
(not through the per-row service validation, for speed) but keep the rules the
services enforce: stage histories go forward with ascending dates, a record's
stage is its last history entry, amounts are exact and positive, 统一社会信用代码
validate, and every event date (visits, stages, contracts, arrivals, problems,
reviews, referrals) is on or before ``ws.today()``. Planned dates — a visit's
next-step due date and a lead's next follow-up — may lie ahead: some are
overdue, some are still to come.

The content is deterministic for a given seed (and ``today``); the record ids
are too, but they also depend on the site, so two demo databases never share ids.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import itertools
import math
import random
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import func, select, update

from zsdesk.db.models import (
    CapitalArrival, Carrier, ChangeLog, ChainTarget, Company, CompanyContact, Event, EventLink, Industry, Lead, LeadStage,
    Problem, Project, ProjectStage, Referral, Review, ReviewStep, Staff, Target, Unit, Visit, VisitParticipant,
)
from zsdesk.domain import (
    CARRIER_KINDS, COMPANY_TAGS, LEAD_FLOW, MAJOR_CNY, MAJOR_USD, PROBLEM_CATEGORIES, PROJECT_FLOW,
    TARGET_METRICS, VISIT_KINDS,
)
from zsdesk.errors import RefusedError
from zsdesk.timefmt import BEIJING
from zsdesk.validation import plain_decimal, usci_check_char

BATCH = 20_000  # rows per insert_many (all in one transaction: a killed run leaves no half dataset)

# Sizes at scale 1 with 10 units over 3 years (W1).
BASE_SIZES = {"visits": 100_000, "leads": 25_000, "projects": 5_000, "companies": 12_000}

DEMO_SITE = {"role": "city", "code": "DEMO", "name": "示范市招商办"}


def sizes_for(*, units: int, years: int, scale: float) -> dict[str, int]:
    """Target row counts for the main tables (before the small minimums that
    make every stage and kind appear)."""
    factor = scale * (units / 10) * (years / 3)
    return {k: int(round(v * factor)) for k, v in BASE_SIZES.items()}


def generate(ws, *, units: int = 6, years: int = 2, scale: float = 0.05, seed: int = 2026,
             progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Fill ``ws`` with demo data; returns the number of rows written per table.

    An uninitialised database becomes the city site 示范市招商办 (DEMO) with
    ``units`` new units; a county site gets data for its own units (and no
    targets, reviews or referrals, which only the city writes). A database that
    already holds visits or projects is refused, so real data is never mixed
    with invented data."""
    if units < 1 or years < 1 or scale <= 0:
        raise RefusedError("演示数据参数无效：单元数、年数须至少为1，规模须大于0")
    if not ws.initialised:
        from zsdesk.services import init_site

        init_site(ws, role=DEMO_SITE["role"], code=DEMO_SITE["code"], name=DEMO_SITE["name"])
    with ws.read() as s:
        busy = (s.scalar(select(func.count()).select_from(Visit)) or 0) + \
               (s.scalar(select(func.count()).select_from(Project)) or 0)
    if busy:
        raise RefusedError("数据库已有业务数据（拜访或项目），不能再生成演示数据；"
                           "请换一个新的数据库文件，例如 zsdesk --db demo.db demo")
    return _Generator(ws, units=units, years=years, scale=scale, seed=seed, progress=progress).run()


# --- vocabulary ------------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
            "邵万钱严覃武戴莫孔向汤")
GIVEN_NAMES = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "霞", "平", "刚", "建国", "建华", "志强", "海燕", "晓东", "晓明", "红梅", "文静", "海涛", "丽娟",
    "俊杰", "子涵", "浩然", "思远", "志刚", "国庆", "卫东", "春华", "玉兰", "永刚", "立新", "少华",
    "德明", "宏伟", "家豪", "嘉怡", "欣怡", "一鸣", "振华", "宇航", "晨曦", "佳琪", "婷婷", "鹏飞",
    "文博", "昊天", "雪梅", "建军", "秀英", "桂芳", "志明", "晓燕", "玉洁", "国华", "新民", "亚军",
)
STAFF_TITLES = ("招商专员", "招商专员", "招商专员", "驻点招商员", "项目服务专员", "招商科副科长",
                "招商科科长", "综合科科长")

# 招商单元: the first ones by name, then towns (XX镇招商分局).
UNIT_NAMES = ("高新区招商一局", "经济开发区招商局", "高新区招商二局", "临港产业园招商局",
              "综合保税区招商局", "文旅度假区招商服务中心", "现代农业产业园招商局")
TOWNS = ("黄桥", "新街", "虹桥", "分界", "古溪", "元竹", "宣堡", "曲霞", "河失", "珊瑚", "广陵", "根思",
         "张桥", "横垛", "姚王", "滨江", "七圩", "燕头", "马甸", "济川", "大生", "城东", "城西", "溪桥")
UNIT_PARKS = ("高新区智能制造产业园", "经开区新材料产业园", "高新区科创园", "临港装备产业园",
              "综保区跨境电商园", "文旅度假区", "现代农业产业园")

# name prefix, 统一社会信用代码 region code, home region, address city + district
REGIONS = (
    ("深圳", "440300", "广东深圳", "深圳市南山区"), ("上海", "310000", "上海", "上海市浦东新区"),
    ("苏州", "320500", "江苏苏州", "苏州市工业园区"), ("杭州", "330100", "浙江杭州", "杭州市滨江区"),
    ("南京", "320100", "江苏南京", "南京市江宁区"), ("宁波", "330200", "浙江宁波", "宁波市鄞州区"),
    ("无锡", "320200", "江苏无锡", "无锡市新吴区"), ("常州", "320400", "江苏常州", "常州市武进区"),
    ("泰州", "321200", "江苏泰州", "泰州市海陵区"), ("合肥", "340100", "安徽合肥", "合肥市蜀山区"),
    ("武汉", "420100", "湖北武汉", "武汉市东湖新技术开发区"), ("成都", "510100", "四川成都", "成都市高新区"),
    ("西安", "610100", "陕西西安", "西安市雁塔区"), ("广州", "440100", "广东广州", "广州市黄埔区"),
    ("东莞", "441900", "广东东莞", "东莞市松山湖"), ("佛山", "440600", "广东佛山", "佛山市顺德区"),
    ("厦门", "350200", "福建厦门", "厦门市思明区"), ("青岛", "370200", "山东青岛", "青岛市黄岛区"),
    ("郑州", "410100", "河南郑州", "郑州市金水区"), ("长沙", "430100", "湖南长沙", "长沙市岳麓区"),
    ("北京", "110000", "北京", "北京市海淀区"), ("天津", "120000", "天津", "天津市滨海新区"),
    ("江苏", "320000", "江苏南通", "南通市崇川区"), ("浙江", "330000", "浙江温州", "温州市鹿城区"),
    ("山东", "370000", "山东济宁", "济宁市任城区"), ("广东", "440000", "广东珠海", "珠海市香洲区"),
)
PROVINCES = {"江苏", "浙江", "山东", "广东"}  # name prefixes above that are provinces, not cities
FOREIGN_REGIONS = (("香港", "香港"), ("新加坡", "新加坡"), ("德国", "德国"), ("日本", "日本"),
                   ("韩国", "韩国"), ("台湾", "台湾"), ("美国", "美国"))
NAME_CHARS = "华信联创恒瑞达鑫盛泰隆博远源德邦天宇中腾海亿嘉和凯安昊润星通晶智弘诺晟泽卓越启辰航金科" \
             "蓝宏旭祥美雅力丰汇康明昌佳顺永新光澳亚欧普益正"
ROADS = ("科技", "创业", "高新", "长江", "黄河", "人民", "建设", "工业", "新华", "学府", "振兴", "龙华")

# Per industry code (seed.INDUSTRIES): words of a company name, and project name templates.
INDUSTRY_WORDS = {
    "I01": ("中药饮片", "药业", "健康科技", "康养产业", "生物科技"),
    "I02": ("新能源科技", "锂电材料", "光伏科技", "储能技术", "新材料科技"),
    "I03": ("数字科技", "信息技术", "软件技术", "大数据科技", "网络科技"),
    "I04": ("电子科技", "半导体", "微电子", "智能终端", "光电科技"),
    "I05": ("智能装备", "精密机械", "机器人", "重工机械", "动力科技"),
    "I06": ("化工", "化学科技", "精细化工", "涂料", "高分子材料"),
    "I07": ("食品", "农业科技", "生态农业", "食品科技", "粮油"),
    "I08": ("生物医药", "制药", "医疗器械", "生物工程", "医药科技"),
    "I09": ("物流", "供应链管理", "国际货运代理", "仓储服务", "智慧物流"),
    "I10": ("文化旅游发展", "文化传媒", "旅游开发", "文创科技", "酒店管理"),
}
PROJECT_NAMES = {
    "I01": ("年产{n}吨中药饮片生产线项目", "中医药康养综合体项目", "大健康产业园项目", "中药配方颗粒生产项目"),
    "I02": ("年产{n}GWh锂电池储能系统项目", "{n}MW分布式光伏发电项目", "新能源材料生产基地项目",
            "年产{n}万吨正极材料项目"),
    "I03": ("数字经济产业园项目", "区域数据中心项目", "软件研发中心项目", "工业互联网平台项目"),
    "I04": ("集成电路封装测试项目", "年产{n}亿只电子元器件项目", "智能终端生产基地项目", "光电显示模组项目"),
    "I05": ("智能装备制造基地项目", "年产{n}台（套）高端装备项目", "精密零部件生产项目", "工业机器人生产线项目"),
    "I06": ("年产{n}万吨专用化学品项目", "化工新材料项目", "高性能涂料生产项目"),
    "I07": ("年产{n}万吨绿色食品加工项目", "冷链物流中心项目", "现代农业产业园项目", "中央厨房项目"),
    "I08": ("创新药研发生产基地项目", "医疗器械产业园项目", "原料药生产项目", "生物制剂生产项目"),
    "I09": ("智慧物流园项目", "区域分拨中心项目", "供应链服务基地项目", "保税仓储项目"),
    "I10": ("文旅综合体项目", "乡村旅游度假区项目", "文创产业园项目", "精品酒店项目"),
}
# tag: probability (a company may carry several)
TAG_ODDS = {"世界500强": 0.01, "中国500强": 0.03, "央企": 0.01, "外资": 0.07, "专精特新": 0.10,
            "上市公司": 0.06, "高新技术企业": 0.20}
assert set(TAG_ODDS) == set(COMPANY_TAGS)
CONTACT_TITLES = ("董事长", "总经理", "副总经理", "投资总监", "战略发展部经理", "行政经理", "财务总监")
PEOPLE_TITLES = ("董事长", "总经理", "副总裁", "投资总监", "战略投资部经理", "项目经理")

VISIT_KIND_WEIGHTS = {"上门招商": 34, "驻点招商": 10, "来访接待": 20, "展会推介": 8, "企业走访/安商稳商": 18,
                      "以商招商": 6, "其他": 4}
assert set(VISIT_KIND_WEIGHTS) == set(VISIT_KINDS)
OUTCOMES = {
    "上门招商": ("拜访企业{title}，介绍我区产业政策和载体资源，企业有意向来实地考察。",
                 "与企业投资部座谈，对方计划在长三角布局新产能，已提供项目需求清单。",
                 "向企业推介标准厂房和土地资源，企业关注用地价格和配套政策。",
                 "企业正在比选三个地区，我方已提交初步支持政策方案。"),
    "驻点招商": ("驻点期间走访企业，收集投资信息，建立联系。",
                 "通过驻点工作站对接企业，了解其扩产计划。",
                 "参加当地商会活动，与企业负责人交流投资意向。"),
    "来访接待": ("企业一行来我区考察，参观园区和标准厂房，双方就用地和政策进行交流。",
                 "接待企业考察团，区领导会见并介绍营商环境。",
                 "企业来访洽谈合作协议条款，双方基本达成一致。"),
    "展会推介": ("在推介会上与企业接洽，交换项目资料，约定后续对接。",
                 "举办专场推介，企业对我区产业链配套表现出兴趣。"),
    "企业走访/安商稳商": ("走访在建项目，了解施工进度和用工需求。",
                          "走访已落户企业，协调解决用电和物流问题。",
                          "了解企业增资扩产计划，帮助对接银行融资。"),
    "以商招商": ("通过已落户企业引荐其上游供应商，初步沟通合作意向。",
                 "由商会牵线，与企业负责人见面洽谈。"),
    "其他": ("电话沟通项目进展。", "视频会议洽谈合作细节。", "向上级部门汇报项目推进情况。"),
}
NEXT_STEPS = ("邀请企业来访考察", "报送项目可行性材料", "协调自然资源局对接用地", "安排对接标准厂房",
              "提交政策兑现清单", "准备投资协议文本", "组织专班会商", "再次上门拜访", "报区领导会见")
EXPOS = ("上海进博会", "深圳高交会", "厦门投洽会", "广州广交会", "北京服贸会", "南京金洽会")
RECEPTION_PLACES = ("政务服务中心", "园区展示中心", "标准厂房现场", "管委会会议室")
LEAD_SOURCES = ("以商招商", "驻点招商", "展会推介", "中介推荐", "上级推送", "乡贤回归", "网络信息", "企业自荐")
LEAD_NOTES = ("企业已完成内部立项。", "需协调用地指标。", "企业要求提供设备补贴政策。", "竞争地区为周边县市。",
              None, None, None)

REASONS = {
    "on_hold": ("企业投资计划推迟，待明年再议", "项目用地指标暂未落实", "企业内部决策调整，暂缓推进",
                "等待企业完成融资后再推进"),
    "terminated": ("企业选择落户其他地区", "项目不符合产业政策和环保要求", "企业经营状况恶化，取消投资",
                   "投资强度达不到入园标准"),
    "defaulted": ("企业资金未到位，未按协议注册", "企业投资方向调整，项目未落地", "超过协议约定期限未开工，已解除协议"),
    "stalled": ("企业资金链紧张，项目暂停建设", "市场变化，企业放缓投资节奏", "环评手续未完成，暂停施工",
                "股东变更，项目重新论证"),
}
PROBLEMS = {
    "用地": ("项目用地指标尚未落实", "土地征收进度滞后", "用地规划调整待批"),
    "用电": ("双回路供电线路未接入", "变电站扩容需协调", "临时用电审批慢"),
    "用水": ("工业用水管网未接通", "污水接管标准需确认"),
    "审批": ("施工许可证办理中", "能评批复等待省级审批", "消防验收排期较晚"),
    "融资": ("企业流动资金紧张，需协调银行贷款", "设备融资租赁需政府担保"),
    "用工": ("技术工人招聘困难", "员工宿舍需配套"),
    "环评": ("环评批复等待上级审批", "排污指标需调剂"),
    "基础设施": ("园区道路未建成", "天然气管道未通达"),
    "其他": ("企业要求兑现招商政策", "周边居民协调"),
}
RESPONSIBLE = {"用地": "自然资源和规划局", "用电": "供电公司", "用水": "水务集团", "审批": "行政审批局",
               "融资": "地方金融监管局", "用工": "人力资源和社会保障局", "环评": "生态环境局",
               "基础设施": "住房和城乡建设局", "其他": "招商服务中心"}
RESOLUTIONS = ("经专题会议协调，已解决", "相关部门上门服务，问题已办结", "已纳入重点项目绿色通道，办理完成",
               "企业与部门达成一致，问题解决")
ARRIVAL_NOTES = ("注册资本金到位", "设备购置款", "基建投资", "股东增资", "银行贷款到位", None)

# stage -> (min, max) days after the previous stage
LEAD_STEP_DAYS = {"contact": (3, 60), "negotiating": (10, 120), "intent": (10, 150), "signed": (10, 180)}
PROJECT_STEP_DAYS = {"registered": (7, 90), "started": (20, 240), "completed": (150, 600),
                     "producing": (10, 120), "effective": (120, 540)}
PROJECT_ADVANCE = {"registered": 0.95, "started": 0.88, "completed": 0.85, "producing": 0.92, "effective": 0.7}
# final stage of a lead that was not signed
OPEN_LEAD_WEIGHTS = {"clue": 22, "contact": 20, "negotiating": 20, "intent": 10, "on_hold": 13, "terminated": 15}
# share of contract investment arrived by a project's stage
ARRIVED_SHARE = {"signed": (0, 0), "registered": (0.05, 0.2), "started": (0.2, 0.55),
                 "completed": (0.5, 0.85), "producing": (0.7, 1.0), "effective": (0.85, 1.0),
                 "stalled": (0.1, 0.45), "defaulted": (0, 0)}

DAY = dt.timedelta(days=1)
#: words that make a demo project 服务业 or 农业 (else 工业), for 个人赛马's 工业项目 rule
SERVICE_WORDS = ("服务", "物流", "中心", "康养", "旅游", "文化", "商贸", "总部", "数字", "电商", "供应链", "酒店")
FARM_WORDS = ("种植", "养殖", "农业", "农场", "茶园")
STARTED = set(PROJECT_FLOW[PROJECT_FLOW.index("started"):])


def _money(value) -> Decimal:
    """An exact amount in the form the services store (plain_decimal)."""
    return plain_decimal(Decimal(value))


def _is_major(row: dict) -> bool:
    """亿元以上: a lead's planned or a project's contract investment ≥ 1亿元 (foreign: ≥ 1000万美元)."""
    amount = row.get("contract_investment", row.get("planned_investment")) or 0
    return amount >= MAJOR_CNY or (row.get("foreign_investment_usd") or 0) >= MAJOR_USD


def _fit(gaps: list[int], span: int) -> list[int]:
    """Shrink ``gaps`` (days, each ≥ 1) so that they sum to at most ``span``
    while every gap stays at least one day (when ``span`` allows)."""
    total = sum(gaps)
    if total <= span:
        return gaps
    if span <= len(gaps):
        return [1] * len(gaps)
    out = [max(1, g * span // total) for g in gaps]
    while sum(out) > span:
        i = out.index(max(out))
        out[i] -= 1
    return out


class _Generator:
    def __init__(self, ws, *, units: int, years: int, scale: float, seed: int, progress):
        self.ws = ws
        self.rnd = random.Random(seed)
        self.ids = random.Random(f"{seed}:{ws.site.id}")  # ids: deterministic, but never shared by two sites
        self.say = progress or (lambda msg: None)
        self.today = ws.today()
        self.site = ws.site
        self.is_city = ws.site.is_city
        first_year = self.today.year - years + 1
        self.start = dt.date(first_year, 1, 1)
        if (self.today - self.start).days < 90:  # early January with one year: still some history
            self.start = self.today - 90 * DAY
        self.span = (self.today - self.start).days
        self.years = list(range(self.start.year, self.today.year + 1))
        self.n_units, self.n_years, self.scale = units, years, scale
        self.counts: dict[str, int] = {}

    # -- plumbing ---------------------------------------------------------------------------
    def new_id(self) -> str:
        h = f"{self.ids.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"

    def insert(self, model, rows: list[dict], *, number_year=None, label: str | None = None) -> None:
        """Write rows through the run's ChangeWriter, BATCH rows per call."""
        for i in range(0, len(rows), BATCH):
            self.w.insert_many(model, rows[i:i + BATCH], number_year=number_year)
        if rows:
            name = model.__tablename__
            self.counts[name] = self.counts.get(name, 0) + len(rows)
            if label:
                self.say(f"{label}：{len(rows)} 条")

    def date_between(self, lo: dt.date, hi: dt.date) -> dt.date:
        if hi <= lo:
            return lo
        return lo + self.rnd.randint(0, (hi - lo).days) * DAY

    def recent_date(self, lo: dt.date, power: float = 1.6) -> dt.date:
        """A date in [lo, today], more often recent."""
        span = (self.today - lo).days
        return self.today - int(span * self.rnd.random() ** power) * DAY

    def person(self) -> str:
        return self.rnd.choice(SURNAMES) + self.rnd.choice(GIVEN_NAMES)

    def phone(self) -> str:
        return f"1{self.rnd.choice('3578')}{self.rnd.randrange(10**9):09d}"

    # -- the steps ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def reading(self):
        """Reads inside the run's transaction (they see what it wrote so far)."""
        yield self.w.session

    def run(self) -> dict[str, int]:
        """Everything in one transaction: a run that is killed or fails leaves no
        demo rows, and the next run starts again."""
        self.say(f"生成演示数据：{self.start.isoformat()} 至 {self.today.isoformat()}")
        with self.ws.write(source="demo") as self.w:
            self.load_industries()
            self.make_units_and_staff()
            self.make_companies()
            self.make_carriers()
            self.make_leads_and_projects()
            self.make_visits()
            if self.is_city:
                self.make_targets()
                self.make_reviews_and_referrals()
            self.make_chain_targets_and_events()
            self.date_project_entries()
            self.say("写入数据库……")
        order = [m.__tablename__ for m in (
            Unit, Staff, Company, CompanyContact, Carrier, Lead, LeadStage, Project, ProjectStage,
            CapitalArrival, Problem, Visit, VisitParticipant, Target, Review, ReviewStep, Referral,
            ChainTarget, Event, EventLink)]
        return {k: self.counts[k] for k in order if self.counts.get(k)}

    def date_project_entries(self) -> None:
        """The change log of the projects, their stages and capital arrivals as if each
        had been entered in the days after it happened (not all on the day the demo was
        made): 突击上报 (rows entered in the last days of a period) then flags what a
        real ledger would, not every project of the demo."""
        now = dt.datetime.now(dt.UTC)
        s = self.w.session
        changes = []
        for model, day in ((Project, Project.contract_date), (ProjectStage, ProjectStage.stage_date),
                           (CapitalArrival, CapitalArrival.arrival_date)):
            rows = s.execute(select(ChangeLog.seq, day).join(model, model.id == ChangeLog.row_id).where(
                ChangeLog.tbl == model.__tablename__, ChangeLog.source == "demo",
                ChangeLog.op == "I").order_by(ChangeLog.seq)).all()
            for seq, when in rows:
                entered = dt.datetime.combine(when + self.rnd.randint(0, 6) * DAY,
                                              dt.time(9 + self.rnd.randint(0, 8), self.rnd.randint(0, 59)), BEIJING)
                changes.append({"seq": seq, "recorded_at": min(entered, now)})
        for i in range(0, len(changes), 5000):
            s.execute(update(ChangeLog), changes[i:i + 5000])

    def load_industries(self) -> None:
        with self.reading() as s:
            rows = s.execute(select(Industry.id, Industry.code, Industry.parent_id)
                             .where(~Industry.deleted, Industry.active)).all()
        tops = {r.id: r.code for r in rows if r.parent_id is None}
        found: dict[str, list[str | None]] = {code: [iid] for iid, code in tops.items()}
        for r in rows:
            if r.parent_id in tops:
                found[tops[r.parent_id]].append(r.id)  # its chain nodes (产业链环节)
        # the catalogue's industries we have words for (a city may have changed its catalogue;
        # None: it has none of ours)
        self.industries = ({code: ids for code, ids in found.items() if code in INDUSTRY_WORDS}
                           or {code: [None] for code in INDUSTRY_WORDS})
        self.industry_codes = sorted(self.industries)

    # -- 产业链目标企业 and 招商活动 (issue 16) --------------------------------------------------------
    def make_chain_targets_and_events(self) -> None:
        """Companies marked as 目标企业 of chain nodes (龙头 / 配套), and a few 招商活动 with
        the projects signed, leads met and visits made at them: two 集中签约 of the
        series "1336", a 推介会, a 展会 and an 外出招商活动. A random stream of its own, so
        everything generated before stays as it was."""
        rnd = random.Random(f"{self.rnd.random()}:chains")
        with self.reading() as s:
            nodes = s.execute(select(Industry.id, Industry.parent_id).where(
                ~Industry.deleted, Industry.active, Industry.parent_id.is_not(None))).all()
        code_of = {ids[0]: code for code, ids in self.industries.items() if ids and ids[0]}
        nodes_of: dict[str, list[str]] = defaultdict(list)
        for n in nodes:
            if n.parent_id in code_of:
                nodes_of[code_of[n.parent_id]].append(n.id)
        landed = {(p["company_id"], p["industry_id"]) for p in self.projects}
        marks = []
        for code in self.industry_codes:
            pool = [i for i, c in enumerate(self.companies) if c["code"] == code]
            for node in nodes_of.get(code, ()):
                picked = rnd.sample(pool, min(len(pool), rnd.randint(1, 3)))
                for k, idx in enumerate(picked):
                    c = self.companies[idx]
                    if (c["id"], node) in landed:
                        continue
                    role = "龙头" if (c["big"] or k == 0) and rnd.random() < 0.7 else rnd.choice(("配套", "配套", "其他"))
                    marks.append({"id": self.new_id(), "node_id": node, "company_id": c["id"],
                                  "unit_id": self.units[c["unit"]]["id"], "role": role,
                                  "note": "产业链招商重点目标" if role == "龙头" else None})
        self.insert(ChainTarget, marks, label="产业链目标企业")

        events: list[dict] = []
        links: list[dict] = []

        def event(unit: dict, name: str, kind: str, start: dt.date, days: int, place: str,
                  series: str | None = None, note: str | None = None) -> str:
            events.append({"id": self.new_id(), "unit_id": unit["id"], "name": name, "kind": kind,
                           "start_date": start, "end_date": start + (days - 1) * DAY if days > 1 else None,
                           "place": place, "series": series, "note": note})
            return events[-1]["id"]

        def link(event_id: str, table: str, ids) -> None:
            links.extend({"id": self.new_id(), "event_id": event_id, "record_table": table, "record_id": i}
                         for i in ids)

        unit = self.units[0]
        mine = sorted(self.projects, key=lambda p: p["contract_date"])
        # the 集中签约 of the series: each on the day its first project was signed, with the
        # projects signed in the weeks after it (contracts signed on the stage)
        for label, share in (("上年", 0.25), ("本年", 0.8)):
            if not mine:
                break
            anchor = mine[min(int(len(mine) * share), len(mine) - 1)]
            day = anchor["contract_date"]
            signed = [p["id"] for p in mine if day <= p["contract_date"] <= day + 60 * DAY][:10]
            eid = event(unit, f"{day.year}年“1336”重大项目集中签约", "集中签约", day, 1,
                        f"{unit['park']}会议中心", "1336", f"{label}“1336”招商活动的集中签约仪式")
            link(eid, "projects", signed)
        with self.reading() as s:
            fair_visits = s.execute(select(Visit.id, Visit.visit_date, Visit.unit_id).where(
                Visit.kind == "展会推介").order_by(Visit.visit_date)).all()
            trips = s.execute(select(Visit.id, Visit.visit_date, Visit.unit_id).where(
                Visit.trip_days > 0).order_by(Visit.visit_date)).all()
        if fair_visits:
            first = fair_visits[len(fair_visits) // 2].visit_date
            eid = event(unit, rnd.choice(EXPOS) + "招商推介", "展会", first, 3, "会展中心")
            link(eid, "visits", [v.id for v in fair_visits if first <= v.visit_date <= first + 2 * DAY][:20])
        talks = [lead for lead in self.leads if self.units[lead[1]]["id"] == unit["id"]
                 and lead[5] in ("contact", "negotiating", "intent")]
        if talks:
            day = max(self.start, self.today - 120 * DAY)
            eid = event(unit, "深圳新能源和新材料产业专场推介会", "推介会", day, 1, "深圳",
                        note="推介会上接洽的企业转为在谈项目")
            link(eid, "leads", [lead[0] for lead in talks[:6]])
        if trips:
            day = trips[-1].visit_date - 10 * DAY
            eid = event(unit, "长三角外出招商活动", "外出招商活动", day, 5, "上海、苏州、杭州")
            link(eid, "visits", [v.id for v in trips if day <= v.visit_date <= day + 10 * DAY][:15])
        self.insert(Event, events, label="招商活动")
        self.insert(EventLink, links, label="招商活动关联记录")

    def make_units_and_staff(self) -> None:
        rnd = self.rnd
        self.units: list[dict] = []
        if self.is_city:
            with self.reading() as s:
                taken = set(s.scalars(select(Unit.code)))
            rows = []
            codes = (f"U{n:02d}" for n in itertools.count(1))  # skipping codes already taken
            for i in range(self.n_units):
                if i < len(UNIT_NAMES):
                    name, park = UNIT_NAMES[i], UNIT_PARKS[i]
                    weight = 1.6 if i < 2 else 1.2
                else:
                    town = TOWNS[(i - len(UNIT_NAMES)) % len(TOWNS)]
                    extra = (i - len(UNIT_NAMES)) // len(TOWNS)
                    name = f"{town}镇招商分局" + (f"（{extra + 1}）" if extra else "")
                    park = f"{town}镇工业集中区"
                    weight = rnd.uniform(0.5, 0.9)
                code = next(c for c in codes if c not in taken)
                rows.append({"id": self.new_id(), "code": code, "name": name, "site_id": self.site.id,
                             "region": "示范市", "active": True, "sort_order": i + 1})
                self.units.append({"id": rows[-1]["id"], "name": name, "park": park, "weight": weight})
            self.insert(Unit, rows, label="招商单元")
        else:  # a county site: its own units
            with self.reading() as s:
                own = s.execute(select(Unit.id, Unit.name).where(Unit.site_id == self.site.id, ~Unit.deleted)
                                .order_by(Unit.sort_order, Unit.code)).all()
            if not own:
                raise RefusedError("本站点没有招商单元，无法生成演示数据")
            self.units = [{"id": u.id, "name": u.name, "park": f"{u.name}产业园", "weight": 1.0} for u in own]
        # sized by the units that get data (a county site: its own, whatever ``units`` says)
        self.sizes = sizes_for(units=len(self.units), years=self.n_years, scale=self.scale)
        total = sum(u["weight"] for u in self.units)
        self.unit_cum = list(itertools.accumulate(u["weight"] / total for u in self.units))
        self.unit_index = {u["id"]: i for i, u in enumerate(self.units)}

        staff = []
        for u in self.units:
            members = []
            for k in range(4 + round(6 * u["weight"])):
                title = "局长" if k == 0 else "副局长" if k == 1 else rnd.choice(STAFF_TITLES)
                members.append({"id": self.new_id(), "unit_id": u["id"], "name": self.person(),
                                "title": title, "phone": self.phone(), "active": True})
            u["staff"] = [m["id"] for m in members]
            u["field_staff"] = u["staff"][1:]  # the head rarely records visits himself
            staff += members
        self.insert(Staff, staff, label="招商人员")

    def pick_unit(self) -> int:
        return min(bisect.bisect_left(self.unit_cum, self.rnd.random()), len(self.units) - 1)

    # -- 客商库 ---------------------------------------------------------------------------------
    def make_companies(self) -> None:
        rnd = self.rnd
        n = max(self.sizes["companies"], 40)
        used_names: set[str] = set()
        used_codes: set[str] = set()
        self.companies: list[dict] = []  # kept: id, name, short, unit, industry code, foreign, city
        rows, contacts = [], []
        for i in range(n):
            code = rnd.choice(self.industry_codes)
            tags = [t for t, p in TAG_ODDS.items() if rnd.random() < p]
            if i == 0:  # at least one foreign investor, whatever the size (its lead is signed)
                tags = ["世界500强", "外资"]
            foreign = "外资" in tags
            big = bool({"世界500强", "中国500强", "央企", "上市公司"} & set(tags))
            for _ in range(50):
                brand = rnd.choice(NAME_CHARS) + rnd.choice(NAME_CHARS)
                word = rnd.choice(INDUSTRY_WORDS[code])
                if foreign:
                    region = rnd.choice(FOREIGN_REGIONS)
                    name = f"{brand}{word}（中国）有限公司" if rnd.random() < 0.5 else f"{region[0]}{brand}{word}有限公司"
                    city = rnd.choice(REGIONS)
                    home = region[1]
                else:
                    city = rnd.choice(REGIONS)
                    suffix = "集团股份有限公司" if big and rnd.random() < 0.5 else \
                        "股份有限公司" if big or rnd.random() < 0.15 else "有限公司"
                    name = f"{city[0]}{brand}{word}{suffix}"
                    home = city[2]
                if name not in used_names:
                    break
            used_names.add(name)
            usci = None
            if rnd.random() < 0.5:
                while usci is None or usci in used_codes:
                    body = "91" + city[1] + "".join(rnd.choice("0123456789ABCDEFGHJKLMNPQRTUWXY")
                                                    for _ in range(9))
                    usci = body + usci_check_char(body)
                used_codes.add(usci)
            unit = self.pick_unit()
            year = self.years[min(int(rnd.random() ** 2 * len(self.years)), len(self.years) - 1)]
            rows.append({
                "id": self.new_id(), "name": name, "usci": usci,
                "tags": "、".join(t for t in COMPANY_TAGS if t in tags) or None, "region": home,
                "address": f"{city[3]}{rnd.choice(ROADS)}路{rnd.randint(1, 999)}号",
                "industry_id": rnd.choice(self.industries[code]), "_year": year,
                "notes": "重点目标企业" if big and rnd.random() < 0.5 else None,
            })
            self.companies.append({"id": rows[-1]["id"], "short": brand + word, "unit": unit, "code": code,
                                   "foreign": foreign, "big": big, "city": city, "name": name})
            for _ in range(rnd.choice((0, 1, 1, 2))):
                contacts.append({"id": self.new_id(), "company_id": rows[-1]["id"], "name": self.person(),
                                 "title": rnd.choice(CONTACT_TITLES), "phone": self.phone(),
                                 "email": None, "wechat": None})
        self.duplicates = self._near_duplicates(rows, used_names)
        self.by_unit: list[list[int]] = [[] for _ in self.units]
        for idx, c in enumerate(self.companies):
            self.by_unit[c["unit"]].append(idx)
        for lst in self.by_unit:  # a unit with no company of its own (tiny demos): lend one
            if not lst:
                lst.append(rnd.randrange(len(self.companies)))
        self.say("计算企业名称拼音检索键……")
        year_of = {r["id"]: r.pop("_year") for r in rows}
        self.insert(Company, rows, number_year=lambda r: year_of[r["id"]], label="企业")
        self.insert(CompanyContact, contacts, label="企业联系人")

    def _near_duplicates(self, rows: list[dict], used_names: set[str]) -> list[tuple[int, int]]:
        """A few companies entered twice under slightly different names (and
        sometimes the same code) by two different units: the 撞车 cases."""
        rnd = self.rnd
        pairs: list[tuple[int, int]] = []
        if len(self.units) < 2:
            return pairs
        domestic = [i for i, c in enumerate(self.companies) if not c["foreign"]]
        for i in rnd.sample(domestic, min(len(domestic), max(3, len(rows) // 400))):
            c = self.companies[i]
            prefix, short = c["city"][0], c["short"]
            level = "省" if prefix in PROVINCES else "市"
            variant = rnd.choice((f"{short}（{prefix}）有限公司", f"{prefix}{level}{short}股份有限公司",
                                  f"{prefix}{short}集团有限公司"))
            if variant in used_names or len(variant) > 120:
                continue
            used_names.add(variant)
            unit = rnd.choice([u for u in range(len(self.units)) if u != c["unit"]])
            orig = rows[i]
            rows.append({**orig, "id": self.new_id(), "name": variant,
                         "usci": orig["usci"] if orig["usci"] and rnd.random() < 0.4 else None,
                         "notes": None})
            self.companies.append({**c, "id": rows[-1]["id"], "unit": unit, "name": variant})
            pairs.append((i, len(self.companies) - 1))
        return pairs

    # -- 载体 -------------------------------------------------------------------------------------
    def make_carriers(self) -> None:
        rnd = self.rnd
        rows = []
        for u in self.units:
            u["carriers"] = []
            for k in range(3 + round(6 * u["weight"])):
                kind = CARRIER_KINDS[min(int(rnd.random() ** 1.5 * len(CARRIER_KINDS)), len(CARRIER_KINDS) - 1)]
                if kind == "土地":
                    name, area = f"{u['park']}{k + 1}号地块", rnd.randint(20, 400)
                    price = rnd.choice((18, 20, 22.5, 25, 30, 35))  # 万元/亩
                elif kind == "标准厂房":
                    name, area = f"{u['park']}标准厂房{k + 1}号楼", rnd.randrange(2000, 30000, 100)
                    price = rnd.choice((0.0108, 0.012, 0.015, 0.018))  # 万元/m²/年
                elif kind == "楼宇":
                    name, area = f"{u['park']}科创大厦{'ABCD'[k % 4]}座", rnd.randrange(5000, 40000, 500)
                    price = rnd.choice((0.024, 0.03, 0.036))
                elif kind == "孵化器":
                    name, area = f"{u['park']}创业孵化中心", rnd.randrange(2000, 10000, 100)
                    price = rnd.choice((0, 0.006, 0.012))
                else:
                    name, area = f"{u['park']}仓储用房{k + 1}号", rnd.randrange(1000, 8000, 100)
                    price = rnd.choice((0.009, 0.012))
                free = int(area * rnd.choice((0, 0.1, 0.25, 0.5, 0.8, 1)))
                rows.append({"id": self.new_id(), "unit_id": u["id"], "name": name, "kind": kind,
                             "park": u["park"], "address": f"{u['park']}{rnd.choice(ROADS)}路{rnd.randint(1, 300)}号",
                             "area": _money(area), "free_area": _money(free),
                             "price": _money(str(price)), "notes": None})
                u["carriers"].append((rows[-1]["id"], kind))
        self.insert(Carrier, rows, number_year=lambda r: self.start.year, label="载体")

    # -- 线索 and 项目 ------------------------------------------------------------------------------
    def make_leads_and_projects(self) -> None:
        rnd = self.rnd
        n_projects = max(self.sizes["projects"], 16)
        n_leads = max(self.sizes["leads"], n_projects + 2 * len(OPEN_LEAD_WEIGHTS))
        # the near-duplicate companies: each record chased by its own unit, recently (撞车)
        dup_companies = sorted({c for pair in self.duplicates for c in pair})
        finals = ["signed"] * n_projects + list(OPEN_LEAD_WEIGHTS)  # every stage at least once
        finals += rnd.choices(list(OPEN_LEAD_WEIGHTS), weights=list(OPEN_LEAD_WEIGHTS.values()),
                              k=max(0, n_leads - len(dup_companies) - len(finals)))
        rnd.shuffle(finals)

        leads = []
        for company_idx in dup_companies:
            company = self.companies[company_idx]
            leads.append(self._lead(company_idx, company["unit"], rnd.choice(("contact", "negotiating", "intent")),
                                    recent=True))
        first_signed = finals.index("signed")
        for k, final in enumerate(finals):
            company_idx = 0 if k == first_signed else rnd.choice(self.by_unit[self.pick_unit()])
            unit = self.companies[company_idx]["unit"] if rnd.random() < 0.96 else self.pick_unit()
            leads.append(self._lead(company_idx, unit, final))
        leads.sort(key=lambda x: x["first_reported"])  # stable: the same order for the same seed
        history = []
        for lead in leads:
            history += lead.pop("_history")
        # kept for the visits: id, unit, company index, first reported, last stage date, stage
        self.leads = [(x["id"], self.unit_index[x["unit_id"]], x.pop("_company"), x["first_reported"],
                       x["stage_date"], x["stage"], _is_major(x)) for x in leads]
        signed = [x for x in leads if x["stage"] == "signed"]
        self.insert(Lead, leads, number_year=lambda r: r["first_reported"].year, label="线索")
        self.insert(LeadStage, history, label="线索阶段记录")
        del leads, history

        projects = [self._project(lead) for lead in signed]
        self._cover_project_stages(projects)
        if not any(_is_major(p) for p in projects):  # a small demo still has a 亿元以上 project
            biggest = max(projects, key=lambda p: p["contract_investment"])
            biggest["contract_investment"] = _money(rnd.randrange(12000, 30000, 1000))
        projects.sort(key=lambda p: p["contract_date"])
        p_history, arrivals, problems = [], [], []
        self.started_on: dict[str, dt.date] = {}  # project id -> date it reached 开工 (or later)
        for p in projects:
            history = p.pop("_history")
            started = [h["stage_date"] for h in history if h["stage"] in STARTED]
            if started:
                self.started_on[p["id"]] = started[0]
            p_history += history
            arrivals += self._arrivals(p)
            problems += self._problems(p)
        self._cover_problems(projects, problems)
        self.projects = projects
        self.insert(Project, projects, number_year=lambda r: r["contract_date"].year, label="签约项目")
        self.insert(ProjectStage, p_history, label="项目阶段记录")
        self.insert(CapitalArrival, arrivals, label="资金到位记录")
        self.insert(Problem, problems, label="待协调问题")
        self.arrivals = [(a["project_id"], a["arrival_date"], a["amount"]) for a in arrivals]

    def _lead(self, company_idx: int, unit: int, final: str, *, recent: bool = False) -> dict:
        """A lead with its stage history ending at ``final``."""
        rnd = self.rnd
        company = self.companies[company_idx]
        lo = self.start + 5 * DAY
        if final == "signed":
            last = self.date_between(lo + 25 * DAY, self.today)
        elif final == "terminated":
            last = self.date_between(lo, self.today)
        elif recent:
            last = self.date_between(max(lo, self.today - 90 * DAY), self.today)
        else:
            last = self.recent_date(lo)
        if final in ("on_hold", "terminated"):
            left = rnd.choices(range(4), weights=(2, 3, 4, 3))[0]  # the flow stage it left from
            flow = list(LEAD_FLOW[:left + 1])
        else:
            flow = list(LEAD_FLOW[:LEAD_FLOW.index(final) + 1])
        gaps = [rnd.randint(*LEAD_STEP_DAYS[s]) for s in flow[1:]]
        if final in ("on_hold", "terminated"):
            gaps.append(rnd.randint(10, 150))
        gaps = _fit(gaps, (last - self.start).days)
        dates = [last]
        for g in reversed(gaps):
            dates.append(dates[-1] - g * DAY)
        dates.reverse()
        stages = flow + ([final] if final in ("on_hold", "terminated") else [])
        reason = rnd.choice(REASONS[final]) if final in REASONS else None
        lead_id = self.new_id()
        history = [{"id": self.new_id(), "lead_id": lead_id, "stage": s, "stage_date": d,
                    "reason": reason if s == final else None} for s, d in zip(stages, dates)]
        code = company["code"]
        planned = self._amount(company)
        usd = _money(int(planned / Decimal("7.1") / 10) * 10 or 10) if company["foreign"] else None
        template = rnd.choice(PROJECT_NAMES[code])
        name = company["short"][:2] + template.format(n=rnd.choice((1, 2, 3, 5, 10, 20, 30, 50)))
        follow = None
        if final not in ("signed", "terminated"):
            follow = last + rnd.randint(7, 75) * DAY  # some overdue, some ahead
        u = self.units[unit]
        return {
            "id": lead_id, "unit_id": u["id"], "company_id": company["id"], "name": name,
            "industry_id": rnd.choice(self.industries[code]), "planned_investment": planned,
            "foreign_investment_usd": usd, "source": rnd.choice(LEAD_SOURCES), "stage": final,
            "stage_date": last, "stage_reason": reason, "owner_staff_id": rnd.choice(u["field_staff"]),
            "first_reported": dates[0], "next_followup": follow, "notes": rnd.choice(LEAD_NOTES),
            "_history": history, "_company": company_idx,
        }

    def _amount(self, company: dict) -> Decimal:
        """Planned investment in 万元: lognormal around 6000 万元, bigger for big firms."""
        median = 15000 if company["big"] else 6000
        value = median * math.exp(self.rnd.gauss(0, 1.0))
        value = min(max(value, 300), 800_000)
        step = 1000 if value >= 20000 else 100 if value >= 2000 else 10
        return _money(int(value / step) * step or step)

    def _project(self, lead: dict) -> dict:
        """The project signed from ``lead``, with its stage history walked
        forward from the contract date (never past today)."""
        rnd = self.rnd
        contract = lead["stage_date"]
        investment = _money(max(100, int(lead["planned_investment"] * Decimal(str(rnd.uniform(0.8, 1.3))))))
        history: list[tuple[str, dt.date, str | None]] = [("signed", contract, None)]
        stopped = False
        for stage in PROJECT_FLOW[1:]:
            date = history[-1][1] + rnd.randint(*PROJECT_STEP_DAYS[stage]) * DAY
            if date > self.today:
                break
            if rnd.random() > PROJECT_ADVANCE[stage]:
                stopped = True
                break
            history.append((stage, date, None))
        current, since = history[-1][0], history[-1][1]
        idle = (self.today - since).days
        if stopped or idle > 365:
            if current in ("signed", "registered") and idle > 150 and rnd.random() < 0.5:
                date = since + rnd.randint(120, idle) * DAY
                history.append(("defaulted", date, rnd.choice(REASONS["defaulted"])))
            elif current in ("started", "completed") and idle > 60 and rnd.random() < 0.45:
                date = since + rnd.randint(30, idle) * DAY
                history.append(("stalled", date, rnd.choice(REASONS["stalled"])))
                # a few resume: 停滞 → 竣工 (or 投产) later
                later = (self.today - date).days
                if later > 90 and rnd.random() < 0.25:
                    nxt = PROJECT_FLOW[PROJECT_FLOW.index(current) + 1]
                    history.append((nxt, date + rnd.randint(60, later) * DAY, None))
        u = self.units[self.unit_index[lead["unit_id"]]]
        carrier = None
        if u["carriers"] and rnd.random() < 0.45:
            carrier = rnd.choice(u["carriers"])
        land = None
        if carrier and carrier[1] == "土地" or carrier is None and rnd.random() < 0.4:
            land = _money(max(5, int(investment / rnd.choice((150, 200, 300, 400)))))
        output = _money(int(investment * Decimal(str(rnd.uniform(0.6, 2.5)))) or 1)
        project = {
            "id": self.new_id(), "unit_id": lead["unit_id"], "lead_id": lead["id"], "company_id": lead["company_id"],
            "name": lead["name"], "industry_id": lead["industry_id"], "contract_date": contract,
            "contract_investment": investment,
            "foreign_investment_usd": (_money(int(investment / Decimal("7.1") / 10) * 10 or 10)
                                       if lead["foreign_investment_usd"] else None),
            "land_mu": land, "carrier_id": carrier[0] if carrier else None,
            "jobs": rnd.choice((20, 30, 50, 80, 100, 150, 200, 300, 500, 800, 1200)),
            "expected_output": output, "expected_tax": _money(int(output * Decimal(str(rnd.uniform(0.03, 0.08)))) or 1),
            "owner_staff_id": lead["owner_staff_id"], "notes": None,
            # 项目类别 from the name (no random draw: the rest of the demo stays as it was)
            "category": "服务业" if any(k in lead["name"] for k in SERVICE_WORDS) else
                        "农业" if any(k in lead["name"] for k in FARM_WORDS) else "工业",
        }
        self._set_history(project, history)
        return project

    def _set_history(self, project: dict, history: list[tuple]) -> None:
        stage, date, reason = history[-1]
        project.update(stage=stage, stage_date=date, stage_reason=reason)
        project["_history"] = [{"id": self.new_id(), "project_id": project["id"], "stage": s, "stage_date": d,
                                "reason": r} for s, d, r in history]

    def _cover_project_stages(self, projects: list[dict]) -> None:
        """Make sure every project stage occurs (a small demo may miss the rare
        ones): rebuild a few histories to end there, fitted between the
        contract date and today."""
        present = {p["stage"] for p in projects}
        missing = [s for s in PROJECT_FLOW + ("defaulted", "stalled") if s not in present]
        if not missing:
            return
        counts: dict[str, int] = defaultdict(int)
        for p in projects:
            counts[p["stage"]] += 1
        # the oldest projects of stages that have plenty to spare
        candidates = sorted(projects, key=lambda p: p["contract_date"])
        for stage in missing:
            for p in candidates:
                if counts[p["stage"]] > 2 and (self.today - p["contract_date"]).days >= 8:
                    break
            else:
                return
            counts[p["stage"]] -= 1
            counts[stage] += 1
            if stage == "defaulted":
                flow, side = ["signed"], stage
            elif stage == "stalled":
                flow, side = ["signed", "registered", "started"], stage
            else:
                flow, side = list(PROJECT_FLOW[:PROJECT_FLOW.index(stage) + 1]), None
            gaps = [self.rnd.randint(*PROJECT_STEP_DAYS[s]) for s in flow[1:]] + ([60] if side else [])
            gaps = _fit(gaps, (self.today - p["contract_date"]).days)
            history: list[tuple[str, dt.date, str | None]] = [("signed", p["contract_date"], None)]
            for s, g in zip(flow[1:] + ([side] if side else []), gaps):
                history.append((s, history[-1][1] + g * DAY, self.rnd.choice(REASONS[s]) if s in REASONS else None))
            self._set_history(p, history)

    def _arrivals(self, p: dict) -> list[dict]:
        rnd = self.rnd
        lo, hi = ARRIVED_SHARE[p["stage"]]
        if hi == 0:
            return []
        total = int(p["contract_investment"] * Decimal(str(rnd.uniform(lo, hi))))
        start = p["contract_date"]
        end = p["stage_date"] if p["stage"] in ("stalled",) else self.today
        parts = min(max(1, total // 500), rnd.randint(1, 6))
        if total < 1 or (end - start).days < 1:
            return []
        weights = [rnd.random() + 0.2 for _ in range(parts)]
        amounts = [int(total * w / sum(weights)) for w in weights]
        amounts[-1] += total - sum(amounts)
        dates = sorted(self.date_between(start + DAY, end) for _ in range(parts))
        return [{"id": self.new_id(), "project_id": p["id"], "arrival_date": d, "amount": _money(a),
                 "note": rnd.choice(ARRIVAL_NOTES)} for d, a in zip(dates, amounts) if a > 0]

    def _problems(self, p: dict) -> list[dict]:
        rnd = self.rnd
        odds = {"registered": 0.2, "started": 0.35, "completed": 0.2, "stalled": 0.8, "signed": 0.1}
        if rnd.random() >= odds.get(p["stage"], 0.05):
            return []
        out = []
        for _ in range(rnd.choice((1, 1, 2))):
            category = rnd.choice(PROBLEM_CATEGORIES)
            raised = self.date_between(p["contract_date"], self.today)
            resolved = p["stage"] != "stalled" and rnd.random() < 0.55 and raised < self.today
            done = self.date_between(raised + DAY, min(self.today, raised + 120 * DAY)) if resolved else None
            out.append({"id": self.new_id(), "project_id": p["id"], "category": category,
                        "description": rnd.choice(PROBLEMS[category]), "raised_date": raised,
                        "responsible": RESPONSIBLE[category], "resolved": bool(resolved), "resolved_date": done,
                        "resolution": rnd.choice(RESOLUTIONS) if resolved else None})
        return out

    def _cover_problems(self, projects: list[dict], problems: list[dict]) -> None:
        """At least one open and one resolved problem, however small the demo."""
        older = [p for p in projects if (self.today - p["contract_date"]).days >= 30]
        if not older:
            return
        if not any(x["resolved"] for x in problems):
            p = self.rnd.choice(older)
            raised = self.date_between(p["contract_date"], self.today - 20 * DAY)
            problems.append({"id": self.new_id(), "project_id": p["id"], "category": "审批",
                             "description": PROBLEMS["审批"][0], "raised_date": raised,
                             "responsible": RESPONSIBLE["审批"], "resolved": True,
                             "resolved_date": raised + 14 * DAY, "resolution": RESOLUTIONS[0]})
        if not any(not x["resolved"] for x in problems):
            p = self.rnd.choice(older)
            problems.append({"id": self.new_id(), "project_id": p["id"], "category": "用地",
                             "description": PROBLEMS["用地"][0], "raised_date": self.today - 10 * DAY,
                             "responsible": RESPONSIBLE["用地"], "resolved": False, "resolved_date": None,
                             "resolution": None})

    # -- 拜访 --------------------------------------------------------------------------------------
    def make_visits(self) -> None:
        """Visits in date order, written in batches as they are made (a W2 demo
        has a million of them)."""
        rnd = self.rnd
        n = max(self.sizes["visits"], 4 * len(VISIT_KINDS))
        kinds = list(VISIT_KIND_WEIGHTS)
        kind_w = list(itertools.accumulate(VISIT_KIND_WEIGHTS.values()))
        leads_by_unit: list[list[int]] = [[] for _ in self.units]
        for i, lead_row in enumerate(self.leads):
            leads_by_unit[lead_row[1]].append(i)
        # (date ordinal, unit, lead index or -1): first the skeleton, sorted, then the rows
        plan = []
        lo = self.start.toordinal()
        for _ in range(n):
            unit = self.pick_unit()
            lead = -1
            if leads_by_unit[unit] and rnd.random() < 0.45:
                lead = rnd.choice(leads_by_unit[unit])
                _, _, _, first, last, stage, _ = self.leads[lead]
                hi = self.today if stage not in ("signed", "terminated") else min(self.today, last + 30 * DAY)
                day = self.date_between(first, hi).toordinal()
            else:
                day = lo + int(self.span * rnd.random() ** 0.8)  # busier lately
            weekday = dt.date.fromordinal(day).weekday()
            if weekday >= 5 and rnd.random() < 0.8:  # mostly on working days
                monday = day + 7 - weekday
                day = monday if monday <= self.today.toordinal() else max(lo, day + 4 - weekday)
            plan.append((day, unit, lead))
        plan.sort()
        self.visit_counts: dict[tuple[int, int], int] = defaultdict(int)
        written = 0
        self.say(f"拜访记录：共 {n} 条，分批写入")
        for begin in range(0, n, BATCH):
            visits: list[dict] = []
            parts: list[dict] = []
            for day, unit, lead in plan[begin:begin + BATCH]:
                visits.append(self._visit(dt.date.fromordinal(day), unit, lead, kinds, kind_w, parts))
                self.visit_counts[(unit, visits[-1]["visit_date"].year)] += 1
            self.w.insert_many(Visit, visits, number_year=lambda r: r["visit_date"].year)
            if parts:
                self.w.insert_many(VisitParticipant, parts)
            written += len(visits)
            self.counts["visits"] = written
            self.counts["visit_participants"] = self.counts.get("visit_participants", 0) + len(parts)
            self.say(f"拜访记录：{written}/{n}")

    def _visit(self, date: dt.date, unit: int, lead: int, kinds, kind_w, parts: list) -> dict:
        rnd = self.rnd
        u = self.units[unit]
        if lead >= 0:
            lead_id, _, company_idx, *_ = self.leads[lead]
            company = self.companies[company_idx]
            kind = rnd.choices(("上门招商", "来访接待", "以商招商", "其他"), weights=(5, 4, 1, 1))[0]
        else:
            lead_id = None
            company = self.companies[rnd.choice(self.by_unit[unit])]
            kind = kinds[bisect.bisect_left(kind_w, rnd.random() * kind_w[-1])]
        company_id, city = company["id"], company["city"]
        if kind == "上门招商":
            place, trip = city[3], rnd.choice((1, 1, 2, 2, 3, 4))
        elif kind == "驻点招商":
            place, trip = f"{city[0]}招商驻点", rnd.randint(3, 20)
        elif kind == "展会推介":
            place, trip = rnd.choice(EXPOS), rnd.randint(1, 4)
        elif kind == "来访接待":
            place, trip = u["park"] + rnd.choice(RECEPTION_PLACES), 0
        elif kind == "企业走访/安商稳商":
            place, trip = u["park"], 0
        elif kind == "以商招商":
            place, trip = city[3], rnd.choice((0, 1, 2))
        else:
            place, trip = None, 0
        staff = rnd.choice(u["field_staff"])
        title = rnd.choice(PEOPLE_TITLES)
        people = f"{rnd.choice(SURNAMES)}总（{title}）"
        if rnd.random() < 0.3:
            people += f"、{rnd.choice(SURNAMES)}经理（{rnd.choice(PEOPLE_TITLES)}）"
        next_step = due = None
        done = False
        if rnd.random() < 0.55:
            next_step = rnd.choice(NEXT_STEPS)
            due = date + rnd.randint(3, 45) * DAY
            done = rnd.random() < (0.88 if due < self.today else 0.1)
        visit_id = self.new_id()
        if len(u["field_staff"]) > 1 and rnd.random() < 0.3:
            others = [s for s in u["field_staff"] if s != staff]
            for sid in rnd.sample(others, min(len(others), rnd.choice((1, 1, 2)))):
                parts.append({"id": self.new_id(), "visit_id": visit_id, "staff_id": sid})
        return {"id": visit_id, "unit_id": u["id"], "company_id": company_id, "lead_id": lead_id,
                "visit_date": date, "kind": kind, "place": place, "trip_days": trip, "people": people,
                "outcome": rnd.choice(OUTCOMES[kind]).format(title=title), "next_step": next_step,
                "next_due": due, "followup_done": done, "staff_id": staff}

    # -- 考核目标 ------------------------------------------------------------------------------------
    def make_targets(self) -> None:
        """Per unit, year and metric: what the unit did in a past year, or its
        pace this year for the whole year, with a margin either way, so some
        units are 超进度 and some 欠进度."""
        rnd = self.rnd
        actual: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        unit_of = {}
        for p in self.projects:
            unit = self.unit_index[p["unit_id"]]
            unit_of[p["id"]] = unit
            a = actual[(unit, p["contract_date"].year)]
            a["signed_projects"] += 1
            a["signed_investment"] += p["contract_investment"]
            if _is_major(p):
                a["major_projects"] += 1
        for pid, date in self.started_on.items():
            actual[(unit_of[pid], date.year)]["started_projects"] += 1
        for pid, date, amount in self.arrivals:
            actual[(unit_of[pid], date.year)]["arrived_capital"] += amount
        for (unit, year), n in self.visit_counts.items():
            actual[(unit, year)]["visits"] += n
        elapsed = ((self.today - dt.date(self.today.year, 1, 1)).days + 1) / 365
        rows = []
        for unit, u in enumerate(self.units):
            for year in self.years:
                for metric in TARGET_METRICS:
                    now = actual[(unit, year)][metric]
                    if year < self.today.year:  # a past year: around what was done
                        base = now * Decimal(str(rnd.uniform(0.85, 1.25)))
                    else:  # this year: this year's pace for the whole year, most units a little behind
                        base = now / Decimal(str(max(elapsed, 0.25))) * Decimal(str(rnd.uniform(0.9, 1.35)))
                    rows.append({"id": self.new_id(), "year": year, "unit_id": u["id"], "staff_id": None,
                                 "metric": metric, "value": self._round_target(metric, base)})
        self.insert(Target, rows, label="考核目标")

    @staticmethod
    def _round_target(metric: str, value: Decimal) -> Decimal:
        if metric in ("signed_investment", "arrived_capital"):
            step = 10000 if value >= 200000 else 1000 if value >= 10000 else 100
            return _money(max(step, int(value / step + Decimal("0.5")) * step))
        return _money(max(1, int(value + Decimal("0.5"))))

    # -- 落户预审 and 飞地 ---------------------------------------------------------------------------
    def make_reviews_and_referrals(self) -> None:
        rnd = self.rnd
        reviews, steps = [], []

        def review(project_id, lead_id, path, dates, last_comment=None):
            rid = self.new_id()
            comments = [REVIEW_COMMENTS.get(s) for s in path[:-1]] + [last_comment or REVIEW_COMMENTS.get(path[-1])]
            for s, d, c in zip(path, dates, comments):
                steps.append({"id": self.new_id(), "review_id": rid, "step": s, "step_date": d, "comment": c})
            reviews.append({"id": rid, "project_id": project_id, "lead_id": lead_id, "step": path[-1],
                            "step_date": dates[-1], "comment": comments[-1]})

        majors = [p for p in self.projects if _is_major(p)]
        for p in rnd.sample(majors, min(len(majors), max(4, len(self.projects) // 100))):
            # reviewed before signing: 单元推荐 → 联席会审查 → 市领导审核 → 通过
            gaps = [rnd.randint(5, 20), rnd.randint(5, 20), rnd.randint(3, 15)]
            first = p["contract_date"] - (sum(gaps) + rnd.randint(5, 30)) * DAY
            dates = list(itertools.accumulate([first] + [g * DAY for g in gaps]))
            review(p["id"], None, ["recommended", "joint_review", "leader_review", "approved"], dates)
        # big open leads under review now: some still in progress, one sent back
        open_big = [x for x in self.leads if x[5] in ("intent", "negotiating") and x[6]]
        for x in rnd.sample(open_big, min(len(open_big), max(3, len(self.leads) // 1000))):
            path = rnd.choice((["recommended"], ["recommended", "joint_review"],
                               ["recommended", "joint_review", "leader_review"],
                               ["recommended", "joint_review", "returned"]))
            start = max(x[4], self.today - 60 * DAY)
            room = (self.today - start).days
            gaps = _fit([rnd.randint(3, 15) for _ in path[1:]], room)
            dates = list(itertools.accumulate([start] + [g * DAY for g in gaps]))
            if dates[-1] > self.today:
                continue
            review(None, x[0], path, dates, "投资强度未达到要求，退回补充材料" if path[-1] == "returned" else None)
        self.insert(Review, reviews, label="落户预审")
        self.insert(ReviewStep, steps, label="预审步骤")

        referrals = []
        if len(self.units) > 1:
            for p in rnd.sample(self.projects, min(len(self.projects), max(3, len(self.projects) // 200))):
                to_unit = self.unit_index[p["unit_id"]]
                frm = rnd.choice([i for i in range(len(self.units)) if i != to_unit])
                share = _money(rnd.choice(("0.3", "0.4", "0.5")))
                referrals.append({
                    "id": self.new_id(), "project_id": p["id"], "from_unit_id": self.units[frm]["id"],
                    "to_unit_id": p["unit_id"], "from_share_investment": share,
                    "from_share_tax": share if rnd.random() < 0.7 else _money("0.3"),
                    "from_share_score": share, "agreed_date": min(self.today, p["contract_date"] + rnd.randint(0, 20) * DAY),
                    "note": f"{self.units[frm]['name']}引荐，经市招商办协调落户{self.units[to_unit]['name']}"})
        self.insert(Referral, referrals, label="项目共享（飞地）")


REVIEW_COMMENTS = {"recommended": "单元推荐，投资强度和税收贡献符合要求", "joint_review": "联席会审查通过，提交市领导审核",
                   "leader_review": "市领导审核中", "approved": "同意落户"}
