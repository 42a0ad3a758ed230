"""Enrolment by a one-time secret (issue 10, finding 1): the city's setup file
carries a random secret made for one county; the county's first package proves
it holds the secret. Knowing a county's fingerprint (read out over the phone) is
not enough to be enrolled as that county; a setup file works once; a new setup
file for a county revokes the old laptop's key and the new laptop gets the
county's data back; fingerprints are computed from keys, never read from files."""

from __future__ import annotations

import json

from sqlalchemy import select

from support import local_state
from test_sync_kit import Net, dump_all, fingerprint, read_zip, refuse, write_zip
from zsdesk.db.models import Company, LocalState, Site, SyncPeer
from zsdesk.errors import RefusedError
from zsdesk.services import init_site
from zsdesk.sync import crypto, exchange


def _peer(city, code: str) -> SyncPeer:
    with city.read() as s:
        return s.scalar(select(SyncPeer).where(SyncPeer.code == code))


def _company_names(ws) -> set[str]:
    with ws.read() as s:
        return set(s.scalars(select(Company.name)))


def _impostor(databases, net: Net, code: str, name: str):
    """An attacker's laptop: a database of its own claiming to be county ``code``
    (it learned the site id and the city's public keys from an earlier file),
    with its own keys and no setup file."""
    victim = net[code]
    ws = databases.workspace(databases.url(f"impostor_{name}"))
    init_site(ws, role="county", code=code, name=victim.site.name, site_id=victim.site.id, own_unit=False)
    with net.city.read() as s:
        city = s.get(Site, net.city.site.id)
        city_keys = (city.public_key, city.box_key)
    with ws.read() as s:
        s.add(SyncPeer(site_id=net.city.site.id, code=net.city.site.code, name=net.city.site.name,
                       role="city", sign_key=city_keys[0], box_key=city_keys[1],
                       fingerprint=crypto.key_fingerprint(city_keys[0]), trusted=True))
    return ws


def _claim_fingerprint(path, impostor, claimed: str, *, mac: str | None = None) -> bytes:
    """The impostor writes the victim's real fingerprint (and a made-up proof) beside
    its own key in enrol.json and signs the manifest again with its own key."""
    entries = read_zip(path.read_bytes())
    enrol = json.loads(entries["enrol.json"])
    enrol["fingerprint"] = claimed
    if mac is not None:
        enrol["mac"] = mac
    entries["enrol.json"] = json.dumps(enrol, ensure_ascii=False).encode()
    manifest = json.loads(entries["manifest.json"])
    manifest["files"]["enrol.json"] = {"sha256": crypto.sha256_hex(entries["enrol.json"]),
                                       "size": len(entries["enrol.json"]), "rows": None}
    entries["manifest.json"] = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    entries["manifest.sig"] = crypto.sign(local_state(impostor)["private_key"], entries["manifest.json"]).encode()
    return write_zip(entries)


def test_knowing_a_countys_fingerprint_does_not_enrol_an_impostor(databases, tmp_path):
    net = Net(databases, tmp_path)
    city, tx = net.city, net["TX-U01"]
    real_fp = fingerprint(tx)
    impostor = _impostor(databases, net, "TX-U01", "a")
    impostor.companies.create({"name": "冒名顶替有限公司"})
    sent = net.export(impostor, encrypt=False)
    forged = tmp_path / "forged.zsync"
    with impostor.read() as s:
        own = s.get(Site, impostor.site.id)
        guessed = crypto.enrol_mac(crypto.new_enrol_secret(), tx.site.id, own.public_key, own.box_key)
    for n, mac in enumerate((None, "00" * 32, guessed)):
        forged.write_bytes(_claim_fingerprint(sent, impostor, real_fp, mac=mac))
        before = dump_all(city)
        # even a city clerk who "checked" the real fingerprint by phone does not enrol it
        exc = refuse(city, forged, trust=real_fp)
        assert exc.code in ("enrol", "trust"), (n, exc.reason)
        assert "已拒绝" in exc.reason
        assert dump_all(city) == before
    assert not _peer(city, "TX-U01").sign_key
    assert "冒名顶替有限公司" not in _company_names(city)

    # the real county is not locked out: its first file enrols it, no fingerprint to type
    tx.companies.create({"name": "泰兴真实企业有限公司"})
    result = exchange.import_package(city, net.export(tx))
    assert result.status == "applied"
    peer = _peer(city, "TX-U01")
    assert peer.sign_key == local_state_public(tx) and peer.fingerprint == real_fp
    assert "泰兴真实企业有限公司" in _company_names(city)


def local_state_public(ws) -> str:
    with ws.read() as s:
        return s.get(Site, ws.site.id).public_key


