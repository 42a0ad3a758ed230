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
    p.add_argument("--reissue", action="store_true",
                   help="该站点已加入过（换了电脑或电脑丢失）：重新生成，原电脑的密钥作废")
    p.add_argument("--confirm-fingerprint", action="store_true",
                   help="该站点首次导入时还要核对其密钥指纹（--trust）")
    p = ssub.add_parser("join", help="（县级）用市级的入网文件加入")
    p.add_argument("file")
    p = ssub.add_parser("export", help="导出同步文件")
    p.add_argument("--to", dest="to_code", metavar="CODE")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--no-encrypt", action="store_true", help="不加密（仅签名）")
    p.add_argument("--full", action="store_true", help="完整包：包含全部数据（对方核对总数不符时使用）")
    p = ssub.add_parser("import", help="导入同步文件（可给多个文件或文件夹：按发送站点和序号依次导入）")
    p.add_argument("file", nargs="+", metavar="PATH",
                   help="同步文件或文件夹（文件夹：其中全部 .zsync 文件）")
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    p.add_argument("--json", action="store_true")
    p.add_argument("--trust", metavar="FINGERPRINT", action="append",
                   help="首次导入某站点时核对其密钥指纹（与文件中密钥算出的指纹比对）；多个站点可重复给出")
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
    r.add_argument("--force", action="store_true",
                   help="备份属于另一个站点或是未初始化的数据库时，仍然恢复")


def run_sync(ws, args) -> int:
    from zsdesk.sync import conflicts, exchange
    from zsdesk.sync.package import PackageRefused

    cmd = args.sync_command
    if cmd == "import" and (len(args.file) > 1 or _is_dir(args.file[0])):
        return import_many(ws, args)
    if cmd == "import":
        args.file = args.file[0]
        args.trust = _one_trust(args.trust)
    if cmd in ("join", "import"):
        readable_file(args.file)
    try:
        if cmd == "setup-file":
            path = exchange.make_setup_file(ws, args.for_code, args.out, reissue=args.reissue,
                                            confirm_fingerprint=args.confirm_fingerprint)
            print(f"已生成入网文件：{path}")
            print("该文件只能使用一次，内含入网凭据：请当面拷给对方或用加密方式发送，不要转发到群里")
            if args.reissue:
                print("该站点原电脑的密钥已作废：它今后发出的文件将被拒绝，已收到的数据保留")
            return 0
        if cmd == "join":
            info = exchange.join(ws, args.file)
            print(f"已加入：本站点 {info['site']['name']}（{info['site']['code']}），"
                  f"上级 {info['city']['name']}，市级密钥指纹 {info['city']['fingerprint']}")
            return 0
        if cmd == "export":
            exported = exchange.export_package(ws, args.out, to_code=args.to_code, encrypt=not args.no_encrypt,
                                              full=args.full)
            print(exported.path)
            return 0
        if cmd == "import":
            if exchange.is_setup_file(args.file):
                raise PackageRefused(
                    "这是入网文件，不是同步文件：入网文件只用于县区加入市级同步"
                    "（zsdesk sync join 文件，或在程序的“同步”页点“用入网文件加入…”）；"
                    "要导入的是对方导出的 .zsync 同步文件", code="setup-file")
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
                print(f"本站点 {st['site']['code']} {st['site']['name']}，密钥指纹 {st['site']['fingerprint']}")
                note = exchange.ack_text(ws)
                if note:
                    print(note)
                for p in st["peers"]:
                    if p["awaiting_enrolment"]:
                        print(f"{p['code']} {p['name']}：已发入网文件，等待其首个同步文件")
                        continue
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


def _is_dir(path) -> bool:
    from pathlib import Path

    return Path(path).is_dir()


def _one_trust(values: list[str] | None) -> str | None:
    """One file: the fingerprint given (the last one if repeated)."""
    return values[-1] if values else None


#: a file's outcome as the summary line says it (``zsdesk.sync.folder`` statuses)
STATUS_TEXT = {"applied": "已导入", "already": "此前已导入", "pending": "等待之前的文件", "refused": "已拒绝",
               "preview": "将导入", "after": "将导入"}


