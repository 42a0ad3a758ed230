"""`zsdesk sync …`, `zsdesk backup` and `zsdesk restore`."""

from __future__ import annotations

import json
import sys


def add_parsers(sub) -> None:
    sync = sub.add_parser("sync", help="按文件同步")
    ssub = sync.add_subparsers(dest="sync_command", required=True)
    p = ssub.add_parser("setup-file", help="（市级）为县级站点生成入网文件")
    p.add_argument("--for", dest="for_code", required=True, metavar="CODE")
    p.add_argument("--out", required=True)
    p = ssub.add_parser("join", help="（县级）用市级的入网文件加入")
    p.add_argument("file")
    p = ssub.add_parser("export", help="导出同步文件")
    p.add_argument("--to", dest="to_code", metavar="CODE")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--no-encrypt", action="store_true", help="不加密（仅签名）")
    p.add_argument("--full", action="store_true", help="完整包：包含全部数据（对方核对总数不符时使用）")
    p = ssub.add_parser("import", help="导入同步文件")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    p.add_argument("--json", action="store_true")
    p.add_argument("--trust", metavar="FINGERPRINT", help="首次导入某站点时，确认其密钥指纹")
    p = ssub.add_parser("status", help="各站点同步状态")
    p.add_argument("--json", action="store_true")
    p = ssub.add_parser("conflicts", help="冲突列表")
    p.add_argument("--json", action="store_true")
    p = ssub.add_parser("resolve", help="处理一个冲突")
    p.add_argument("conflict_id")
    p.add_argument("--keep", choices=["mine", "theirs", "winner"], default="mine")

    b = sub.add_parser("backup", help="备份数据库")
    b.add_argument("--out", required=True)
    r = sub.add_parser("restore", help="从备份恢复数据库")
    r.add_argument("file")


def run_sync(ws, args) -> int:
    from zsdesk.sync import conflicts, exchange
    from zsdesk.sync.package import PackageRefused

    cmd = args.sync_command
    try:
        if cmd == "setup-file":
            path = exchange.make_setup_file(ws, args.for_code, args.out)
            print(f"已生成入网文件：{path}")
            return 0
        if cmd == "join":
            info = exchange.join(ws, args.file)
            print(f"已加入：本站点 {info['site']['name']}（{info['site']['code']}），"
                  f"上级 {info['city']['name']}，市级密钥指纹 {info['city']['fingerprint']}")
            return 0
        if cmd == "export":
            res = exchange.export_package(ws, args.out, to_code=args.to_code, encrypt=not args.no_encrypt,
                                         full=args.full)
            print(res.path)
            return 0
        if cmd == "import":
            res = exchange.import_package(ws, args.file, dry_run=args.dry_run, trust=args.trust)
            if args.json:
                print(json.dumps(res.to_json(), ensure_ascii=False, indent=1, default=str))
            else:
                print(res.message)
                if res.report:
                    for table, t in sorted(res.report.tables.items()):
                        print(f"  {table}: 新增 {t.created} 更新 {t.updated} 未变 {t.unchanged} "
                              f"冲突 {t.conflicts} 拒绝 {len(t.refused)}")
                        for r in t.refused[:50]:
                            print(f"    拒绝 {r['row_id']}: {r['reason']}")
                for w in res.warnings:
                    print(f"注意：{w}")
                for extra in res.also_applied:
                    print(f"等待队列中的文件已自动导入：{extra.sender} 第{extra.seq}号 — {extra.message}")
            return 0
        if cmd == "status":
            st = exchange.status(ws)
            if args.json:
                print(json.dumps(st, ensure_ascii=False, indent=1))
            else:
                note = exchange.ack_text(ws)
                if note:
                    print(note)
                for p in st["peers"]:
                    print(f"{p['code']} {p['name']}：已收到其第{p['last_received_seq']}号文件，"
                          f"已发出第{p['last_sent_seq']}号，对方确认到 {p['acknowledged_data_at'] or '—'}"
                          + (f"；{p['clock_warning']}" if p['clock_warning'] else ""))
                for p in st["pending"]:
                    print(f"等待中：{p['file']}（{p['from_code'] or p['from']} 第{p['seq']}号）")
            return 0
        if cmd == "conflicts":
            items = conflicts.list_conflicts(ws)
            if args.json:
                print(json.dumps([c.to_json() for c in items], ensure_ascii=False, indent=1, default=str))
            else:
                for c in items:
                    print(f"{c.id} {c.table}.{c.field} 行{c.row_id}：" +
                          " / ".join(f"{v['site_name']}={v['value']}" for v in c.versions) +
                          f"（自动采用 {c.winner['site_name']}）")
                if not items:
                    print("没有待处理的冲突")
            return 0
        if cmd == "resolve":
            conflicts.resolve(ws, args.conflict_id, keep=args.keep)
            print("冲突已处理；处理结果会随下次同步传给对方")
            return 0
    except PackageRefused as exc:
        print(f"zsdesk: 已拒绝：{exc.reason}", file=sys.stderr)
        return 2
    raise AssertionError(cmd)


def run_backup(ws, args) -> int:
    from zsdesk.backup import backup_to

    path = backup_to(ws, args.out)
    print(f"已备份到：{path}")
    return 0


def run_restore(args) -> int:
    from zsdesk.backup import restore_from
    from zsdesk.db.engine import resolve_db_url

    saved = restore_from(args.file, resolve_db_url(args.db))
    print(f"已恢复。恢复前的数据库已另存为：{saved}")
    return 0
