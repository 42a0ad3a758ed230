"""The command line. ``zsdesk`` with no command opens the app.

Exit codes: 0 success, 2 refused input (one-line reason on stderr), 1 a bug.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback

from zsdesk import __version__
from zsdesk.errors import ZsdeskError

log = logging.getLogger("zsdesk")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="zsdesk", description="招商桌面 zsdesk",
                                epilog="zsdesk [--db PATH] FILE.zsync：打开程序并预览导入该同步文件")
    p.add_argument("--version", action="version", version=f"zsdesk {__version__}")
    p.add_argument("--db", metavar="PATH", help="数据库文件（或 PostgreSQL URL）；默认在用户数据目录，或取 ZSDESK_DB")
    p.add_argument("--demo", action="store_true",
                   help="打开演示数据库（用户数据目录下的 demo.db，首次使用时生成演示数据）")
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
    stats.add_argument("--year", type=int)
    stats.add_argument("--json", action="store_true")

    brief = sub.add_parser("brief", help="生成PDF简报")
    brief.add_argument("--period", required=True, help="期间，例如 2026-10（月）、2026-Q3、2026")
    brief.add_argument("--kind", default="monthly",
                       choices=["weekly", "monthly", "bimonthly", "quarterly", "yearly"])
    brief.add_argument("--unit", metavar="CODE", help="只为一个单元生成（县级预检）")
    brief.add_argument("--out", required=True, help="输出的PDF文件")

    ledger = sub.add_parser("ledger", help="Excel台账导出与导入")
    lsub = ledger.add_subparsers(dest="ledger_command", required=True)
    lexp = lsub.add_parser("export", help="导出台账")
    lexp.add_argument("--kind", required=True, choices=["visits", "leads", "projects", "stats"])
    lexp.add_argument("--out", required=True)
    lexp.add_argument("--year", type=int)
    lexp.add_argument("--unit", metavar="CODE")
    limp = lsub.add_parser("import", help="导入台账（.xlsx/.xls/.ods）")
    limp.add_argument("file")
    limp.add_argument("--kind", default="auto", choices=["auto", "visits", "leads", "projects"])
    limp.add_argument("--dry-run", action="store_true")
    limp.add_argument("--json", action="store_true")
    limp.add_argument("--unit", metavar="CODE", help="台账中没有“招商单元”列时导入到的单元（市级站点必填）")
    limp.add_argument("--all-or-nothing", action="store_true", help="有任何一行被拒绝时，整个台账都不导入")

    from zsdesk.sync.cli import add_parsers
    add_parsers(sub)
    return p


def _open(args, *, need_site: bool = True):
    """The workspace of ``--db``; commands that work on a site's data refuse an
    uninitialised database with a message saying what to do."""
    from zsdesk.services import open_workspace

    ws = open_workspace(args.db)
    if need_site:
        ws.site  # raises RefusedError naming `zsdesk init`
    return ws


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
    from zsdesk import metrics

    ws = _open(args)
    report = metrics.year_report(ws, args.year)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print(report.to_text())
    return 0


def cmd_brief(args) -> int:
    from zsdesk.reports.brief import cli_brief

    return cli_brief(_open(args), args)


def cmd_ledger(args) -> int:
    from zsdesk.ledgers.cli import cli_ledger

    return cli_ledger(_open(args), args)


def cmd_sync(args) -> int:
    from zsdesk.sync.cli import run_sync

    return run_sync(_open(args, need_site=args.sync_command != "join"), args)


def cmd_backup(args) -> int:
    from zsdesk.sync.cli import run_backup

    return run_backup(_open(args), args)


def cmd_restore(args) -> int:
    from zsdesk.sync.cli import run_restore

    return run_restore(args)


def cmd_gui(args) -> int:
    from zsdesk.ui.app import run

    return run(args)


COMMANDS = {"init": cmd_init, "demo": cmd_demo, "stats": cmd_stats, "brief": cmd_brief,
            "ledger": cmd_ledger, "sync": cmd_sync, "backup": cmd_backup, "restore": cmd_restore}


def split_open_file(argv: list[str]) -> tuple[list[str], str | None]:
    """``zsdesk [--db PATH] [--demo] FILE`` (a double-clicked .zsync): the
    arguments without FILE, and FILE; ``(argv, None)`` when a command is named.

    argparse cannot take an optional positional beside the sub-commands (it
    would read ``sync import F`` as FILE=sync), so the one positional word of a
    GUI start is taken out before parsing."""
    words = []
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
    i = words[0]
    rest = [a for j, a in enumerate(argv) if j != i and not (a == "--" and j < i)]
    return rest, argv[i]


def main(argv: list[str] | None = None) -> int:
    argv, open_file = split_open_file(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
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
    except Exception:  # a bug: full trace for the report
        traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
