"""``zsdesk ledger export|import``."""

from __future__ import annotations

import sys

from zsdesk.errors import RefusedError


def cli_ledger(ws, args) -> int:
    if args.ledger_command == "export":
        return _export(ws, args)
    return _import(ws, args)


def _export(ws, args) -> int:
    from zsdesk.ledgers.export import export_ledger

    result = export_ledger(ws, args.kind, args.out, year=args.year, unit_code=args.unit)
    what = f"{result.rows}项指标，{len(result.sheets)}个工作表" if result.kind == "stats" else f"{result.rows}行"
    print(f"已导出“{result.title}”（{what}）：{result.path}")
    return 0


def _import(ws, args) -> int:
    from zsdesk.ledgers.importer import apply, preview, to_json_text
    from zsdesk.ledgers.reader import read_ledger

    plan = read_ledger(args.file, args.kind)
    unit = getattr(args, "unit", None)
    if args.dry_run:
        result = preview(ws, plan, unit_code=unit)
    else:
        mode = "all" if getattr(args, "all_or_nothing", False) else "valid"
        result = apply(ws, plan, mode, unit_code=unit)
    print(to_json_text(result) if args.json else result.to_text())
    if not args.dry_run and not result.applied and result.refused:
        # nothing written although the ledger had rows: the input was refused
        if not args.json:
            print("未导入任何行：请按上面列出的行号和原因修改台账后重新导入。", file=sys.stderr)
        raise RefusedError(f"台账中有{len(result.refused)}行被拒绝，未导入任何行")
    return 0
