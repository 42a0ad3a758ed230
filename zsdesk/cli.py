"""The command line. ``zsdesk`` with no command opens the app.

Exit codes: 0 success, 2 refused input (one-line reason on stderr), 1 a bug.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback

from zsdesk import __version__
from zsdesk.errors import ZsdeskError

log = logging.getLogger("zsdesk")


#: argparse's own messages in Chinese: a mistyped command is answered in the
#: language of the rest of the program (argparse looks its ``_`` up at call time)
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多一个值",
    "expected at least one argument": "后面至少需要一个值",
    "invalid %(type)s value: %(value)r": "值 %(value)r 的格式不对",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "%(prog)s: error: %(message)s\n": "%(prog)s：命令有误：%(message)s\n（运行 zsdesk -h 查看用法）\n",
    "show this help message and exit": "显示帮助并退出",
    "positional arguments": "位置参数",
    "options": "选项",
}


def _argparse_in_chinese() -> None:
    argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    _argparse_in_chinese()
    p = argparse.ArgumentParser(prog="zsdesk", description="招商桌面 zsdesk",
                                epilog="zsdesk [--db PATH] FILE.zsync：打开程序并预览导入该同步文件")
    p.add_argument("--version", action="version", version=f"zsdesk {__version__}")
    p.add_argument("--db", metavar="PATH", help="数据库文件（或 PostgreSQL URL）；默认在用户数据目录，或取 ZSDESK_DB")
    p.add_argument("--demo", action="store_true",
                   help="打开演示数据库（用户数据目录下的 demo.db，首次使用时生成演示数据）")
    p.add_argument("--password-stdin", action="store_true",
                   help="数据库已加密时，从标准输入的第一行读入密码（也可用环境变量 ZSDESK_PASSWORD）")
    sub = p.add_subparsers(dest="command")

    init = sub.add_parser("init", help="把数据库初始化为一个站点")
    init.add_argument("--role", required=True, choices=["county", "city"])
    init.add_argument("--code", required=True, help="站点代码，例如 TX-U01")
    init.add_argument("--name", required=True, help="站点名称，例如 泰兴高新区招商单元")

    demo = sub.add_parser("demo", help="生成演示数据")
    demo.add_argument("--units", type=int, default=6, help="招商单元个数（默认6）")
    demo.add_argument("--years", type=int, default=2, help="年数（默认2）")
    demo.add_argument("--scale", type=float, default=0.05,
                      help="规模：1 = 约10万条拜访、2.5万条线索、5千个项目（10个单元、3年时）")
    demo.add_argument("--seed", type=int, default=2026, help="随机种子")

    stats = sub.add_parser("stats", help="打印主要指标")
    when = stats.add_mutually_exclusive_group()
    when.add_argument("--period", help="期间（与简报相同）：2026-W48（周）、2026-10（月）、2026-B5（双月）、"
                                       "2026-Q3（季）、2026-H1（半年）、2026（年）；默认本年")
    when.add_argument("--year", type=int, help="年份，即 --period 年份")
    stats.add_argument("--by", choices=["unit", "staff"], default="unit",
                       help="unit 按招商单元（默认）；staff 按招商人员（个人赛马）")
    stats.add_argument("--json", action="store_true",
                       help="以JSON输出；每个指标只给出所依据的记录条数（\"rows\"）")
    stats.add_argument("--ids", action="store_true",
                       help="与 --json 同用：另列出每个指标所依据的记录ID（row_ids 等，输出可能很大）")

    brief = sub.add_parser("brief", help="生成PDF简报")
    brief.add_argument("--period", required=True, help="期间，例如 2026-10（月）、2026-Q3、2026")
    brief.add_argument("--kind", default="monthly",
                       choices=["weekly", "monthly", "bimonthly", "quarterly", "halfyear", "yearly"])
    brief.add_argument("--unit", metavar="CODE", help="只为一个单元生成（县级预检）")
    brief.add_argument("--out", required=True, help="输出的PDF文件")

    sheet = sub.add_parser("project-sheet", help="生成项目一页纸（PDF）")
    sheet.add_argument("project", metavar="PROJECT_NUMBER", help="项目编号，例如 TX-U01-2026-0012")
    sheet.add_argument("--out", required=True, help="输出的PDF文件")

    agenda = sub.add_parser("agenda", help="生成重大项目落户预审暨矛盾问题协调会议题（PDF）")
    agenda.add_argument("--month", help="会议月份，例如 2026-12（默认本月）")
    agenda.add_argument("--out", required=True, help="输出的PDF文件")

    guide = sub.add_parser("guide", help="生成产业招商指南（PDF）：产业链图谱、各环节企业、断点与强链、适宜载体")
    guide.add_argument("--industry", required=True, help="产业名称或代码，例如 绿色食品 或 I07")
    guide.add_argument("--unit", metavar="CODE", help="只含一个招商单元的项目、线索和目标企业")
    guide.add_argument("--out", required=True, help="输出的PDF文件")

    events = sub.add_parser("events", help="招商活动及其签约项目的履约、开工、资金到位、投产情况")
    events.add_argument("--unit", metavar="CODE", help="只列一个招商单元主办的活动")
    events.add_argument("--json", action="store_true")

    ledger = sub.add_parser("ledger", help="Excel台账导出与导入")
    lsub = ledger.add_subparsers(dest="ledger_command", required=True)
    lexp = lsub.add_parser("export", help="导出台账")
    lexp.add_argument("--kind", required=True, choices=["visits", "leads", "projects", "stats"])
    lexp.add_argument("--out", required=True)
    lexp.add_argument("--year", type=int)
    lexp.add_argument("--unit", metavar="CODE")
    limp = lsub.add_parser("import", help="导入台账（.xlsx/.xls/.ods；可一次导入多个工作簿，每个工作表自动识别类型）")
    limp.add_argument("file", nargs="+")
    limp.add_argument("--kind", default="auto", choices=["auto", "visits", "leads", "projects"])
    limp.add_argument("--dry-run", action="store_true")
    limp.add_argument("--json", action="store_true")
    limp.add_argument("--unit", metavar="CODE", help="台账中没有“招商单元”列时导入到的单元（市级站点必填）")
    limp.add_argument("--all-or-nothing", action="store_true", help="有任何一行被拒绝时，整个台账都不导入")
    limp.add_argument("--no-new-staff", action="store_true",
                      help="不新建招商人员：人员名单中没有的包保责任人等所在行被拒绝（默认：确认后新建）")
    limp.add_argument("--industry", action="append", default=[], metavar="台账写法=产业代码或名称",
                      help="产业名称的对应（可多次使用）；等号后留空表示该产业留空；未指定的按最相近的目录名称对应")

    password = sub.add_parser(
        "password", help="数据保护：设置、修改或取消数据库密码（数据库和它的备份都会加密；忘记密码无法找回）",
        description="set：设置密码；change：修改密码；remove：取消密码。在终端中会提示输入密码；"
                    "否则从标准输入按行读入：先是当前密码（change、remove），再是新密码（set、change）。"
                    "当前密码也可用环境变量 ZSDESK_PASSWORD 提供。")
    password.add_argument("action", choices=["set", "change", "remove"])

    from zsdesk.sync.cli import add_parsers
    add_parsers(sub)
    _add_record_parsers(sub)
    _db_after_command(p)
    return p


def _add_record_parsers(sub) -> None:
    """招商单元, 招商人员, 落户预审 and 飞地 from the command line (parity with the window)."""
    unit = sub.add_parser("unit", help="招商单元")
    usub = unit.add_subparsers(dest="unit_command", required=True)
    p = usub.add_parser("add", help="新增招商单元")
    p.add_argument("--code", required=True, help="单元代码，例如 TX-U02")
    p.add_argument("--name", required=True)
    usub.add_parser("list", help="列出招商单元")

    staff = sub.add_parser("staff", help="招商人员")
    ssub = staff.add_subparsers(dest="staff_command", required=True)
    p = ssub.add_parser("add", help="新增招商人员")
    p.add_argument("--name", required=True)
    p.add_argument("--unit", required=True, metavar="CODE", help="所属招商单元的代码")
    p.add_argument("--title")
    p.add_argument("--phone")
    p = ssub.add_parser("list", help="列出招商人员")
    p.add_argument("--unit", metavar="CODE")

    industry = sub.add_parser("industry", help="产业目录（市级维护，县级只读）")
    isub = industry.add_subparsers(dest="industry_command", required=True)
    isub.add_parser("list", help="列出产业和产业链环节")
    p = isub.add_parser("template", help="（市级）改用一套产业目录模板：general 通用，bozhou 亳州市十大新兴产业")
    p.add_argument("template", choices=["general", "bozhou"])
    p = isub.add_parser("set", help="（市级）修改一个产业或环节：名称、停用或启用")
    p.add_argument("code", metavar="CODE", help="产业代码，例如 I05 或 I05-1")
    p.add_argument("--name")
    p.add_argument("--inactive", action="store_true", help="停用")
    p.add_argument("--active", action="store_true", help="启用")

    review = sub.add_parser("review", help="落户预审（亿元以上项目）")
    rsub = review.add_subparsers(dest="review_command", required=True)
    rsub.add_parser("list", help="列出预审")
    p = rsub.add_parser("recommend", help="（单元）推荐项目预审")
    p.add_argument("project", metavar="PROJECT_NUMBER")
    p.add_argument("--date", help="日期（默认今天）")
    p.add_argument("--comment")
    p = rsub.add_parser("step", help="（市级）登记联席会审查、市领导审核、通过或退回")
    p.add_argument("project", metavar="PROJECT_NUMBER")
    p.add_argument("--step", required=True, choices=["joint_review", "leader_review", "approved", "returned",
                                                     "联席会审查", "市领导审核", "通过", "退回"])
    p.add_argument("--date", help="日期（默认今天）")
    p.add_argument("--comment")

    referral = sub.add_parser("referral", help="项目共享（飞地），由市级登记")
    fsub = referral.add_subparsers(dest="referral_command", required=True)
    p = fsub.add_parser("add", help="登记项目共享")
    p.add_argument("project", metavar="PROJECT_NUMBER")
    p.add_argument("--to", required=True, metavar="CODE",
                   help="分享到的另一招商单元（飞出地，按比例分得业绩）；飞入地是项目所属单元")
    p.add_argument("--investment", required=True, help="投资额分给 --to 的比例，例如 40%%")
    p.add_argument("--tax", help="税收比例（默认同投资额）")
    p.add_argument("--score", help="考核分比例（默认同投资额）")
    p.add_argument("--date", help="协议日期（默认今天）")
    p.add_argument("--note")
    fsub.add_parser("list", help="列出项目共享")

    alert = sub.add_parser("alert", help="撞车提醒（同一客商被两个招商单元接触），由市级处理")
    asub = alert.add_subparsers(dest="alert_command", required=True)
    p = asub.add_parser("list", help="列出待处理的撞车提醒和近30天已处理的")
    p.add_argument("--json", action="store_true")
    p = asub.add_parser("handle", help="（市级）处理一个撞车提醒")
    p.add_argument("alert_id", metavar="ID")
    p.add_argument("--outcome", required=True, choices=list(_ALERT_WORDS),
                   help="merged 同一投资方·合并；kept 各自保留（须填写理由）；attributed 归属认定（须 --unit）")
    p.add_argument("--reason", help="理由（各自保留时必填）")
    p.add_argument("--unit", metavar="CODE", help="归属认定：归属的招商单元代码（撞车双方之一）")


def _db_after_command(parser: argparse.ArgumentParser) -> None:
    """``--db`` also after the command (``zsdesk stats --db X``); SUPPRESS keeps the
    global one when it is not repeated."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                if not any("--db" in a.option_strings for a in child._actions):
                    child.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                                       help="数据库文件（也可写在命令之前）")
                _db_after_command(child)


