"""Follow-ups due/overdue and 亮灯 on stage time limits (today fixed at 2026-06-15)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from zsdesk import reminders
from zsdesk.errors import ReadOnlyError


def test_followups_due_today_and_overdue(ws, unit_id, company_id, staff_id):
    due_today = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-06-01",
                                  "next_step": "报送项目计划书", "next_due": "2026-06-15", "staff_id": staff_id})
    overdue = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-05-01",
                                "next_step": "约见董事长", "next_due": "2026-05-20"})
    done = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-05-01",
                             "next_step": "寄送资料", "next_due": "2026-05-10"})
    ws.visits.mark_followup_done(done)
    ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-06-10",
                      "next_due": "2026-07-01"})  # not yet due
    lead = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "新药生产基地",
                            "stage_date": "2026-05-01", "next_followup": "2026-06-01"})
    today, late = reminders.followups(ws)
    assert [f.row_id for f in today] == [due_today]
    assert {f.row_id for f in late} == {overdue, lead}
    assert min(f.days_overdue(ws.today()) for f in late) == 14  # the lead, due 06-01
    mine_today, mine_late = reminders.followups(ws, staff_id=staff_id)
    assert [f.row_id for f in mine_today] == [due_today] and mine_late == []


def test_project_lights_follow_the_start_limit(ws, unit_id, company_id):
    def project(name, date):
        return ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": name,
                                   "contract_date": date, "contract_investment": 1000})

    red = project("超时未开工", "2025-11-01")     # start limit 2026-05-01 passed
    yellow = project("临近时限", "2025-12-20")    # limit 2026-06-20: 5 days left (< 30)
    green = project("刚签约", "2026-06-01")       # limit 2026-12-01
    stalled = project("停滞项目", "2026-05-01")
    ws.projects.advance(stalled, "stalled", "2026-06-01", "土地指标未落实")
    colours = {x.row_id: x.colour for x in reminders.lights(ws)}
    assert colours[red] == "red" and colours[yellow] == "yellow" and colours[green] == "green"
    assert colours[stalled] == "red"
    first = reminders.lights(ws)[0]
    assert first.colour == "red"
    # a project with an open problem is at least yellow
    ws.projects.add_problem(green, "用地", "土地证办理中")
    assert {x.row_id: x.colour for x in reminders.lights(ws)}[green] == "yellow"


def test_city_configures_the_limits(city_ws):
    city_ws.reference.set_light_limits(project_start_months=3, yellow_days=10)
    assert city_ws.reference.light_limits()["project_start_months"] == 3
    assert city_ws.reference.light_limits()["lead_stale_days"] == 60  # untouched defaults kept


def test_county_cannot_change_the_limits(ws):
    with pytest.raises(ReadOnlyError):
        ws.reference.set_light_limits(project_start_months=3)


def test_stale_leads_turn_yellow_then_red(ws, unit_id, company_id):
    fresh = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "A",
                             "stage_date": "2026-06-01"})
    stale = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "B",
                             "stage_date": "2026-03-01"})  # 106 days
    dead = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "C",
                            "stage_date": "2026-01-02"})  # 164 days
    colours = {x.row_id: x.colour for x in reminders.lights(ws)}
    assert (colours[fresh], colours[stale], colours[dead]) == ("green", "yellow", "red")
    assert all(x.colour != "green" for x in reminders.lights(ws, colours=("red", "yellow")))


# --- bounded: what a screen or a brief shows, and the counts ------------------------------------

def _many_followups(ws, unit_id, company_id, staff_id):
    """Two units, 23 visits and 6 leads due over six days up to today (ties on each day),
    a done one, a deleted one and one not yet due; returns the second unit's id."""
    other = ws.reference.units.create({"code": "U2", "name": "第二单元"})
    days = ["2026-05-01", "2026-05-20", "2026-06-01", "2026-06-10", "2026-06-14", "2026-06-15"]
    for n in range(23):
        ws.visits.create({"unit_id": (unit_id, other)[n % 2], "company_id": company_id,
                          "visit_date": "2026-04-01", "next_step": f"第{n}步", "next_due": days[n % 6],
                          "staff_id": staff_id if n % 3 == 0 else None})
    for n in range(6):
        ws.leads.create({"unit_id": (unit_id, other)[n % 2], "company_id": company_id, "name": f"线索{n}",
                         "stage_date": "2026-04-01", "next_followup": days[(n * 5) % 6]})
    done = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-04-01",
                             "next_due": "2026-05-01"})
    ws.visits.mark_followup_done(done)
    gone = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-04-01",
                             "next_due": "2026-05-01"})
    ws.visits.delete(gone)
    ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-04-01",
                      "next_due": "2026-07-01"})
    return other


