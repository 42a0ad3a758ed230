"""First-day ledger import (issue 14) next to a raw python-calamine read of the same file.

    .venv/bin/python bench/bench_ledger_first_day.py            # 10k rows, best of 5
    .venv/bin/python bench/bench_ledger_first_day.py --rows 100000 --repeat 1 --keep /tmp/zs-first-day

The file: a 签约项目台账 of ``--rows`` rows laid out as a county keeps it (two
title rows, a two-row merged header, amounts written 1.2亿 / 5000万元 /
full-width digits, dates 2026.4.12, a 合计 row), into a brand-new county site
that knows none of its 40 staff names, 12 industry names or its companies
(every row new: a new company each, staff proposed, industries matched).

Figures, each the best of ``--repeat`` runs, CPU seconds of this process
(wall beside):
- raw: ``CalamineWorkbook.from_path(…).get_sheet_by_index(0).to_python()``;
- this path, as the wizard and ``zsdesk ledger import`` run it:
  ``read_workbook`` (header among title rows, merged cells, formula and
  hidden-row marks, every cell parsed) + the remembered mapping + ``preview_many``
  with proposals (staff, industries by similarity, companies) — the part the
  goal is about: ≤ 3× the raw read; printed too: the first run alone, when
  every company name is new to the process (later runs find their normal forms
  cached, as a second import in the same window would) and every memory page the
  import uses is new to it; the process is first made what it is when the wizard
  opens (mappers configured, the services' modules imported: see ``main``);
- apply (the same again plus one transaction writing companies, staff, projects,
  stage history and the change log) is printed beside it, with its own ratio.

``--cancel-100k`` (with ``--visits-rows``, default 100,000): a 拜访台账 of that
many rows (5 columns; 25,000 companies and 40 staff the site has never seen)
goes through the wizard's functions (``app.ledger_import``: ``read_files``,
``check_import``, ``run_import``) on a fresh county site; the import is
cancelled, as the wizard's 取消导入 does, once its progress passes half way: the
cancel is asked at one progress report and raised at the next, as the task
runner does. Printed: the time to read and to preview, how far the progress
had come, the time from the cancel to ``run_import``'s return, and the rows of
visits, participants, companies, staff and the change log before and after
(nothing may be written).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

GOAL = 3.0
STAFF = [f"{s}{g}" for s in "赵钱孙李周吴郑王" for g in ("建国", "红", "伟", "敏", "强")]
INDUSTRIES = ["汽车装备制造", "中医药", "电子信息", "数字经济", "食品", "新能源", "新材料", "文旅", "物流",
              "生物医药", "化工", "装备制造"]


def make_file(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("签约项目")
    ws.append(["基准县2026年签约项目台账"])
    ws.append(["填报单位：基准县招商单元"])
    ws.append(["序号", "项目名称", "投资方名称", "产业类别", "签约时间", "投资情况", None, "包保领导", "项目进度", "备注"])
    ws.append([None, None, None, None, None, "计划总投资", "外资(万美元)", None, None, None])
    amounts = ["1.2亿", "5000万元", "３０００", 800, "2.5亿元", 1500]
    for i in range(rows):
        foreign = i % 50 == 7
        ws.append([i + 1, f"年产{i}万件零部件项目", f"基准{i:06d}科技有限公司", INDUSTRIES[i % len(INDUSTRIES)],
                   f"2026.{1 + i % 5}.{1 + i % 28}", None if foreign else amounts[i % len(amounts)],
                   1200 if foreign else None, STAFF[i % len(STAFF)], "已签约", "按计划推进" if i % 3 else None])
    ws.append(["合计"])
    wb.save(path)
    # the merged title and header, as staff make them (write-only workbooks cannot merge)
    from openpyxl import load_workbook

    if rows <= 20_000:
        book = load_workbook(path)
        sheet = book["签约项目"]
        sheet.merge_cells("A1:J1")
        sheet.merge_cells("F3:G3")
        for col in "ABCDEHIJ":
            sheet.merge_cells(f"{col}3:{col}4")
        book.save(path)


VISIT_COMPANIES = 25_000


def make_visits_file(path: Path, rows: int) -> None:
    """A 拜访台账 as staff keep it: a title row, one header row, dates written
    2025.3.7, 我方人员 naming one or two people; (company, date) never repeats."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("拜访")
    ws.append(["基准县2025年客商拜访台账"])
    ws.append(["拜访日期", "企业名称", "拜访方式", "我方人员", "洽谈情况"])
    kinds = ["上门拜访", "来访接待", "驻点招商", "展会推介"]
    start = dt.date(2025, 1, 1)
    for i in range(rows):
        day = start + dt.timedelta(days=(i // VISIT_COMPANIES) * 60 + i % 7)
        people = STAFF[i % len(STAFF)] + ("" if i % 3 else "、" + STAFF[(i + 7) % len(STAFF)])
        ws.append([f"{day.year}.{day.month}.{day.day}", f"基准客商{i % VISIT_COMPANIES:05d}有限公司",
                   kinds[i % len(kinds)], people, f"第{i // VISIT_COMPANIES + 1}次洽谈，对方有意向"])
    wb.save(path)


class Cancelled(Exception):
    """What the task runner's ``report`` raises once 取消导入 is pressed."""


def cancel_run(folder: Path, rows: int, fresh_county) -> None:
    """A ``rows``-row 拜访台账 through the wizard's functions, cancelled past half way."""
    from sqlalchemy import func, select

    from zsdesk.app.ledger_import import ImportChoices, check_import, read_files, run_import
    from zsdesk.db.models import ChangeLog, Company, Staff, Visit, VisitParticipant

    path = folder / f"visits-{rows}.xlsx"
    if not path.exists():
        started = time.perf_counter()
        make_visits_file(path, rows)
        print(f"  (wrote {path.name} in {time.perf_counter() - started:.1f} s)")
    ws = fresh_county()

    def counts() -> dict[str, int]:
        with ws.read() as s:
            return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                    for m in (Visit, VisitParticipant, Company, Staff, ChangeLog)}

    seen: list[tuple[int, int]] = []

    def report(done, total, text=""):
        seen.append((done, total))

    print(f"Cancelled import: {rows:,}-row 拜访台账 through app.ledger_import on a fresh county site")
    r_cpu, r_wall, read = timed(lambda: read_files(ws, [str(path)], report=report))
    line(f"read_files ({sum(s.rows for s in read.sheets):,} rows)", r_cpu, r_wall)
    seen.clear()
    p_cpu, p_wall, check = timed(lambda: check_import(ws, read.sheets, ImportChoices(), report=report))
    line("check_import (the preview)", p_cpu, p_wall,
         ", ".join(f"{label} {n:,}" for label, n in check.counts) +
         f"; {len(check.new_staff)} new staff, {len(check.new_companies):,} new companies;"
         f" {len(seen)} progress reports, monotonic: {all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))}")
    before = counts()
    seen.clear()
    asked: dict[str, float] = {}

    def cancelling(done, total, text=""):
        seen.append((done, total))
        if asked:
            raise Cancelled
        if total and done > total / 2:   # 取消导入 pressed: the next report raises
            asked.update(wall=time.perf_counter(), cpu=time.process_time(), done=done, total=total)

    started = time.perf_counter()
    try:
        run_import(ws, read.sheets, ImportChoices(), report=cancelling)
        outcome = "NOT cancelled: the import finished"
    except Cancelled:
        outcome = "cancelled"
    back_wall, back_cpu = time.perf_counter(), time.process_time()
    after = counts()
    ws.close()
    if asked:
        print(f"  run_import: cancel asked at {asked['done']:,}/{asked['total']:,} "
              f"({asked['done'] / asked['total']:.0%}), {asked['wall'] - started:.2f} s after it began; {outcome}")
        line("from the cancel to run_import's return", back_cpu - asked["cpu"], back_wall - asked["wall"])
    else:
        print(f"  run_import: progress never passed half way; {outcome}")
    print("  rows before → after: " + ", ".join(f"{k} {before[k]:,} → {after[k]:,}" for k in before))
    print(f"  nothing written: {'yes' if after == before else 'NO'}")


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def line(label: str, cpu: float, wall: float, extra: str = "") -> None:
    print(f"  {label:<52} {cpu:7.2f} s CPU  {wall:7.2f} s wall{('  ' + extra) if extra else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", help="folder for the files (kept); default a temporary one")
    parser.add_argument("--cancel-100k", action="store_true",
                        help="only the cancelled import of a large 拜访台账 through the wizard's functions")
    parser.add_argument("--visits-rows", type=int, default=100_000, help="rows of that 拜访台账")
    args = parser.parse_args()

    from python_calamine import CalamineWorkbook

    from zsdesk.db.engine import Database
    from zsdesk.ledgers.importer import Choices, apply_many, preview_many, with_remembered_mapping
    from zsdesk.ledgers.reader import read_workbook
    from zsdesk.services import Workspace, init_site

    folder = Path(args.keep or tempfile.mkdtemp(prefix="zs-first-day-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        path = folder / f"first-day-{args.rows}.xlsx"
        if not path.exists() and not args.cancel_100k:
            make_file(path, args.rows)
        template = folder / "county.db"
        if not template.exists():
            ws = Workspace(Database(f"sqlite:///{template}"), today=lambda: dt.date(2026, 6, 15), actor="bench")
            init_site(ws, role="county", code="BENCH-U01", name="基准县招商单元")
            ws.close()

        def fresh_county() -> Workspace:
            target = folder / "run.db"
            for p in folder.glob("run.db*"):
                p.unlink()
            shutil.copyfile(template, target)
            return Workspace(Database(f"sqlite:///{target}"), today=lambda: dt.date(2026, 6, 15), actor="bench")

        if args.cancel_100k:
            cancel_run(folder, args.visits_rows, fresh_county)
            return 0

        # The process as it is when a clerk opens the wizard: the window has queried the
        # database (the ORM's mappers configured, 30-40 ms once) and its pages have opened
        # the services (their modules imported: 30-40 ms more where Python compiles them
        # from source, PYTHONDONTWRITEBYTECODE). What the first import itself meets stays
        # in the first run: every company name new to names' caches, the memory it uses
        # new to the process, the database's statements compiled. (The industry proposals
        # no longer import rapidfuzz, 13 ms: see ledgers.importer._ratio.)
        from sqlalchemy.orm import configure_mappers

        configure_mappers()
        ws = fresh_county()
        for service in ("reference", "companies", "visits", "leads", "projects"):
            getattr(ws, service)
        ws.close()

        def raw():
            with CalamineWorkbook.from_path(str(path)) as wb:
                return wb.get_sheet_by_index(0).to_python()

        def this_path(ws):
            plans = [with_remembered_mapping(ws, p) for p in read_workbook(path).plans]
            return preview_many(ws, plans, choices=Choices())

        best: dict[str, tuple] = {}
        first: tuple | None = None   # the first run: company names not yet in names' caches
        for _ in range(args.repeat):   # alternated, so the machine's load touches every figure alike
            ws = fresh_county()
            for key, fn in (("raw", raw), ("path", lambda ws=ws: this_path(ws))):
                got = timed(fn)
                if key == "path" and first is None:
                    first = got
                if key not in best or got[0] < best[key][0]:
                    best[key] = got
            ws.close()
        ws = fresh_county()
        plans = [with_remembered_mapping(ws, p) for p in read_workbook(path).plans]
        best["apply"] = timed(lambda: apply_many(ws, plans, choices=Choices()))
        # the same ledger again (next month's re-import): every row matches a record
        for _ in range(args.repeat):
            got = timed(lambda ws=ws: this_path(ws))
            if "again" not in best or got[0] < best["again"][0]:
                best["again"] = got
        # the floor of the first-day preview: the services' own validation of its rows
        from zsdesk.services.base import RecordService

        spent = [0.0]
        validate = RecordService.validate

        def counted(self, *a, **kw):
            started = time.process_time()
            try:
                return validate(self, *a, **kw)
            finally:
                spent[0] += time.process_time() - started

        RecordService.validate = counted
        try:
            fresh = fresh_county()
            this_path(fresh)
            fresh.close()
        finally:
            RecordService.validate = validate
        ws.close()

        raw_cpu, raw_wall, grid = best["raw"]
        cpu, wall, [result] = best["path"]
        a_cpu, a_wall, [applied] = best["apply"]
        c = result.counts
        print(f"First-day import: {args.rows:,}-row 签约项目台账 into a brand-new county site")
        line(f"raw python-calamine read ({len(grid):,} rows)", raw_cpu, raw_wall)
        line("read_workbook + mapping + preview with proposals", cpu, wall,
             f"created {c['created']:,}, refused {c['refused']:,}, skipped {c['skipped']:,}; "
             f"staff {len(result.new_staff)}, companies {len(result.new_companies):,}, "
             f"industries {len(result.industry_matches)}")
        ratio = cpu / raw_cpu
        print(f"  ratio: {ratio:.2f}x of the raw read (goal <= {GOAL}x: {'met' if ratio <= GOAL else 'NOT met'})")
        assert first is not None
        ratio = first[0] / raw_cpu
        line("  the first run (every company name new to the process)", first[0], first[1],
             f"{ratio:.2f}x of the raw read (goal <= {GOAL}x: {'met' if ratio <= GOAL else 'NOT met'}); "
             "the runs after it find the names' normal forms cached")
        print(f"  floor: raw read + the services' validation of the new rows and companies ({spent[0]:.2f} s)"
              f" = {(raw_cpu + spent[0]) / raw_cpu:.2f}x of the raw read")
        line("apply_many (read plans: preview + one transaction)", a_cpu, a_wall,
             f"{(a_cpu) / raw_cpu:.1f}x of the raw read; written {applied.counts['created']:,} rows")
        g_cpu, g_wall, [again] = best["again"]
        line("the same ledger again (every row matches a record)", g_cpu, g_wall,
             ", ".join(f"{k} {v:,}" for k, v in again.counts.items() if v))
        ratio = g_cpu / raw_cpu
        print(f"  ratio: {ratio:.2f}x of the raw read (goal <= {GOAL}x: {'met' if ratio <= GOAL else 'NOT met'})")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