# --- the database password (数据保护) ----------------------------------------------------

PASSWORD_ENV = "ZSDESK_PASSWORD"
PASSWORD_HINT = "命令行请用 --password-stdin（从标准输入读入）或环境变量 ZSDESK_PASSWORD 提供密码"


def _stdin_line(what: str) -> str:
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        from zsdesk.errors import RefusedError

        raise RefusedError(f"标准输入中没有{what}")
    return line.rstrip("\r\n")


def database_password(args) -> str | None:
    """The password of an encrypted database: the first line of standard input
    with ``--password-stdin`` (read once), else ``ZSDESK_PASSWORD``, else None."""
    if getattr(args, "password_stdin", False):
        if getattr(args, "_stdin_password", None) is None:
            args._stdin_password = _stdin_line("密码")
        return args._stdin_password
    return os.environ.get(PASSWORD_ENV) or None


def _prompting(args) -> bool:
    return sys.stdin is not None and sys.stdin.isatty() and not getattr(args, "password_stdin", False)


def _ask_current(args) -> str:
    if not getattr(args, "password_stdin", False) and os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if _prompting(args):
        import getpass

        return getpass.getpass("当前密码：")
    return _stdin_line("当前密码")


def _ask_new(args) -> str:
    from zsdesk.db import cipher

    if _prompting(args):
        import getpass

        new = cipher.check_new_password(getpass.getpass(f"新密码（至少{cipher.MIN_LENGTH}个字符）："),
                                        "new_password")
        if getpass.getpass("再输入一次新密码：") != new:
            from zsdesk.errors import ValidationError

            raise ValidationError("new_password", "两次输入的新密码不一致，密码没有改动")
        return new
    return cipher.check_new_password(_stdin_line("新密码"), "new_password")


