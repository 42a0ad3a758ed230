"""``zsdesk sync …``, ``zsdesk backup`` and ``zsdesk restore`` on the command line:
exit codes (0 applied or nothing to apply, 2 refused with a one-line reason),
the ``--json`` output of import, status and conflicts, and backup/restore."""

from __future__ import annotations

import json
import sqlite3


from support import CITY
from test_sync_kit import FileDatabases, Net, dump_all, fingerprint, shared_project_net
from zsdesk.db.models import Company, Project

IMPORT_KEYS = {"status", "message", "from", "seq", "report", "warnings", "refused", "also_applied"}
REPORT_KEYS = {"tables", "new_entries", "duplicate_entries", "conflicts", "resolved_conflicts"}
TABLE_KEYS = {"created", "updated", "unchanged", "conflicts", "refused"}
PEER_KEYS = {"code", "name", "role", "enrolled", "fingerprint", "last_received_seq", "last_received_at",
             "last_sent_seq", "acknowledged_upto", "acknowledged_data_at", "refused_by_peer", "clock_warning",
             "reference_version", "setup_issued_at", "awaiting_enrolment", "revoked_keys"}
CONFLICT_KEYS = {"id", "table", "row_id", "field", "versions", "winner", "status"}


def refused_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("zsdesk: "), err
    return lines[0]


