"""The typed settings of zsdesk.ui.options: defaults, a round trip of each kind,
corrupt stored values falling back to the default, and the 设置 page working
through them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSettings

from zsdesk.ui import i18n, options

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]


@pytest.fixture
def backend() -> str:
    return "sqlite"


def _bound(option: options.Option) -> options.Option:
    return option.of("visits") if "{}" in option.key else option


def _write_ini(lines: str) -> None:
    """Write the settings file by hand, as a text editor (or a crash half-way) would."""
    from pathlib import Path

    path = Path(QSettings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(lines, encoding="utf-8")


# --- the registry -------------------------------------------------------------------------------------------

def test_every_option_is_declared_once_with_a_docstring_and_its_old_key():
    keys = {key: type(o).__name__ for key, o in options.REGISTRY.items()}
    assert keys == {
        "ui/language": "ChoiceOption", "user/{}/staff_id": "TextOption", "window/geometry": "BytesOption",
        "lists/{}/widths": "JsonOption", "lists/{}/hidden": "JsonOption", "lists/{}/sort": "JsonOption",
        "sync/export_folder": "FolderOption", "sync/import_folder": "FolderOption",
        "sync/backup_folder": "FolderOption", "reports/folder": "FolderOption",
        "reports/ledger_folder": "FolderOption",
    }
    assert all(len(o.__doc__ or "") > 20 for o in options.REGISTRY.values())
    assert set(options.language.choices) == set(i18n.LANGUAGES)
    assert options.language.default == i18n.SOURCE_LANGUAGE


def test_defaults_when_nothing_is_stored():
    for option in options.REGISTRY.values():
        value = _bound(option).get()
        if isinstance(option, options.BytesOption):
            assert value.isEmpty()
        else:
            assert value == option.default, option
        assert not _bound(option).is_set()
    assert options.language.get() == "zh_CN" and i18n.current_language() == "zh_CN"
    assert options.export_folder.get() == ""
    assert options.list_widths.of("leads").get() == {} and options.list_sort.of("leads").get() is None


def test_a_default_is_never_shared_with_the_caller():
    widths = options.list_widths.of("visits").get()
    widths["place"] = 99
    assert options.list_widths.of("visits").get() == {}
    assert options.list_widths.default == {}


def test_a_family_needs_its_member():
    with pytest.raises(TypeError):
        options.list_widths.get()
    with pytest.raises(TypeError):
        options.language.of("x")
    assert options.list_widths.of("leads").key == "lists/leads/widths"
    assert options.my_staff.of("site-1").key == "user/site-1/staff_id"


# --- round trips --------------------------------------------------------------------------------------------

def test_round_trip_of_each_kind(tmp_path):
    options.language.set("en")
    assert options.language.get() == "en" and QSettings().value("ui/language") == "en"

    options.my_staff.of("s1").set("staff-42")
    assert options.my_staff.of("s1").get() == "staff-42" and options.my_staff.of("s2").get() == ""

    options.export_folder.set(tmp_path / "U盘")             # a Path is kept as text
    assert options.export_folder.get() == str(tmp_path / "U盘")
    assert QSettings().value("sync/export_folder") == str(tmp_path / "U盘")

    blob = QByteArray(b"\x01\xd9\xd0\xcb\x00\x03geometry\xff")
    options.window_geometry.set(blob)
    assert options.window_geometry.get() == blob

    options.list_widths.of("visits").set({"place": 333, "名称": 120})
    assert options.list_widths.of("visits").get() == {"place": 333, "名称": 120}
    options.list_hidden.of("visits").set(["people", "owner"])
    assert options.list_hidden.of("visits").get() == ["people", "owner"]
    options.list_sort.of("visits").set(("visit_date", True))
    assert options.list_sort.of("visits").get() == ("visit_date", True)
    assert options.list_widths.of("leads").get() == {}        # each list keeps its own

    # the stored text is what earlier versions wrote (a user's settings carry over)
    assert QSettings().value("lists/visits/sort") == '["visit_date", true]'

    options.list_widths.of("visits").reset()
    assert not options.list_widths.of("visits").is_set() and options.list_widths.of("visits").get() == {}


def test_values_written_by_hand_as_text_are_read_back_typed(tmp_path):
    _write_ini('[ui]\nlanguage=en\n[lists]\nvisits\\widths="{\\"place\\": 200}"\n'
               f'[sync]\nexport_folder={tmp_path.as_posix()}\n')
    assert options.language.get() == "en"
    assert options.list_widths.of("visits").get() == {"place": 200}
    assert options.export_folder.get() == tmp_path.as_posix()


def test_setting_a_value_of_the_wrong_shape_is_refused():
    with pytest.raises(ValueError):
        options.language.set("fr")
    with pytest.raises(ValueError):
        i18n.set_language("fr")
    with pytest.raises(ValueError):
        options.list_widths.of("visits").set({"place": -5})
    with pytest.raises(TypeError):
        options.list_hidden.of("visits").set([1, 2])
    with pytest.raises(TypeError):
        options.export_folder.set(42)
    assert not options.language.is_set() and not options.list_widths.of("visits").is_set()


# --- corrupt values -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("key, raw, option", [
    ("ui/language", "klingon", options.language),
    ("ui/language", ["zh_CN", "en"], options.language),
    ("user/s1/staff_id", ["a", "b"], options.my_staff.of("s1")),
    ("window/geometry", "not bytes at all", options.window_geometry),
    ("lists/visits/widths", "{not json", options.list_widths.of("visits")),
    ("lists/visits/widths", '{"place": "wide"}', options.list_widths.of("visits")),
    ("lists/visits/widths", "[1, 2]", options.list_widths.of("visits")),
    ("lists/visits/hidden", '{"people": 1}', options.list_hidden.of("visits")),
    ("lists/visits/sort", '["visit_date"]', options.list_sort.of("visits")),
    ("lists/visits/sort", '["visit_date", "yes"]', options.list_sort.of("visits")),
    ("sync/export_folder", ["D:/U盘", "E:/"], options.export_folder),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_corrupt_stored_value_falls_back_to_the_default(key, raw, option, caplog):
    QSettings().setValue(key, raw)
    value = option.get()
    if isinstance(option, options.BytesOption):
        assert value.isEmpty()
    else:
        assert value == option.default
    assert key in caplog.text and "unusable" in caplog.text


def test_a_hand_broken_settings_file_does_not_stop_anything():
    # a stray comma makes a list, a half-written line, quotes that do not close
    _write_ini('[ui]\nlanguage=en, zh_CN\n[lists]\nvisits\\widths="{\\"place\\": 2\nvisits\\sort=\n'
               '[window]\ngeometry=@ByteArray(\n')
    assert options.language.get() == "zh_CN" and i18n.current_language() == "zh_CN"
    assert options.list_widths.of("visits").get() == {}
    assert options.list_sort.of("visits").get() is None
    assert isinstance(options.window_geometry.get(), QByteArray)


def test_the_start_folder_skips_a_folder_that_is_gone(tmp_path):
    from pathlib import Path

    stick, kept = tmp_path / "U盘", tmp_path / "backups"
    kept.mkdir()
    options.import_folder.set(stick)          # the USB stick is not plugged in
    options.export_folder.set(kept)
    assert options.start_folder(options.import_folder, options.export_folder) == str(kept)
    assert options.start_folder(options.backup_folder) == str(Path.home())


# --- a real page through the options ---------------------------------------------------------------------------

@pytest.fixture
def settings_page(qtbot, ws, runner):
    def make():
        from zsdesk.ui.pages.settings import SettingsPage

        page = SettingsPage(ws, runner)
        qtbot.addWidget(page)
        page.resize(1200, 900)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
        return page

    return make


def test_the_settings_page_reads_and_writes_through_the_options(settings_page, ws):
    QSettings().setValue("ui/language", "klingon")      # left by who knows what
    page = settings_page()
    assert page.language_combo.currentData() == "zh_CN"
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    assert options.language.get() == "en" and QSettings().value("ui/language") == "en"

    # 本机使用人: kept per site
    assert page.staff_combo.count() > 1
    page.staff_combo.setCurrentIndex(1)
    chosen = page.staff_combo.currentData()
    assert options.my_staff.of(ws.site.id).get() == chosen
    again = settings_page()
    assert again.language_combo.currentData() == "en" and again.staff_combo.currentData() == chosen
    again.staff_combo.setCurrentIndex(0)                 # nobody: the setting is removed
    assert not options.my_staff.of(ws.site.id).is_set()
