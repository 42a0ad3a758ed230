"""The one log file: where it is (user log folder; beside the data in portable
mode or with ZSDESK_DATA_DIR), owner-only, rotating, written by the command
line and the app alike."""

from __future__ import annotations

import logging
import stat
import sys

import pytest

from zsdesk import logs


@pytest.fixture
def no_overrides(tmp_path, monkeypatch):
    monkeypatch.delenv("ZSDESK_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    yield
    logs.teardown()


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG folders are Linux's")
def test_the_log_is_in_the_user_log_folder(no_overrides, tmp_path):
    assert logs.log_path() == tmp_path / "state" / "zsdesk" / "log" / "zsdesk.log"


def test_the_log_is_beside_the_data_with_zsdesk_data_dir(no_overrides, tmp_path, monkeypatch):
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "U盘" / "zsdesk"))
    assert logs.log_path() == tmp_path / "U盘" / "zsdesk" / "logs" / "zsdesk.log"


def test_the_log_is_beside_a_portable_program(no_overrides, tmp_path, monkeypatch):
    folder = tmp_path / "usb" / "zsdesk"
    folder.mkdir(parents=True)
    (folder / "zsdesk").write_bytes(b"")
    (folder / "portable").touch()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "zsdesk"))
    assert logs.log_path() == folder.resolve() / "logs" / "zsdesk.log"


def test_warnings_and_traces_go_to_an_owner_only_file_made_when_needed(no_overrides, tmp_path, monkeypatch):
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))
    path = logs.setup()
    assert logs.setup() == path  # once
    assert not path.exists()  # nothing logged yet: no file
    logging.getLogger("zsdesk.sync.exchange").warning("一条警告")
    logging.getLogger("zsdesk.sync.exchange").info("不写入：低于警告")
    try:
        raise OSError("拔出了U盘")
    except OSError:
        assert logs.write_trace("file error") == path
    text = path.read_text(encoding="utf-8")
    assert "WARNING zsdesk.sync.exchange: 一条警告" in text and "不写入" not in text
    assert "file error (zsdesk " in text and "Traceback" in text and "OSError: 拔出了U盘" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert logs.active_path() == path


def test_a_log_that_cannot_be_written_is_not_claimed(no_overrides, tmp_path, monkeypatch):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(blocker))
    logs.setup()
    assert logs.active_path() is None
    try:
        raise RuntimeError("x")
    except RuntimeError:
        assert logs.write_trace("unexpected error") is None
