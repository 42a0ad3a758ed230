"""Many county files as one action (issue 15): ``zsdesk sync import PATH...`` with a
folder of three counties' files, one of them tampered with and a pair whose names
say the opposite of their order. Real SQLite files, the real sync core and the real
command line; the outcome is read back from the city's database."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select

from test_sync_kit import Net, clone_database, dump_all, read_zip, write_zip
from zsdesk.db.engine import backups_of
from zsdesk.db.models import Company
from zsdesk.sync import exchange, folder


@pytest.fixture
def backend() -> str:
    """A city on a desktop: SQLite files, backups beside them."""
    return "sqlite"


def company_names(ws) -> set[str]:
    with ws.read() as s:
        return set(s.scalars(select(Company.name)))


@pytest.fixture
def county_files(databases, tmp_path):
    """(the city as restored from a backup taken after a first round, the folder of
    files it is to import, what they hold). In the folder: TX's files 2 and 3 (3 built
    on the city's acknowledgement of 2; named so that their names sort the other way),
    JJ's file 2 with one date changed after it was signed, XH's file 1 (imported
    before the backup) and 2, and a note that is no sync file."""
    net = Net(databases, tmp_path, codes=("TX-U01", "JJ-U01", "XH-U01"))
    city, tx, jj, xh = net.city, net["TX-U01"], net["JJ-U01"], net["XH-U01"]
    box = tmp_path / "县区文件"
    box.mkdir()
    net.up("TX-U01")
    net.up("JJ-U01")
    xh.companies.create({"name": "兴化第1号文件有限公司"})
    xh_first = net.export(xh)
    net.imp(city, xh_first)
    for code in ("TX-U01", "JJ-U01", "XH-U01"):
        net.down(code)
    restored = clone_database(databases, city, "city_restored")
    for n, name in ((2, "泰兴-b.zsync"), (3, "泰兴-a.zsync")):
        tx.companies.create({"name": f"泰兴第{n}号文件有限公司"})
        path = net.export(tx)
        assert path.name == f"TX-U01-TZ-CITY-{n}.zsync"
        net.imp(city, path)
        net.down("TX-U01")
        shutil.copy(path, box / name)
    company = jj.companies.create({"name": "靖江篡改测试有限公司"})
    jj.visits.create({"unit_id": net.units["JJ-U01"], "company_id": company, "visit_date": "2026-06-02"})
    entries = read_zip(net.export(jj, encrypt=False).read_bytes())
    entries["changes.jsonl"] = entries["changes.jsonl"].replace(b'"2026-06-02"', b'"2026-06-09"')
    (box / "JJ-U01-TZ-CITY-2.zsync").write_bytes(write_zip(entries))
    shutil.copy(xh_first, box / xh_first.name)
    xh.companies.create({"name": "兴化第2号文件有限公司"})
    shutil.copy(net.export(xh), box / "XH-U01-TZ-CITY-2.zsync")
    (box / "说明.txt").write_text("三个县区的同步文件", encoding="utf-8")
    return restored, box


def test_a_folder_of_county_files_is_one_import(county_files, databases, cli):
    city, box = county_files
    url = databases.url("city_restored")
    before = dump_all(city)
    backups_before = backups_of(city.db.path)

    # the preview: every file in its order, what it would do, nothing written
    code, out, err = cli("--db", url, "sync", "import", box, "--dry-run")
    assert code == 2, err
    lines = out.splitlines()
    files = [line for line in lines if line.startswith("[")]
    assert [f.split("]")[1].split("：")[0].strip() for f in files] == [
        "JJ-U01-TZ-CITY-2.zsync（JJ-U01 第2号）", "泰兴-b.zsync（TX-U01 第2号）", "泰兴-a.zsync（TX-U01 第3号）",
        "XH-U01-TZ-CITY-1.zsync（XH-U01 第1号）", "XH-U01-TZ-CITY-2.zsync（XH-U01 第2号）"]
    assert "已拒绝" in files[0] and "changes.jsonl 的校验值与清单不符" in files[0]
    assert "将导入 — 将新增" in files[1]
    assert "接在本批 TX-U01 第2号文件之后导入" in files[2]
    assert "此前已导入" in files[3]
    assert "将导入 — 将新增" in files[4]
    assert any(line.startswith("跳过 ") and "说明.txt" in line and "不是 .zsync 同步文件" in line for line in lines)
    assert "合计（预览，未写入）：5个文件，将导入3个，此前已导入1个，将等待之前的文件0个，将被拒绝1个" in out
    assert dump_all(city) == before and backups_of(city.db.path) == backups_before

    # the import: each file in turn; the tampered one refused, the others all in
    code, out, err = cli("--db", url, "sync", "import", box)
    assert code == 2, err
    files = [line for line in out.splitlines() if line.startswith("[")]
    assert len(files) == 5
    assert files[0].startswith("[1/5] JJ-U01-TZ-CITY-2.zsync（JJ-U01 第2号）：已拒绝 — ")
    assert files[1].startswith("[2/5] 泰兴-b.zsync（TX-U01 第2号）：已导入 — 已新增")
    assert files[2].startswith("[3/5] 泰兴-a.zsync（TX-U01 第3号）：已导入 — 已新增")   # not via the queue
    assert files[3].startswith("[4/5] XH-U01-TZ-CITY-1.zsync（XH-U01 第1号）：此前已导入 — ")
    assert files[4].startswith("[5/5] XH-U01-TZ-CITY-2.zsync（XH-U01 第2号）：已导入 — 已新增")
    assert "合计：5个文件，已导入3个，此前已导入1个，等待之前的文件0个，拒绝1个" in out
    assert "跳过1个文件（原因见上）" in out
    names = company_names(city)
    assert {"泰兴第2号文件有限公司", "泰兴第3号文件有限公司", "兴化第2号文件有限公司"} <= names
    assert "靖江篡改测试有限公司" not in names
    assert exchange.pending(city) == []
    # one import session: one backup for the four files
    assert len(backups_of(city.db.path)) == len(backups_before) + 1

    # again, as JSON, files named one by one in the wrong order: nothing new, the
    # tampered file still refused, exit 2; without it, exit 0
    tx_files = [box / "泰兴-a.zsync", box / "泰兴-b.zsync"]
    code, out, _ = cli("--db", url, "sync", "import", *tx_files, box / "JJ-U01-TZ-CITY-2.zsync", "--json")
    result = json.loads(out)
    assert code == 2
    assert [(f["from"], f["seq"], f["status"]) for f in result["files"]] == [
        ("JJ-U01", 2, "refused"), ("TX-U01", 2, "already"), ("TX-U01", 3, "already")]
    assert result["files"][0]["code"] == "hash" and result["skipped"] == []
    assert result["total"]["refused"] == 1 and result["total"]["already"] == 2
    code, out, _ = cli("--db", url, "sync", "import", *tx_files)
    assert code == 0 and "合计：2个文件，已导入0个，此前已导入2个" in out


def test_an_earlier_file_missing_leaves_the_later_one_waiting(county_files, databases, cli):
    city, box = county_files
    url = databases.url("city_restored")
    code, out, _ = cli("--db", url, "sync", "import", box / "泰兴-a.zsync", box / "XH-U01-TZ-CITY-2.zsync")
    assert code == 0
    assert "泰兴-a.zsync（TX-U01 第3号）：等待之前的文件" in out
    assert "合计：2个文件，已导入1个，此前已导入0个，等待之前的文件1个，拒绝0个" in out
    [waiting] = exchange.pending(city)
    assert waiting.seq == 3
    # the missing file arrives with the folder: the queued one goes in after it
    code, out, _ = cli("--db", url, "sync", "import", box / "泰兴-b.zsync", box / "XH-U01-TZ-CITY-1.zsync")
    assert code == 0 and "等待队列中的文件已自动导入：TX-U01 第3号" in out
    assert "等待队列中另有1个文件随之导入" in out
    assert exchange.pending(city) == []
    assert "泰兴第3号文件有限公司" in company_names(city)


def test_nothing_to_import_and_bad_paths_are_said_plainly(county_files, databases, cli, tmp_path):
    city, _box = county_files
    url = databases.url("city_restored")
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    (empty / "表格.xlsx").write_bytes(b"PK")
    code, out, err = cli("--db", url, "sync", "import", empty, tmp_path / "没有这个文件.zsync")
    assert code == 2 and "跳过" in out and "表格.xlsx" in out and "找不到该文件" in out
    assert err.strip() == "zsdesk: 已拒绝：所给的文件和文件夹中没有可导入的 .zsync 同步文件"
    # a file that is not a package at all, named with others: refused, the others go on
    junk = tmp_path / "坏文件.zsync"
    junk.write_bytes(b"not a zip")
    plan = folder.plan(city, [junk, _box / "XH-U01-TZ-CITY-2.zsync"])
    assert [f.path.name for f in plan.files] == ["XH-U01-TZ-CITY-2.zsync", "坏文件.zsync"]
    outcomes = folder.apply(city, plan)
    assert [o.status for o in outcomes] == ["applied", "refused"]
    assert outcomes[1].message and "Traceback" not in outcomes[1].message


def test_the_window_gets_the_folder_import_as_frozen_plain_values(county_files):
    from test_architecture import assert_plain
    from zsdesk.app.sync import import_folder, preview_folder

    city, box = county_files
    steps: list[tuple[int, int, str]] = []
    shown = preview_folder(city, str(box), lambda *a: steps.append(a))
    assert_plain(shown, "preview_folder")
    assert not shown.applied and len(shown.files) == 5 and shown.skipped == (("说明.txt", "不是 .zsync 同步文件，已跳过"),)
    assert steps[-1][:2] == (5, 5)
    done = import_folder(city, str(box), shown.paths)
    assert_plain(done, "import_folder")
    assert done.applied and done.count("applied") == 3 and done.count("refused") == 1
    [tx2] = [f for f in done.files if f.sender == "TX-U01" and f.seq == 2]
    assert (tx2.status, tx2.created, tx2.refused_rows) == ("applied", 1, 0)


def test_a_new_countys_fingerprint_is_used_for_its_own_file_only(databases, tmp_path, cli):
    """A county whose first file waits for its key's fingerprint: refused without it
    (the other county's file still goes in), imported with ``--trust``."""
    from test_sync_kit import fingerprint

    net = Net(databases, tmp_path, codes=("JJ-U01",))
    city = net.city
    city.reference.units.create({"code": "TX-U01", "name": "泰兴高新区招商单元"})
    setup = exchange.make_setup_file(city, "TX-U01", tmp_path / "setup-tx.json", confirm_fingerprint=True)
    tx = databases.workspace(databases.url("tx"))
    exchange.join(tx, setup)
    box = tmp_path / "box2"
    box.mkdir()
    tx.companies.create({"name": "泰兴指纹测试有限公司"})
    net["JJ-U01"].companies.create({"name": "靖江指纹测试有限公司"})
    net.export(tx, out=box)
    net.export(net["JJ-U01"], out=box)
    url = databases.url("city")
    code, out, _ = cli("--db", url, "sync", "import", box)
    assert code == 2
    assert "[1/2] JJ-U01-TZ-CITY-1.zsync（JJ-U01 第1号）：已导入" in out
    assert f"[2/2] TX-U01-TZ-CITY-1.zsync：已拒绝 — 站点“TX-U01 泰兴高新区招商单元”首次导入，请与对方核对密钥指纹 " \
           f"{fingerprint(tx)}" in out
    code, out, _ = cli("--db", url, "sync", "import", box, "--trust", "00:11", "--trust", fingerprint(tx))
    assert code == 0 and "TX-U01-TZ-CITY-1.zsync（TX-U01 第1号）：已导入" in out and "此前已导入1个" in out
    assert {"泰兴指纹测试有限公司", "靖江指纹测试有限公司"} <= company_names(city)