def cmd_password(args) -> int:
    """zsdesk password set|change|remove: encrypt the database file (and its backups)."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from zsdesk.db import cipher
    from zsdesk.db.engine import resolve_db_url
    from zsdesk.errors import RefusedError

    url = resolve_db_url(args.db)
    database = make_url(url).database if url.startswith("sqlite") else None
    if not database or database == ":memory:":
        raise RefusedError("只有本机的 SQLite 数据库文件可以设置密码（PostgreSQL 请用服务器端的加密）")
    path = Path(database)
    if not path.is_file():
        raise RefusedError(f"找不到数据库文件：{path}")
    cipher.module()  # CipherUnavailable before any password is asked for
    if args.action == "set":
        if cipher.is_encrypted(path):
            raise RefusedError("数据库已经设置了密码：修改请用 zsdesk password change")
        outcome = cipher.set_password(path, _ask_new(args))
        done = "已设置密码：数据库已加密"
    elif args.action == "change":
        if not cipher.is_encrypted(path):
            raise RefusedError("数据库没有设置密码：请用 zsdesk password set")
        old = _ask_current(args)
        cipher.check_password(path, old)  # before the new one is asked for
        outcome = cipher.change_password(path, old, _ask_new(args))
        done = "已修改密码"
    else:
        if not cipher.is_encrypted(path):
            raise RefusedError("数据库没有设置密码")
        outcome = cipher.remove_password(path, _ask_current(args))
        done = "已取消密码：数据库不再加密"
    note = outcome.describe(removed=args.action == "remove")
    print(f"{done}（{path}）" + (f"；{note}" if note else "") + "。")
    if args.action != "remove":
        print("请牢记密码：忘记后无法找回，数据库和备份都将无法打开。")
    return 0


def _open(args, *, need_site: bool = True, existing: bool = False):
    """The workspace of ``--db``; commands that work on a site's data refuse an
    uninitialised database with a message saying what to do. A read command
    (``existing``) refuses a missing database file rather than create an empty one."""
    from zsdesk.db.cipher import PasswordRequired
    from zsdesk.services import open_workspace

    if existing:
        _require_database_file(args.db)
    try:
        ws = open_workspace(args.db, password=database_password(args))
    except PasswordRequired as exc:
        raise PasswordRequired(f"{exc}（{PASSWORD_HINT}）") from None
    if need_site:
        _ = ws.site  # raises RefusedError naming `zsdesk init`
    return ws


def _require_database_file(db) -> None:
    from pathlib import Path

    from zsdesk.db.engine import data_dir
    from zsdesk.errors import RefusedError

    value = str(db) if db else os.environ.get("ZSDESK_DB") or str(data_dir() / "zsdesk.db")
    if "://" in value:
        return
    path = Path(value).expanduser().absolute()
    above = next((p for p in path.parents if p.exists()), None)
    # a folder, or a path under a file: resolve_db_url says what is wrong with it
    if not path.exists() and (above is None or above.is_dir()):
        raise RefusedError(f"找不到数据库文件 {path}：请检查 --db 或 ZSDESK_DB，新建请用 zsdesk init")


def cmd_init(args) -> int:
    from zsdesk.services import init_site

    ws = _open(args, need_site=False)
    site = init_site(ws, role=args.role, code=args.code, name=args.name)
    print(f"已初始化站点：{site.name}（{site.code}，{'市级' if site.is_city else '县级'}）")
    print(f"数据库：{ws.db.url}")
    return 0


def cmd_demo(args) -> int:
    import time

    from zsdesk.demo import generate

    ws = _open(args, need_site=False)
    started = time.perf_counter()
    counts = generate(ws, units=args.units, years=args.years, scale=args.scale, seed=args.seed,
                      progress=lambda msg: print(msg, file=sys.stderr))
    print(f"演示数据已生成（{time.perf_counter() - started:.1f} 秒）：" +
          "，".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_stats(args) -> int:
    """``zsdesk stats [--period P | --year Y] [--by unit|staff] [--json [--ids]]``: the
    figures of any period a brief takes, to date as the brief has them. ``--json``
    gives each figure's count of rows; ``--ids`` adds the ids themselves."""
    from zsdesk import metrics
    from zsdesk.errors import ValidationError
    from zsdesk.reports import periods

    ws = _open(args, existing=True)
    today = ws.today()
    code = args.period if args.period is not None else str(args.year or today.year)
    _, period = periods.parse_period(code)
    if period.start > today:
        raise ValidationError("period", f"期间{code}尚未开始（今天是{today.isoformat()}）", value=code)
    period = periods.cut_at(period, today)
    if args.ids and not args.json:
        raise ValidationError("ids", "--ids 只能与 --json 一起使用", value="--ids")
    # without --ids the visits are counted by the database: a city's year is a million ids;
    # the rows read once serve the 招商活动 too (their figures run to today)
    with metrics.collector_paused():   # a city's rows: no cycles, many objects
        _print_stats(ws, args, period)
    return 0