def test_a_setup_file_works_once(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    city, tx = net.city, net["TX-U01"]
    setup = tmp_path / "setup-TX-U01.json"          # the file TX joined with
    second = databases.workspace(databases.url("second_laptop"))
    exchange.join(second, setup)                    # the same file on a second laptop
    tx.companies.create({"name": "第一台电脑有限公司"})
    second.companies.create({"name": "第二台电脑有限公司"})
    assert exchange.import_package(city, net.export(tx)).status == "applied"
    before = dump_all(city)
    exc = refuse(city, net.export(second))
    assert exc.code == "enrol-used"
    assert "入网文件已经用过" in exc.reason and "重新生成入网文件" in exc.reason
    assert fingerprint(tx) in exc.reason            # the key that is enrolled, computed from it
    assert dump_all(city) == before
    # the first laptop goes on as before
    tx.companies.create({"name": "第一台电脑第二批有限公司"})
    assert exchange.import_package(city, net.export(tx)).status == "applied"
    assert "第二台电脑有限公司" not in _company_names(city)


def test_a_setup_file_made_again_before_joining_replaces_the_first(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    city = net.city
    city.reference.units.create({"code": "XH-U01", "name": "兴化招商单元"})
    old = exchange.make_setup_file(city, "XH-U01", tmp_path / "setup-old.json")
    new = exchange.make_setup_file(city, "XH-U01", tmp_path / "setup-new.json")
    stale = databases.workspace(databases.url("xh_stale"))
    exchange.join(stale, old)
    stale.companies.create({"name": "旧入网文件有限公司"})
    exc = refuse(city, net.export(stale))
    assert exc.code == "enrol" and "入网凭据不符" in exc.reason
    fresh = databases.workspace(databases.url("xh_fresh"))
    exchange.join(fresh, new)
    assert exchange.import_package(city, net.export(fresh)).status == "applied"


def test_a_city_can_still_ask_for_the_fingerprint(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    city = net.city
    city.reference.units.create({"code": "XH-U01", "name": "兴化招商单元"})
    setup = exchange.make_setup_file(city, "XH-U01", tmp_path / "setup-xh.json", confirm_fingerprint=True)
    xh = databases.workspace(databases.url("xh"))
    exchange.join(xh, setup)
    path = net.export(xh)
    exc = refuse(city, path)
    assert exc.code == "trust" and exc.fingerprint == fingerprint(xh) and "--trust" in exc.reason
    exc = refuse(city, path, trust=fingerprint(net["TX-U01"]))
    assert exc.code == "trust" and "密钥指纹不符" in exc.reason and fingerprint(xh) in exc.reason
    assert exchange.import_package(city, path, trust=fingerprint(xh)).status == "applied"


def test_a_setup_file_for_a_joined_county_needs_reissue(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    net.up("TX-U01")
    try:
        exchange.make_setup_file(net.city, "TX-U01", tmp_path / "again.json")
    except RefusedError as exc:
        assert "已于" in str(exc) and "--reissue" in str(exc) and fingerprint(net["TX-U01"]) in str(exc)
    else:
        raise AssertionError("a second setup file for an enrolled county was made without --reissue")


def test_a_new_laptop_revokes_the_old_key_and_gets_the_countys_data_back(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01", "JJ-U01"))
    city, old = net.city, net["TX-U01"]
    company = old.companies.create({"name": "旧电脑录入有限公司"})
    net.round_trip()
    old.companies.create({"name": "丢失前未同步有限公司"})
    lost_file = net.export(old)                      # made, never delivered before the laptop was lost

    setup = exchange.make_setup_file(city, "TX-U01", tmp_path / "setup-new.json", reissue=True)
    with city.read() as s:
        assert s.get(Company, company) is not None   # the data already received stays
    before = dump_all(city)
    exc = refuse(city, lost_file)
    assert exc.code == "revoked" and "作废" in exc.reason and "已收到的数据保留" in exc.reason
    assert dump_all(city) == before

    new = databases.workspace(databases.url("tx_new_laptop"))
    exchange.join(new, setup)
    assert new.site.id == old.site.id
    new.companies.create({"name": "新电脑录入有限公司"})
    assert exchange.import_package(city, net.export(new)).status == "applied"
    peer = _peer(city, "TX-U01")
    assert peer.fingerprint == fingerprint(new) != fingerprint(old)
    # the city's answer brings the county's own records back to the new laptop
    assert exchange.import_package(new, net.export(city, to="TX-U01")).status == "applied"
    assert {"旧电脑录入有限公司", "新电脑录入有限公司"} <= _company_names(new)
    assert "丢失前未同步有限公司" not in _company_names(new)
    # an edit on the new laptop to a record made on the old one reaches the city
    new.companies.update(company, {"name": "旧电脑录入有限公司（更名）"})
    assert exchange.import_package(city, net.export(new)).status == "applied"
    assert "旧电脑录入有限公司（更名）" in _company_names(city)
    # and the old laptop stays locked out
    old.companies.create({"name": "旧电脑继续录入有限公司"})
    assert refuse(city, net.export(old)).code == "revoked"
    # the city's view of the county's keys shows the revoked one
    status = exchange.status(city)
    [tx_status] = [p for p in status["peers"] if p["code"] == "TX-U01"]
    assert tx_status["revoked_keys"] == [fingerprint(old)] and tx_status["fingerprint"] == fingerprint(new)


def test_join_shows_the_fingerprint_computed_from_the_citys_key(databases, tmp_path):
    """A setup file made by someone else, claiming the real city's fingerprint: the
    county is shown the fingerprint of the key that signed it."""
    net = Net(databases, tmp_path, codes=("TX-U01",))
    fake_city = databases.workspace(databases.url("fake_city"))
    init_site(fake_city, role="city", code="TZ-CITY", name="假冒市级")
    fake_city.reference.units.create({"code": "TX-U09", "name": "假冒单元"})
    path = exchange.make_setup_file(fake_city, "TX-U09", tmp_path / "fake.json")
    outer = json.loads(path.read_text(encoding="utf-8"))
    outer["setup"]["city"]["fingerprint"] = fingerprint(net.city)
    text = json.dumps(outer["setup"], ensure_ascii=False, sort_keys=True).encode()
    outer["sig"] = crypto.sign(local_state(fake_city)["private_key"], text)
    path.write_text(json.dumps(outer, ensure_ascii=False), encoding="utf-8")
    victim = databases.workspace(databases.url("victim"))
    info = exchange.join(victim, path)
    assert info["city"]["fingerprint"] == fingerprint(fake_city) != fingerprint(net.city)
    with victim.read() as s:
        assert s.scalar(select(SyncPeer.fingerprint).where(SyncPeer.role == "city")) == fingerprint(fake_city)
        assert s.get(LocalState, "enrol_secret") is not None
