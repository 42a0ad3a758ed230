"""Command-line parity (issue 12, part 4): 招商单元, 招商人员, 落户预审 and 飞地 from
``zsdesk``; ``--db`` after the command; a read command on a missing database
file says so and creates nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from zsdesk.cli import main
from zsdesk.services import open_workspace


@pytest.fixture
def city_db(tmp_path, monkeypatch):
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ZSDESK_DB", raising=False)
    db = tmp_path / "city.db"
    assert main(["--db", str(db), "init", "--role", "city", "--code", "TZ-CITY", "--name", "泰州市商务局"]) == 0
    return db


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def make_project(db, unit_code: str, name: str, investment: str) -> str:
    ws = open_workspace(str(db))
    try:
        unit = next(u.id for u in ws.reference.list_units() if u.code == unit_code)
        company = ws.companies.create({"name": f"{name}有限公司"})
        pid = ws.projects.create({"unit_id": unit, "company_id": company, "name": name,
                                  "contract_date": "2026-03-01", "contract_investment": investment})
        return ws.projects.get(pid).number
    finally:
        ws.close()


def test_units_and_staff_with_db_after_the_command(city_db, capsys):
    assert run(capsys, "unit", "add", "--code", "tx-u01", "--name", "泰兴高新区招商单元", "--db", city_db)[0] == 0
    assert run(capsys, "--db", city_db, "unit", "add", "--code", "JJ-U01", "--name", "靖江经开区招商单元")[0] == 0
    code, out, _ = run(capsys, "unit", "list", "--db", city_db)
    assert code == 0 and "TX-U01\t泰兴高新区招商单元" in out and "JJ-U01" in out
    code, out, _ = run(capsys, "staff", "add", "--name", "王磊", "--unit", "TX-U01", "--db", city_db)
    assert code == 0 and "王磊" in out
    code, out, _ = run(capsys, "staff", "list", "--unit", "TX-U01", "--db", city_db)
    assert code == 0 and "王磊\tTX-U01" in out
    code, _, err = run(capsys, "staff", "add", "--name", "李四", "--unit", "NO-SUCH", "--db", city_db)
    assert code == 2 and "找不到招商单元：NO-SUCH" in err
    code, _, err = run(capsys, "unit", "add", "--code", "TX-U01", "--name", "重复", "--db", city_db)
    assert code == 2 and "Traceback" not in err


def test_review_recommend_steps_and_list(city_db, capsys):
    assert run(capsys, "unit", "add", "--code", "TX-U01", "--name", "泰兴高新区招商单元", "--db", city_db)[0] == 0
    major = make_project(city_db, "TX-U01", "新能源电池产业园", "5亿")
    small = make_project(city_db, "TX-U01", "小型配套厂", "3000")

    code, _, err = run(capsys, "review", "recommend", small, "--date", "2026-05-01", "--db", city_db)
    assert code == 2 and "亿元以上项目" in err
    code, _, err = run(capsys, "review", "step", major, "--step", "通过", "--db", city_db)
    assert code == 2 and "没有落户预审记录" in err
    code, _, err = run(capsys, "review", "recommend", "TX-U01-2026-9999", "--db", city_db)
    assert code == 2 and "找不到项目" in err

    assert run(capsys, "review", "recommend", major, "--date", "2026-05-01", "--comment", "建议提交",
               "--db", city_db)[0] == 0
    code, _, err = run(capsys, "review", "recommend", major, "--db", city_db)
    assert code == 2 and "已在落户预审中" in err
    assert run(capsys, "review", "step", major, "--step", "联席会审查", "--date", "2026-05-10",
               "--comment", "原则同意", "--db", city_db)[0] == 0
    code, _, err = run(capsys, "review", "step", major, "--step", "joint_review", "--date", "2026-05-11",
                       "--db", city_db)
    assert code == 2 and "不能回到" in err
    assert run(capsys, "review", "step", major, "--step", "leader_review", "--date", "2026-05-12",
               "--db", city_db)[0] == 0
    code, out, _ = run(capsys, "review", "step", major, "--step", "通过", "--date", "2026-05-13", "--db", city_db)
    assert code == 0 and "通过" in out
    code, out, _ = run(capsys, "review", "list", "--db", city_db)
    assert code == 0 and major in out and "新能源电池产业园" in out and "通过\t2026-05-13" in out
    code, _, err = run(capsys, "review", "step", major, "--step", "退回", "--db", city_db)
    assert code == 2 and "预审已通过" in err


def test_referral_add_validates_ratios_and_lists(city_db, capsys):
    for code_, name in (("TX-U01", "泰兴高新区招商单元"), ("JJ-U01", "靖江经开区招商单元")):
        assert run(capsys, "unit", "add", "--code", code_, "--name", name, "--db", city_db)[0] == 0
    number = make_project(city_db, "TX-U01", "飞地合作项目", "2亿")
    code, _, err = run(capsys, "referral", "add", number, "--to", "JJ-U01", "--investment", "140%",
                       "--db", city_db)
    assert code == 2 and "比例" in err
    code, _, err = run(capsys, "referral", "add", number, "--to", "TX-U01", "--investment", "40%",
                       "--db", city_db)
    assert code == 2 and "不能相同" in err
    code, _, _ = run(capsys, "referral", "add", number, "--to", "JJ-U01", "--investment", "40%", "--tax", "30%",
                     "--score", "50%", "--date", "2026-03-05", "--db", city_db)
    assert code == 0
    code, out, _ = run(capsys, "referral", "list", "--db", city_db)
    assert code == 0 and "飞出地 靖江经开区招商单元" in out and "投资 40%" in out and "税收 30%" in out \
        and "考核分 50%" in out
    code, _, err = run(capsys, "referral", "add", number, "--to", "JJ-U01", "--investment", "40%",
                       "--db", city_db)
    assert code == 2 and "已登记共享" in err


def test_a_county_may_not_add_a_referral(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "county.db"
    assert main(["--db", str(db), "init", "--role", "county", "--code", "TX-U01", "--name", "泰兴"]) == 0
    capsys.readouterr()
    code, _, err = run(capsys, "referral", "add", "TX-U01-2026-0001", "--to", "JJ-U01", "--investment", "40%",
                       "--db", db)
    assert code == 2 and err.startswith("zsdesk: ")


@pytest.mark.parametrize("args", [
    ["stats"], ["brief", "--period", "2026-10", "--out", "{root}/b.pdf"],
    ["ledger", "export", "--kind", "visits", "--out", "{root}/v.xlsx"], ["sync", "status"],
    ["unit", "list"], ["staff", "list"], ["review", "list"], ["referral", "list"],
])
def test_a_read_command_on_a_missing_database_creates_nothing(tmp_path, capsys, monkeypatch, args):
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))
    missing = tmp_path / "nowhere" / "none.db"
    args = [a.format(root=tmp_path) for a in args]
    code, out, err = run(capsys, *args, "--db", missing)
    assert code == 2 and "找不到数据库文件" in err and str(missing) in err
    assert not missing.exists() and not missing.parent.exists()


def test_the_installed_program_says_so_too(tmp_path):
    env = {**os.environ, "ZSDESK_DATA_DIR": str(tmp_path / "data")}
    env.pop("ZSDESK_DB", None)
    missing = tmp_path / "none.db"
    done = subprocess.run([sys.executable, "-m", "zsdesk", "--db", str(missing), "stats"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 2 and "找不到数据库文件" in done.stderr and not missing.exists()