def _print_stats(ws, args, period) -> None:
    from zsdesk import metrics, people

    snapshot = metrics.Snapshot(ws, period.end)
    report: metrics.Report | people.PeopleReport = (
        people.compute_people(ws, period, snapshot=snapshot) if args.by == "staff"
        else metrics.compute(ws, period, snapshot=snapshot, visits=True if args.ids else "counts"))
    if args.json:
        data = report.to_json()
        if args.by == "unit":  # 招商活动 and how their projects fared (zsdesk events --json)
            from zsdesk import events

            data["events"] = events.stats_json(ws, snapshot=snapshot)
        if not args.ids:
            _summarise_figures(data)
        # written piece by piece as it is serialised: a city's ids run to many megabytes
        write = sys.stdout.write
        for chunk in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(data):
            write(chunk)
        write("\n")
    else:
        print(report.to_text())


#: a figure's lists of row ids and what ``stats --json`` prints instead of each (without --ids)
_FIGURE_IDS = {"row_ids": None, "flagged_ids": "flagged", "evidence": "evidence_rows"}


def _summarise_figures(data) -> None:
    """``stats --json`` without ``--ids``: every figure (a dict with "rows" and "row_ids")
    keeps its count of rows ("rows") and the counts of its flagged and evidenced rows
    instead of their ids; a unit's ``overdue_start`` ids are its figure's "rows", an
    event's ``project_ids`` its "projects"."""
    if isinstance(data, list):
        for item in data:
            _summarise_figures(item)
        return
    if not isinstance(data, dict):
        return
    if "row_ids" in data and "rows" in data:
        for key, count in _FIGURE_IDS.items():
            ids = data.pop(key, None)
            if count is not None:
                data[count] = len(ids or ())
        return
    if isinstance(data.get("overdue_start"), list):
        del data["overdue_start"]
    if "project_ids" in data and "projects" in data:  # an event's projects (zsdesk events --json)
        del data["project_ids"]
    for value in data.values():
        _summarise_figures(value)