def test_sync_commands_exit_codes_and_json(databases, tmp_path, cli):
    city_url, tx_url = databases.url("city"), databases.url("tx")
    box, setup = tmp_path / "box", tmp_path / "setup-tx.json"
    assert cli("--db", city_url, "init", "--role", "city", "--code", CITY["code"], "--name", CITY["name"])[0] == 0
    city = databases.workspace(city_url)
    city.reference.units.create({"code": "TX-U01", "name": "泰兴高新区招商单元"})

    code, _, err = cli("--db", city_url, "sync", "setup-file", "--for", "XX-U09", "--out", setup)
    assert code == 2 and "没有代码为“XX-U09”的招商单元" in refused_line(err)
    code, out, _ = cli("--db", city_url, "sync", "setup-file", "--for", "TX-U01", "--out", setup)
    assert code == 0 and "已生成入网文件" in out and setup.exists()
    code, out, _ = cli("--db", tx_url, "sync", "join", setup)
    assert code == 0 and "市级密钥指纹" in out and fingerprint(city) in out
    code, _, err = cli("--db", tx_url, "sync", "join", setup)
    assert code == 2 and "已初始化" in refused_line(err)
    tampered = tmp_path / "tampered.json"
    tampered.write_text(setup.read_text(encoding="utf-8").replace("泰兴高新区", "泰兴高薪区"), encoding="utf-8")
    code, _, err = cli("--db", databases.url("other"), "sync", "join", tampered)
    assert code == 2 and "入网文件签名无效" in refused_line(err)

    tx = databases.workspace(tx_url)
    tx.companies.create({"name": "命令行测试有限公司"})
    code, out, _ = cli("--db", tx_url, "sync", "export", "--out", box)
    assert code == 0
    path = out.strip().splitlines()[-1]
    assert path.endswith("TX-U01-TZ-CITY-1.zsync")

    # first import: the setup file's secret enrols the county; a fingerprint given is checked
    # against the one computed from the key in the file
    code, _, err = cli("--db", city_url, "sync", "import", path, "--trust", "00:11:22")
    line = refused_line(err)
    assert code == 2 and "密钥指纹不符" in line and fingerprint(tx) in line
    code, out, _ = cli("--db", city_url, "sync", "import", path, "--trust", fingerprint(tx), "--dry-run", "--json")
    preview = json.loads(out)
    assert code == 0 and preview["status"] == "preview" and set(preview) == IMPORT_KEYS
    code, out, _ = cli("--db", city_url, "sync", "import", path, "--json")
    result = json.loads(out)
    assert code == 0 and set(result) == IMPORT_KEYS
    assert (result["status"], result["from"], result["seq"]) == ("applied", "TX-U01", 1)
    assert set(result["report"]) == REPORT_KEYS
    assert set(result["report"]["tables"]["companies"]) == TABLE_KEYS
    assert result["report"]["tables"]["companies"]["created"] == 1
    assert result["refused"] == [] and result["warnings"] == [] and result["also_applied"] == []
    assert result["report"] == preview["report"]
    # again: nothing to apply, exit 0, and it says so
    code, out, _ = cli("--db", city_url, "sync", "import", path, "--json")
    again = json.loads(out)
    assert code == 0 and again["status"] == "already" and again["report"] is None and set(again) == IMPORT_KEYS
    code, out, _ = cli("--db", city_url, "sync", "import", path)
    assert code == 0 and "已导入过" in out

    # refused files: one line, exit 2
    garbage = tmp_path / "garbage.zsync"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = cli("--db", city_url, "sync", "import", garbage, "--json")
    assert code == 2 and "这不是招商桌面的同步文件（.zsync）" in refused_line(err)
    code, _, err = cli("--db", city_url, "sync", "import", tmp_path / "missing.zsync")
    assert code == 2 and "无法读取文件" in refused_line(err)
    code, _, err = cli("--db", city_url, "sync", "export", "--out", box)
    assert code == 2 and "请用 --to 指定站点代码" in refused_line(err)

    # the city answers; the county's status shows the acknowledgement
    code, out, _ = cli("--db", city_url, "sync", "export", "--to", "TX-U01", "--out", box)
    assert code == 0
    code, out, _ = cli("--db", tx_url, "sync", "import", out.strip())
    assert code == 0 and "没有新数据" in out   # nothing new for TX yet: the acknowledgement only
    code, out, _ = cli("--db", tx_url, "sync", "status")
    assert code == 0 and "已收到截至" in out and "TZ-CITY" in out
    assert f"密钥指纹 {fingerprint(tx)}" in out   # the county sees its own fingerprint
    code, out, _ = cli("--db", city_url, "sync", "status", "--json")
    status = json.loads(out)
    assert code == 0 and set(status) == {"site", "peers", "pending"}
    assert status["site"] == {"id": city.site.id, "code": "TZ-CITY", "name": CITY["name"], "role": "city",
                              "fingerprint": fingerprint(city)}
    [peer] = status["peers"]
    assert set(peer) == PEER_KEYS
    assert (peer["code"], peer["role"], peer["enrolled"], peer["last_received_seq"], peer["last_sent_seq"]) == (
        "TX-U01", "county", True, 1, 1)
    assert peer["fingerprint"] == fingerprint(tx) and status["pending"] == []
    code, out, _ = cli("--db", city_url, "sync", "conflicts", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = cli("--db", city_url, "sync", "conflicts")
    assert code == 0 and "没有待处理的冲突" in out
    code, out, _ = cli("--db", tx_url, "sync", "export", "--out", box, "--no-encrypt")
    assert code == 0 and out.strip().endswith("TX-U01-TZ-CITY-2.zsync")


def test_conflicts_json_and_resolve_on_the_command_line(databases, tmp_path, cli):
    net = shared_project_net(databases, tmp_path)
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    pid = net.ids["project"]
    tx.projects.update(pid, {"notes": "泰兴的说明"})
    with jj.write() as w:
        w.update(Project, pid, {"notes": "靖江的说明"}, allow_foreign=True)
    net.round_trip()
    code, out, _ = cli("--db", city.db.url, "sync", "conflicts", "--json")
    [c] = json.loads(out)
    assert code == 0 and set(c) == CONFLICT_KEYS
    assert (c["table"], c["row_id"], c["field"], c["status"]) == ("projects", pid, "notes", "open")
    assert c["winner"] == c["versions"][0]
    assert {v["value"] for v in c["versions"]} == {"泰兴的说明", "靖江的说明"}
    assert all(set(v) == {"token", "site", "hlc", "value", "site_name"} for v in c["versions"])
    code, out, _ = cli("--db", city.db.url, "sync", "conflicts")
    assert code == 0 and c["id"] in out and "自动采用" in out
    code, _, err = cli("--db", city.db.url, "sync", "resolve", c["id"], "--keep", "theirs")
    assert code == 2 and "本站点不能修改该字段" in refused_line(err)
    code, _, err = cli("--db", tx.db.url, "sync", "resolve", "no-such-id")
    assert code == 2 and "冲突不存在" in refused_line(err)
    [tx_conflict] = json.loads(cli("--db", tx.db.url, "sync", "conflicts", "--json")[1])
    code, out, _ = cli("--db", tx.db.url, "sync", "resolve", tx_conflict["id"], "--keep", "mine")
    assert code == 0 and "冲突已处理" in out
    assert json.loads(cli("--db", tx.db.url, "sync", "conflicts", "--json")[1]) == []
    code, _, err = cli("--db", tx.db.url, "sync", "resolve", tx_conflict["id"])
    assert code == 2 and "已解决" in refused_line(err)
    net.round_trip()
    for ws in (tx, jj, city):
        assert json.loads(cli("--db", ws.db.url, "sync", "conflicts", "--json")[1]) == []
        with ws.read() as s:
            assert s.get(Project, pid).notes == "泰兴的说明"


def test_backup_then_restore_brings_the_old_state_back(tmp_path, cli):
    """SQLite only: backup and restore copy database files."""
    dbs = FileDatabases(tmp_path / "sites")
    net = Net(dbs, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    first = tx.companies.create({"name": "备份前的企业有限公司"})
    net.up("TX-U01")
    city_db = city.db.path
    saved_state = dump_all(city)
    backup = tmp_path / "backups-by-hand" / "city-backup.db"
    code, out, _ = cli("--db", city_db, "backup", "--out", backup)
    assert code == 0 and str(backup) in out and backup.exists()
    code, _, err = cli("--db", city_db, "backup", "--out", backup)
    assert code == 2 and "文件已存在" in refused_line(err)

    # later work at the city: a second file from TX
    later = tx.companies.create({"name": "备份后的企业有限公司"})
    second = net.export(tx)
    assert net.imp(city, second).status == "applied"
    changed_state = dump_all(city)
    assert changed_state != saved_state
    # the app stays open on the database meanwhile (an idle connection in its pool)
    app = city
    assert app.reference.list_units()

    code, out, err = cli("--db", city_db, "restore", backup)
    assert code == 0 and "已恢复" in out, err
    kept = out.strip().split("已另存为：")[-1]
    assert dump_all(app) == saved_state          # the open app sees the restored data …
    app.close()
    restored = dbs.workspace(f"sqlite:///{city_db}")
    assert dump_all(restored) == saved_state     # … and so does the next start
    with restored.read() as s:
        assert s.get(Company, first) is not None and s.get(Company, later) is None
    # the database as it was before the restore is kept
    before_restore = dbs.workspace(f"sqlite:///{kept}")
    assert dump_all(before_restore) == changed_state
    # and the restored city takes TX's second file again
    assert net.imp(restored, second).status == "applied"
    with restored.read() as s:
        assert s.get(Company, later) is not None

    # things that are not zsdesk backups are refused
    not_db = tmp_path / "not-a-db.db"
    not_db.write_bytes(b"hello" * 1000)
    code, _, err = cli("--db", city_db, "restore", not_db)
    assert code == 2 and "不是有效的备份文件" in refused_line(err)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    code, _, err = cli("--db", city_db, "restore", other)
    assert code == 2 and "不是 zsdesk 的备份文件" in refused_line(err)
    code, _, err = cli("--db", city_db, "restore", tmp_path / "missing.db")
    assert code == 2 and "找不到备份文件" in refused_line(err)
    dbs.close_all()