def test_a_limit_reads_the_first_rows_of_each_list_and_the_counts_add_up(ws, unit_id, company_id, staff_id):
    other = _many_followups(ws, unit_id, company_id, staff_id)
    today = ws.today()
    all_today, all_late = reminders.followups(ws)
    assert len(all_today) + len(all_late) == 29 and all(f.due == today for f in all_today)
    assert [(f.due, f.number) for f in all_late] == sorted((f.due, f.number) for f in all_late)
    for limit in (1, 3, 4, 5, 10, 24, 100):      # 4 rows per day: a cut inside ties and on them
        assert reminders.followups(ws, limit=limit) == (all_today[:limit], all_late[:limit])
    assert reminders.followups(ws, limit=0) == ([], [])
    for kw in ({"unit_id": other}, {"unit_ids": [other]}, {"unit_ids": []}, {"staff_id": staff_id},
               {"unit_ids": [unit_id, other], "staff_id": staff_id}):
        whole = reminders.followups(ws, **kw)
        assert reminders.followups(ws, limit=3, **kw) == (whole[0][:3], whole[1][:3]), kw
        counts = reminders.followup_counts(ws, **kw)
        assert sum(c.due_today for c in counts) == len(whole[0]), kw
        assert sum(c.overdue for c in counts) == len(whole[1]), kw
        for c in counts:
            mine = [f for f in whole[1] if f.table == c.table and f.unit_id == c.unit_id]
            assert c.overdue == len(mine) and c.oldest == (mine[0].due if mine else None), (kw, c)
    assert reminders.followups(ws, unit_ids=[]) == ([], []) and reminders.followup_counts(ws, unit_ids=[]) == ()
    # the counts, recomputed with plain SQL
    with ws.read() as s:
        visits = s.execute(text("SELECT COUNT(*) FROM visits WHERE NOT deleted AND NOT followup_done "
                                "AND next_due < :t"), {"t": today}).scalar()
        leads = s.execute(text("SELECT COUNT(*) FROM leads WHERE NOT deleted AND next_followup < :t "
                               "AND stage NOT IN ('signed', 'terminated')"), {"t": today}).scalar()
    counts = reminders.followup_counts(ws)
    assert sum(c.overdue for c in counts if c.table == "visits") == visits
    assert sum(c.overdue for c in counts if c.table == "leads") == leads
    # since/until bound the due dates
    since, until = dt.date(2026, 5, 20), dt.date(2026, 6, 10)
    window = [f for f in all_late if since <= f.due <= until]
    assert reminders.followups(ws, since=since, until=until) == ([], window)
    assert reminders.followups(ws, since=since, until=until, limit=5) == ([], window[:5])
    assert sum(c.overdue for c in reminders.followup_counts(ws, since=since, until=until)) == len(window)
    assert reminders.followups(ws, since=today) == (all_today, [])


def test_lights_of_some_units_and_the_first_few(ws, unit_id, company_id):
    other = ws.reference.units.create({"code": "U2", "name": "第二单元"})
    for n, unit in enumerate((unit_id, other, unit_id, other)):
        ws.projects.create({"unit_id": unit, "company_id": company_id, "name": f"项目{n}",
                            "contract_date": f"2025-0{n + 6}-01", "contract_investment": 1000})
    every = reminders.lights(ws)
    assert reminders.lights(ws, limit=2) == every[:2] and reminders.lights(ws, limit=0) == []
    assert reminders.lights(ws, unit_ids=[other]) == [x for x in every if x.unit_id == other] != []
    assert reminders.lights(ws, unit_ids=[]) == []


# --- red alone: the database reads only what can be red (a brief's list) ------------------------