def cmd_brief(args) -> int:
    from zsdesk.reports.brief import cli_brief

    return cli_brief(_open(args, existing=True), args)


def cmd_project_sheet(args) -> int:
    from zsdesk.app import documents, reviews

    ws = _open(args, existing=True)
    path = documents.project_sheet(ws, reviews.project_by_number(ws, args.project), args.out)
    print(f"已生成项目一页纸：{path}")
    return 0


def cmd_agenda(args) -> int:
    from zsdesk.app import documents

    ws = _open(args, existing=True)
    month = args.month or ws.today().strftime("%Y-%m")
    path = documents.agenda(ws, month, args.out)
    print(f"已生成{month}会议议题：{path}")
    return 0


def cmd_guide(args) -> int:
    """``zsdesk guide --industry NAME [--unit CODE] --out FILE.pdf``: the 产业招商指南."""
    from zsdesk.app import chains

    ws = _open(args, existing=True)
    path = chains.make_guide(ws, chains.find_industry(ws, args.industry), args.out, unit_code=args.unit)
    print(f"已生成产业招商指南：{path}")
    return 0


def cmd_events(args) -> int:
    """``zsdesk events [--unit CODE] [--json]``: every 招商活动 with its projects' figures."""
    from zsdesk.app import events

    ws = _open(args, existing=True)
    if args.json:
        print(json.dumps(events.events_json(ws, unit_code=args.unit), ensure_ascii=False, indent=1))
    else:
        print(events.events_text(ws, unit_code=args.unit))
    return 0


