"""Qt's own texts follow the interface language (standard buttons, the file
dialog), and an installed program loads the translations compiled at build time
instead of compiling at start."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from zsdesk.ui import i18n

pytestmark = pytest.mark.usefixtures("isolated_settings")

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


@pytest.fixture
def language(qapp, tmp_path):
    """Install a language's translators; Chinese again afterwards."""
    def use(code: str) -> str:
        return i18n.install_translators(qapp, code, cache=tmp_path / "cache")

    yield use
    i18n.install_translators(qapp, "zh_CN", cache=tmp_path / "cache")


def _button_texts(qtbot) -> list[str]:
    box = QDialogButtonBox(OK_CANCEL)
    qtbot.addWidget(box)
    return [box.button(b).text() for b in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel)]


def _file_dialog_labels(qtbot) -> dict[str, str]:
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)   # Qt's own dialog, as on Linux
    qtbot.addWidget(dialog)
    return {label.objectName(): label.text() for label in dialog.findChildren(QLabel) if label.objectName()}


def test_standard_buttons_are_chinese_in_the_chinese_ui_and_english_in_the_english_ui(qtbot, language):
    assert language("zh_CN") == "zh_CN"
    assert _button_texts(qtbot) == ["确定", "取消"]
    assert language("en") == "en"
    assert _button_texts(qtbot) == ["OK", "Cancel"]
    assert language("zh_CN") == "zh_CN"
    assert _button_texts(qtbot) == ["确定", "取消"]


def test_the_file_dialog_speaks_chinese_in_the_chinese_ui(qtbot, language):
    language("zh_CN")
    labels = _file_dialog_labels(qtbot)
    # "查找范围"/"文件类型" come from our supplement (Qt 6's catalogue lacks the new "&Look in:")
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    assert labels["fileNameLabel"].startswith("文件名")       # straight from qtbase_zh_CN
    language("en")
    labels = _file_dialog_labels(qtbot)
    assert (labels["lookInLabel"], labels["fileTypeLabel"]) == ("&Look in:", "Files of &type:")


def test_qt_translations_are_found_where_pyside6_keeps_them():
    dirs = i18n.qt_translation_dirs()
    assert dirs and any((d / "qtbase_zh_CN.qm").is_file() for d in dirs)


# --- shipped .qm or a compile at start ---------------------------------------------------------------------------

def _lay_out(root, folder_name: str, *, source_tree: bool):
    """A copy of resources/translations under ``root/<folder_name>``, with a shipped
    .qm that is OLDER than its .ts (as file times out of an installer may be)."""
    ts_src = i18n.ts_path("en")
    folder = root / folder_name / "translations"
    folder.mkdir(parents=True)
    ts = folder / "zsdesk_en.ts"
    shutil.copy(ts_src, ts)
    lrelease = i18n.find_tool("lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is needed to make the shipped .qm")
    import subprocess

    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    old = ts.stat().st_mtime - 3600
    os.utime(ts.with_suffix(".qm"), (old, old))
    if source_tree:
        (root / "zsdesk").mkdir()
        (root / "zsdesk" / "__init__.py").write_text("", encoding="utf-8")
    return ts


def test_an_installed_program_loads_the_shipped_qm_without_lrelease(tmp_path, monkeypatch):
    ts = _lay_out(tmp_path / "site-packages", "zsdesk_resources", source_tree=False)
    monkeypatch.setattr(i18n, "ts_path", lambda language, catalogue="zsdesk": ts)
    monkeypatch.setattr(i18n, "find_tool", lambda name: pytest.fail("no compile in an installed program"))
    assert i18n.compiled_qm("en", cache=tmp_path / "cache") == ts.with_suffix(".qm")
    assert not (tmp_path / "cache").exists()


def test_a_source_checkout_compiles_a_translation_edited_since_the_build(tmp_path, monkeypatch):
    ts = _lay_out(tmp_path / "checkout", "resources", source_tree=True)
    monkeypatch.setattr(i18n, "ts_path", lambda language, catalogue="zsdesk": ts)
    qm = i18n.compiled_qm("en", cache=tmp_path / "cache")
    assert qm == tmp_path / "cache" / "zsdesk_en.qm" and qm.is_file()
    # once the shipped .qm is current again it is used as it is
    os.utime(ts.with_suffix(".qm"), None)
    os.utime(ts, (ts.stat().st_mtime - 10, ts.stat().st_mtime - 10))
    assert i18n.compiled_qm("en", cache=tmp_path / "other") == ts.with_suffix(".qm")


def test_a_frozen_bundle_counts_as_installed(tmp_path, monkeypatch):
    ts = _lay_out(tmp_path / "bundle", "resources", source_tree=True)   # _MEIPASS holds zsdesk/ too
    monkeypatch.setattr(i18n.sys, "frozen", True, raising=False)
    monkeypatch.setattr(i18n, "ts_path", lambda language, catalogue="zsdesk": ts)
    assert i18n.compiled_qm("en", cache=tmp_path / "cache") == ts.with_suffix(".qm")


def test_the_bundle_carries_qt_translations_and_every_compiled_catalogue():
    import sys
    from pathlib import Path

    installers = Path(__file__).resolve().parent.parent / "installers"
    sys.path.insert(0, str(installers))
    try:
        import layout
    finally:
        sys.path.remove(str(installers))
    linux, windows = layout.declared_files(), layout.declared_files(windows=True)
    assert "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm" in linux
    assert "_internal/PySide6/translations/qtbase_zh_CN.qm" in windows
    for name in ("zsdesk_en", "qtbase_extra_zh_CN"):
        assert f"_internal/resources/translations/{name}.qm" in linux
    spec = (installers / "zsdesk.spec").read_text(encoding="utf-8")
    assert "layout.translation_sources(REPO)" in spec