def import_many(ws, args) -> int:
    """``zsdesk sync import PATH...`` with several files or a folder: each file in
    turn (by sender and number), a line per file and a total. Exit 0 when every
    file was applied, imported before or queued to wait for an earlier one; 2
    when any was refused (the others are still tried)."""
    from zsdesk.sync import folder

    the_plan = folder.plan(ws, args.file, trust=args.trust or ())
    total = len(the_plan.files)
    if not total:
        for s in the_plan.skipped:
            print(f"跳过 {s.path}：{s.note}")
        where = (f"文件夹“{args.file[0]}”中" if len(args.file) == 1 else "所给的文件和文件夹中")
        print(f"zsdesk: 已拒绝：{where}没有可导入的 .zsync 同步文件", file=sys.stderr)
        return 2
    number = {f.path: n for n, f in enumerate(the_plan.files, 1)}

    def line(o) -> None:
        if args.json:
            return
        who = f"（{o.sender} 第{o.seq}号）" if o.sender else ""
        print(f"[{number[o.path]}/{total}] {o.path.name}{who}：{STATUS_TEXT.get(o.status, o.status)} — {o.message}",
              flush=True)
        if o.result is not None:
            for w in o.result.warnings:
                print(f"    注意：{w}")
            for extra in o.result.also_applied:
                print(f"    等待队列中的文件已自动导入：{extra.sender} 第{extra.seq}号 — {extra.message}")

    if args.dry_run:
        outcomes = folder.preview(ws, the_plan)
        for o in outcomes:
            line(o)
    else:
        outcomes = folder.apply(ws, the_plan, on_outcome=line)
    counts = folder.totals(outcomes)
    if args.json:
        print(json.dumps({"files": [o.to_json() for o in outcomes],
                          "skipped": [{"file": str(s.path), "note": s.note} for s in the_plan.skipped],
                          "total": counts}, ensure_ascii=False, indent=1, default=str))
    else:
        for s in the_plan.skipped:
            print(f"跳过 {s.path}：{s.note}")
        if args.dry_run:
            parts = [f"将导入{counts['preview'] + counts['after']}个", f"此前已导入{counts['already']}个",
                     f"将等待之前的文件{counts['pending']}个", f"将被拒绝{counts['refused']}个"]
            print(f"合计（预览，未写入）：{total}个文件，" + "，".join(parts))
        else:
            parts = [f"已导入{counts['applied']}个", f"此前已导入{counts['already']}个",
                     f"等待之前的文件{counts['pending']}个", f"拒绝{counts['refused']}个"]
            extra = f"；等待队列中另有{counts['from_queue']}个文件随之导入" if counts["from_queue"] else ""
            print(f"合计：{total}个文件，" + "，".join(parts) + extra)
        if the_plan.skipped:
            print(f"跳过{len(the_plan.skipped)}个文件（原因见上）")
    return 2 if counts["refused"] else 0


def run_backup(ws, args) -> int:
    from zsdesk.backup import backup_to

    path = backup_to(ws, args.out)
    print(f"已备份到：{path}")
    return 0


def run_restore(args) -> int:
    from zsdesk.backup import restore_from
    from zsdesk.db.engine import resolve_db_url

    try:  # an encrypted database: its password, as the other commands take it
        from zsdesk.cli import database_password
    except ImportError:
        database_password = lambda args: None  # noqa: E731
    result = restore_from(args.file, resolve_db_url(args.db), force=getattr(args, "force", False),
                          password=database_password(args))
    print("\n".join(result.lines()))
    return 0


def readable_file(path) -> None:
    """Refuse, in plain words, a file that is missing, a folder or unreadable."""
    from pathlib import Path

    from zsdesk.db.engine import os_error_text
    from zsdesk.errors import RefusedError

    file = Path(path)
    if not file.exists():
        raise RefusedError(f"无法读取文件：找不到 {file}。请检查文件名和所在文件夹")
    if file.is_dir():
        raise RefusedError(f"无法读取文件：“{file}”是一个文件夹，请指定其中的文件")
    try:
        with open(file, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise RefusedError(f"无法读取文件 {file}：{os_error_text(exc)}") from None