def cmd_ledger(args) -> int:
    from zsdesk.ledgers.cli import cli_ledger

    return cli_ledger(_open(args, existing=args.ledger_command == "export"), args)


def cmd_sync(args) -> int:
    from zsdesk.sync.cli import run_sync

    return run_sync(_open(args, need_site=args.sync_command != "join",
                          existing=args.sync_command in ("status", "conflicts")), args)


def cmd_backup(args) -> int:
    from zsdesk.sync.cli import run_backup

    return run_backup(_open(args), args)


def cmd_restore(args) -> int:
    from zsdesk.sync.cli import run_restore

    return run_restore(args)


def cmd_gui(args) -> int:
    from zsdesk.ui.app import run

    args.password = database_password(args)  # tried first; the app asks when it is missing or wrong
    return run(args)


def _today_or(ws, value):
    return value or ws.today().isoformat()


def cmd_unit(args) -> int:
    from zsdesk.app.reference import list_units

    if args.unit_command == "list":
        ws = _open(args, existing=True)
        for u in list_units(ws, include_inactive=True):
            print(f"{u.code}\t{u.name}" + ("" if u.active else "\t（停用）"))
        return 0
    ws = _open(args)
    ws.reference.units.create({"code": args.code, "name": args.name})
    print(f"已新增招商单元：{args.name}（{args.code.upper()}）")
    return 0


def cmd_staff(args) -> int:
    from zsdesk.app.reference import add_staff, list_roster, list_units
    from zsdesk.app.reviews import unit_by_code

    if args.staff_command == "list":
        ws = _open(args, existing=True)
        names = {u.id: u.code for u in list_units(ws, include_inactive=True)}
        only = [unit_by_code(ws, args.unit)] if args.unit else None
        for p in list_roster(ws, unit_ids=only):
            print(f"{p.name}\t{names.get(p.unit_id, '?')}\t{p.title or ''}" + ("" if p.active else "\t（停用）"))
        return 0
    ws = _open(args)
    add_staff(ws, {"unit_id": unit_by_code(ws, args.unit), "name": args.name, "title": args.title,
                   "phone": args.phone})
    print(f"已新增招商人员：{args.name}（{args.unit}）")
    return 0


def cmd_industry(args) -> int:
    from zsdesk.app.reference import list_industries
    from zsdesk.errors import ValidationError
    from zsdesk.seed import TEMPLATES, use_template

    ws = _open(args, existing=args.industry_command == "list")
    if args.industry_command == "list":
        for i in list_industries(ws):
            print(f"{i.code}\t{'  ' if i.parent_id else ''}{i.chain_position or ''}{i.name}")
        return 0
    if args.industry_command == "template":
        changed = use_template(ws, args.template)
        print(f"产业目录已改为“{TEMPLATES[args.template][0]}”（修改{changed}项），县区同步后生效")
        return 0
    from zsdesk.ledgers.importer import industry_by_code_or_name

    iid = industry_by_code_or_name(ws, args.code)
    if iid is None:
        raise ValidationError("code", f"产业目录中没有“{args.code}”（用 zsdesk industry list 查看）")
    changes = {k: v for k, v in (("name", args.name), ("active", False if args.inactive else
                                                       True if args.active else None)) if v is not None}
    if not changes:
        raise ValidationError("name", "请用 --name、--inactive 或 --active 指定要修改的内容")
    ws.reference.industries.update(iid, changes)
    print(f"已修改产业“{args.code}”" + (f"：{args.name}" if args.name else ""))
    return 0