def _days(first: str, last: str) -> list[dt.date]:
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [a + dt.timedelta(days=n) for n in range((b - a).days + 1)]


def test_red_alone_is_every_red_light_around_each_limit(ws, unit_id, company_id):
    """Projects signed on each day around the start and production limits (ends of months
    included: 2025-08-31 + 6 months is 2026-02-28), in every stage, and leads around the
    red limit: the red lights read alone are exactly the red ones of all the lights."""
    flow = ("signed", "registered", "started", "completed", "producing", "effective")
    stages = (*flow, "stalled", "defaulted")
    dates = [*_days("2024-06-12", "2024-06-17"), *_days("2024-08-27", "2024-09-02"),
             *_days("2025-08-27", "2025-09-02"), *_days("2025-12-12", "2025-12-17"),
             *_days("2026-02-25", "2026-03-02")]
    pids = []
    for n, signed in enumerate(dates):   # each day: one waiting to start, one to produce, one of a stage
        for stage in ("signed", "started", stages[n % len(stages)]):
            pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": f"项目{len(pids)}",
                                      "contract_date": signed.isoformat(), "contract_investment": 1000})
            pids.append(pid)
            path = flow[1:flow.index(stage) + 1] if stage in flow else (stage,)
            for step, target in enumerate(path, 1):
                ws.projects.advance(pid, target, (signed + dt.timedelta(days=step)).isoformat(),
                                    "原因" if target in ("stalled", "defaulted") else None)
    lead_stages = ("clue", "contact", "negotiating", "intent", "on_hold")
    for n, day in enumerate(_days("2026-02-10", "2026-02-20")):   # 120 days before 2026-06-10 … 06-20
        stage = lead_stages[n % len(lead_stages)]
        lead = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": f"线索{n}",
                                "stage": "intent" if stage == "on_hold" else stage, "stage_date": day.isoformat()})
        if stage == "on_hold":
            ws.leads.advance(lead, "on_hold", day.isoformat(), "投资方暂缓")
    for pid in pids[2::3][4:7]:    # producing, effective, stalled: a problem makes a light yellow, never red
        ws.projects.add_problem(pid, "用地", "土地证办理中")
    checked = 0
    for today in (dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 6, 15), dt.date(2026, 6, 18),
                  dt.date(2026, 8, 31), dt.date(2026, 9, 1), dt.date(2027, 3, 1), dt.date(2026, 12, 15)):
        every = reminders.lights(ws, today=today)
        red = [x for x in every if x.colour == "red"]
        assert reminders.lights(ws, today=today, colours=("red",)) == red, today
        projects = [x for x in red if x.table == "projects"]
        assert reminders.lights(ws, today=today, colours=("red",), tables=("projects",)) == projects
        checked += len(red)
        some = [x.row_id for x in every[::3]]
        assert reminders.lights(ws, today=today, ids=some) == [x for x in every if x.row_id in set(some)]
    assert 0 < checked < 8 * (len(pids) + 11)    # red and not red on every day checked


def test_open_follow_ups_are_counted_from_their_own_indexes(ws, unit_id, company_id, staff_id):
    """The counts and the oldest read the partial indexes of open follow-ups (migration 0014),
    not every visit or lead due by today: the planner must see their terms as written."""
    _many_followups(ws, unit_id, company_id, staff_id)
    plans = []
    with ws.read() as s:
        if s.bind.dialect.name != "sqlite":
            pytest.skip("SQLite's planner and its partial indexes")
        from sqlalchemy import func, select
        from zsdesk.db.models import Lead, Visit

        for table, due, columns, conds in reminders._followup_sources(None, None, None):
            model = Visit if table == "visits" else Lead
            for q in (select(model.unit_id, func.count()).where(*conds, due <= ws.today()).group_by(model.unit_id),
                      columns.where(*conds, due < ws.today()).order_by(due).limit(10)):
                sql = str(q.compile(dialect=s.bind.dialect, compile_kwargs={"literal_binds": True}))
                plans.append(" ".join(r[-1] for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)))
    assert all("ix_visits_open_due" in p for p in plans[:2]), plans
    assert all("ix_leads_open_followup" in p for p in plans[2:]), plans
