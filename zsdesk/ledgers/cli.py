"""``zsdesk ledger export|import``."""

from __future__ import annotations

import json
import sys

from zsdesk.errors import RefusedError, ValidationError


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


def industry_choices(ws, pairs: list[str]) -> dict[str, str | None]:
    """``--industry 台账写法=代码或名称`` (empty after ``=``: leave it empty) as choices."""
    from zsdesk.ledgers.importer import industry_by_code_or_name

    out: dict[str, str | None] = {}
    for pair in pairs:
        text, sep, target = pair.partition("=")
        if not sep or not text.strip():
            raise ValidationError("industry", f"--industry “{pair}”应写成“台账写法=产业代码或名称”")
        target = target.strip()
        iid = industry_by_code_or_name(ws, target) if target else None
        if target and iid is None:
            raise ValidationError("industry", f"--industry：产业目录中没有“{target}”")
        out[text.strip()] = iid
    return out


def _import(ws, args) -> int:
    from zsdesk.ledgers.importer import Choices, apply_many, preview_many, with_remembered_mapping
    from zsdesk.ledgers.reader import read_workbook

    files = args.file if isinstance(args.file, list) else [args.file]
    reads = [read_workbook(f, args.kind) for f in files]
    plans = [with_remembered_mapping(ws, p) for r in reads for p in r.plans]
    skipped = [f"{r.path.name}：{why}" for r in reads for why in r.skipped_sheets]
    choices = None if getattr(args, "strict", False) else Choices(
        new_staff=not getattr(args, "no_new_staff", False),
        industries=industry_choices(ws, getattr(args, "industry", None) or []))
    unit = getattr(args, "unit", None)
    if args.dry_run:
        results = preview_many(ws, plans, unit_code=unit, choices=choices)
    else:
        mode = "all" if getattr(args, "all_or_nothing", False) else "valid"
        results = apply_many(ws, plans, mode, unit_code=unit, choices=choices)
    if args.json:
        if len(results) == 1 and not skipped:
            print(json.dumps(results[0].to_json(), ensure_ascii=False, indent=1, default=str))
        else:
            print(json.dumps({"ledgers": [r.to_json() for r in results], "skipped_sheets": skipped},
                             ensure_ascii=False, indent=1, default=str))
    else:
        print("\n\n".join(r.to_text() for r in results))
        for line in skipped:
            print(f"未导入的工作表：{line}")
    refused = sum(len(r.refused) for r in results)
    if not args.dry_run and not any(r.applied for r in results) and refused:
        # nothing written although the ledgers had rows: the input was refused
        if not args.json:
            print("未导入任何行：请按上面列出的行号和原因修改台账后重新导入。", file=sys.stderr)
        raise RefusedError(f"台账中有{refused}行被拒绝，未导入任何行")
    return 0