_STEP_WORDS = {"联席会审查": "joint_review", "市领导审核": "leader_review", "通过": "approved", "退回": "returned"}


def cmd_review(args) -> int:
    from zsdesk.app import reviews

    if args.review_command == "list":
        ws = _open(args, existing=True)
        for r in reviews.list_reviews(ws):
            print(f"{r.project_number}\t{r.project_name}\t{r.unit_name}\t{r.investment}万元\t"
                  f"{r.step_label}\t{r.step_date}" + (f"\t{r.comment}" if r.comment else ""))
        return 0
    ws = _open(args)
    project = reviews.project_by_number(ws, args.project)
    if args.review_command == "recommend":
        reviews.recommend(ws, project, _today_or(ws, args.date), args.comment)
        print(f"已推荐落户预审：{args.project}")
        return 0
    step = _STEP_WORDS.get(args.step, args.step)
    reviews.record_step(ws, reviews.open_review_of_project(ws, project), step, _today_or(ws, args.date),
                        args.comment)
    print(f"已登记预审：{args.project}（{reviews.REVIEW_LABELS[step]}）")
    return 0


def cmd_referral(args) -> int:
    from zsdesk.app import reviews

    if args.referral_command == "list":
        ws = _open(args, existing=True)
        for r in reviews.list_referrals(ws):
            print(f"{r.project_number}\t{r.project_name}\t飞出地 {r.from_unit_name}\t飞入地 {r.to_unit_name}\t"
                  f"投资 {r.investment_share:.0%}\t税收 {r.tax_share:.0%}\t考核分 {r.score_share:.0%}")
        return 0
    ws = _open(args)
    project = reviews.project_by_number(ws, args.project)
    reviews.add_referral(ws, project, reviews.unit_by_code(ws, args.to), args.investment,
                         args.tax or args.investment, args.score or args.investment, _today_or(ws, args.date),
                         args.note)
    print(f"已登记项目共享：{args.project} → {args.to}")
    return 0


#: --outcome: the core's names (zsdesk.sync.alerts.OUTCOMES) and the words people say
_ALERT_WORDS = {"merged": "merged", "kept": "kept", "attributed": "attributed", "合并": "merged",
                "各自保留": "kept", "保留": "kept", "归属认定": "attributed", "归属": "attributed"}


def cmd_alert(args) -> int:
    import dataclasses

    from zsdesk.app import sync
    from zsdesk.sync.alerts import OUTCOMES

    if args.alert_command == "list":
        ws = _open(args, existing=True)
        open_rows, handled = sync.list_alerts(ws)
        if args.json:
            print(json.dumps([dataclasses.asdict(a) for a in open_rows + handled], ensure_ascii=False, indent=1,
                             default=str))
            return 0
        for a in open_rows + handled:
            sides = "　".join(f"{s.company}（{s.unit or '未知单元'}，首次接触 {s.first_contact or '无'}）"
                             for s in (a.a, a.b))
            line = f"{a.id}\t{sides}\t首报首谈建议：{a.first_unit or '由市级协调'}"
            if a.handled:
                line += f"\t已处理：{OUTCOMES.get(a.status, a.status)}"
                line += f"（{a.decided_unit}）" if a.decided_unit else ""
                line += f"，{a.decided_on}" + (f"，理由：{a.note}" if a.note else "")
            print(line)
        if not open_rows:
            print("没有待处理的撞车提醒")
        return 0
    from zsdesk.app.reviews import unit_by_code

    ws = _open(args)
    outcome = _ALERT_WORDS.get(args.outcome, args.outcome)
    unit = unit_by_code(ws, args.unit) if args.unit else None
    done = sync.handle_alert(ws, args.alert_id, outcome, args.reason, unit)
    print(f"已处理撞车提醒：{OUTCOMES[outcome]}"
          + (f"（归属 {args.unit}）" if unit else "") + "；处理结果会随下次同步文件传给两个县区")
    if outcome == "merged" and not done.merged:
        print("两家企业的记录分属县区，市级不能合并：已记录为同一投资方，请县区在客商库中处理各自的记录")
    return 0


COMMANDS = {"init": cmd_init, "demo": cmd_demo, "stats": cmd_stats, "brief": cmd_brief,
            "ledger": cmd_ledger, "sync": cmd_sync, "backup": cmd_backup, "restore": cmd_restore,
            "password": cmd_password, "unit": cmd_unit, "staff": cmd_staff, "industry": cmd_industry, "review": cmd_review,
            "referral": cmd_referral, "alert": cmd_alert, "project-sheet": cmd_project_sheet,
            "agenda": cmd_agenda, "guide": cmd_guide, "events": cmd_events}


def split_open_file(argv: list[str]) -> tuple[list[str], str | None]:
    """``zsdesk [--db PATH] [--demo] FILE`` (a double-clicked .zsync): the
    arguments without FILE, and FILE; ``(argv, None)`` when a command is named.

    argparse cannot take an optional positional beside the sub-commands (it
    would read ``sync import F`` as FILE=sync), so the one positional word of a
    GUI start is taken out before parsing."""
    words: list[int] = []  # positions of the positional words
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--db":
            skip = True  # its value
        elif arg == "--":
            words.extend(range(i + 1, len(argv)))
            break
        elif not arg.startswith("-") or arg == "-":
            words.append(i)
    if len(words) != 1 or argv[words[0]] in COMMANDS:
        return argv, None
    at = words[0]
    rest = [a for j, a in enumerate(argv) if j != at and not (a == "--" and j < at)]
    return rest, argv[at]


#: exit code after the reader of our output went away (``zsdesk stats | head -1``): 128 + SIGPIPE
EXIT_BROKEN_PIPE = 141


def main(argv: list[str] | None = None) -> int:
    # every file and folder zsdesk makes (database, backups, exports) is its owner's only
    umask = os.umask(0o077)
    try:
        code = _main(argv)
        sys.stdout.flush()  # buffered output meets a closed pipe here
        return code
    except BrokenPipeError:
        # As the Python docs advise (signal module, "Note on SIGPIPE"): the reader
        # is gone, so send what is left to devnull and end quietly.
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    finally:
        os.umask(umask)


def _main(argv: list[str] | None) -> int:
    argv, open_file = split_open_file(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command is not None:
        from zsdesk import logs

        # warnings and errors also go to the log file; the window does this with its
        # crash handler once its frame is painted (finding the file's folder imports
        # the database layer: zsdesk.ui.app.run)
        logs.setup()
    try:
        if args.command is None:
            args.open_file = open_file
            return cmd_gui(args)
        return COMMANDS[args.command](args)
    except ZsdeskError as exc:
        print(f"zsdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise
    except OSError as exc:
        if not exc.filename:
            return report_bug()
        # a file the command did not foresee (a folder that is a file, a full disk …)
        from zsdesk.db.engine import os_error_text

        from zsdesk import logs

        logs.write_trace("file error")
        print(f"zsdesk: 无法读写 {exc.filename}：{os_error_text(exc)}。没有完成任何操作，请检查该路径后重试",
              file=sys.stderr)
        return 2
    except Exception as exc:
        import sqlite3

        from sqlalchemy.exc import DBAPIError

        from zsdesk.db.engine import translate

        known = translate(exc) if isinstance(exc, (sqlite3.Error, DBAPIError)) else None
        if known is not None:
            from zsdesk import logs

            logs.write_trace("storage error")
            print(f"zsdesk: {known}", file=sys.stderr)
            return 2
        return report_bug()


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def report_bug() -> int:
    """An unexpected exception: the trace into the log file, one line on stderr; exit 1."""
    from zsdesk import logs

    path = logs.write_trace("unexpected error")
    if path is None:
        traceback.print_exc()
        print("zsdesk: 程序内部出错（不是你的操作有误），上面的信息请发给技术支持", file=sys.stderr)
    else:
        print(f"zsdesk: 程序内部出错（不是你的操作有误）。详细信息已写入 {path}，请把该文件发给技术支持",
              file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
