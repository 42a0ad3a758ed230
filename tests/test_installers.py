"""The installers (installers/): what the bundle must hold, the Windows and Debian
packaging files, the double-click path (``zsdesk FILE.zsync``) and portable mode.

Most checks read the declared layout (installers/layout.py) and need no build.
The checks marked ``needs_bundle`` look at a real PyInstaller bundle: they run
when ``ZSDESK_BUNDLE`` names its folder (``tools/test.sh`` in CI builds one with
``python installers/build.py`` and runs this file again with the variable set),
and are skipped otherwise. A .deb is looked for beside the bundle (or in
``ZSDESK_DEB``).
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import zsdesk
from zsdesk.cli import split_open_file

REPO = Path(__file__).resolve().parent.parent
INSTALLERS = REPO / "installers"
ISS = INSTALLERS / "windows" / "zsdesk.iss"


def _load(name: str):
    """An installers/ module under a name of its own (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"zsdesk_installers_{name}", INSTALLERS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


layout = _load("layout")
deb = _load("deb")

BUNDLE = Path(os.environ["ZSDESK_BUNDLE"]).resolve() if os.environ.get("ZSDESK_BUNDLE") else None
needs_bundle = pytest.mark.skipif(
    BUNDLE is None,
    reason="no built bundle: run `python installers/build.py`, then set ZSDESK_BUNDLE=installers/dist/zsdesk "
           "(tools/test.sh does both when CI=true or ZSDESK_BUILD_INSTALLERS=1)")


def bundle_is_windows() -> bool:
    return BUNDLE is not None and (BUNDLE / "zsdesk.exe").exists()


# --- the declared layout ------------------------------------------------------------------------------

def test_spec_reads_the_version_from_the_package_and_the_layout_from_layout_py():
    spec = (INSTALLERS / "zsdesk.spec").read_text(encoding="utf-8")
    assert "VERSION = zsdesk.__version__" in spec
    assert "layout.data_files(REPO)" in spec and "layout.app_modules(REPO)" in spec
    assert 'hookspath=[str(HERE / "hooks")]' in spec
    assert "exclude_binaries=True" in spec  # one folder, not one file


def test_declared_layout_has_fonts_icons_translations_and_migrations():
    declared = layout.declared_files()
    internal = "_internal/"
    for rel in ("resources/fonts/wqy-microhei.ttc", "resources/fonts/LICENSE-wqy-microhei.txt",
                "resources/icons/zsdesk.png", "resources/icons/zsdesk.svg",
                "resources/translations/zsdesk_en.ts", "resources/translations/zsdesk_en.qm",
                "zsdesk/db/migrations/env.py", "zsdesk/db/migrations/script.py.mako"):
        assert internal + rel in declared
    versions = sorted(p.name for p in (REPO / "zsdesk/db/migrations/versions").glob("*.py"))
    assert versions
    for name in versions:
        assert f"{internal}zsdesk/db/migrations/versions/{name}" in declared
    # every file of resources/ goes (new templates included), with its licence beside a font
    for file in (REPO / "resources").rglob("*"):
        if file.is_file() and "__pycache__" not in file.parts:
            assert f"{internal}resources/{file.relative_to(REPO / 'resources').as_posix()}" in declared
    assert "zsdesk" in declared and "zsdesk.exe" in layout.declared_files(windows=True)


def test_migrations_travel_as_files_where_the_engine_looks_for_them():
    from zsdesk.db.engine import MIGRATIONS_DIR

    # engine.py finds them beside itself: <_MEIPASS>/zsdesk/db/migrations in the bundle
    assert MIGRATIONS_DIR == REPO / "zsdesk" / "db" / "migrations"
    dests = {dest for _src, dest in layout.data_files()}
    assert {"zsdesk/db/migrations", "zsdesk/db/migrations/versions"} <= {d.replace("\\", "/") for d in dests}
    assert not any(m.startswith("zsdesk.db.migrations") for m in layout.app_modules())


def test_every_module_is_a_hidden_import_because_pages_are_imported_by_name():
    from zsdesk.ui.pages import PAGES

    modules = set(layout.app_modules())
    for entry in PAGES:
        if (REPO / Path(*entry.module.split("."))).with_suffix(".py").exists():
            assert entry.module in modules
    assert {"zsdesk.cli", "zsdesk.ui.app", "zsdesk.ui.forms", "zsdesk.reports.brief"} <= modules


def test_every_qt_module_the_app_imports_is_kept_and_the_rest_excluded():
    used = set()
    for file in (REPO / "zsdesk").rglob("*.py"):
        used.update(re.findall(r"PySide6\.(Qt\w+)", file.read_text(encoding="utf-8")))
    assert used <= set(layout.PYSIDE_MODULES), f"add to layout.PYSIDE_MODULES: {used - set(layout.PYSIDE_MODULES)}"
    excluded = layout.excluded_pyside_modules()
    assert not {f"PySide6.{m}" for m in layout.PYSIDE_MODULES} & set(excluded)
    for heavy in ("QtQml", "QtQuick", "Qt3DCore", "QtMultimedia", "QtNetwork", "QtWebEngineCore"):
        if importlib.util.find_spec(f"PySide6.{heavy}") is not None:
            assert f"PySide6.{heavy}" in excluded


@pytest.mark.parametrize("plugin, kept", [
    ("platforms/libqxcb.so", True), ("platforms/libqoffscreen.so", True), ("platforms/qwindows.dll", True),
    ("xcbglintegrations/libqxcb-glx-integration.so", True), ("imageformats/libqjpeg.so", True),
    ("iconengines/libqsvgicon.so", True), ("platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("styles/qmodernwindowsstyle.dll", True), ("printsupport/libcupsprintersupport.so", True),
    ("platformthemes/libqgtk3.so", False), ("platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("platforms/libqwayland.so", False), ("platforms/libqeglfs.so", False), ("platforms/libqvnc.so", False),
    ("egldeviceintegrations/libqeglfs-kms-integration.so", False), ("tls/libqopensslbackend.so", False),
    ("wayland-shell-integration/libxdg-shell.so", False), ("multimedia/libffmpegmediaplugin.so", False),
])
def test_qt_plugins_kept_and_dropped(plugin, kept):
    assert layout.keep_qt_plugin(plugin) is kept


# --- the Windows installer script -------------------------------------------------------------------------

def _iss_params(line: str) -> dict[str, str]:
    """``Name: "x"; Flags: a b`` -> {"Name": "x", "Flags": "a b"} (Inno Setup's "" escape)."""
    out, key, buf, quoted, i = {}, None, [], False, 0
    while i < len(line):
        c = line[i]
        if quoted:
            if c == '"' and line[i + 1:i + 2] == '"':
                buf.append('"')
                i += 1
            elif c == '"':
                quoted = False
            else:
                buf.append(c)
        elif c == '"':
            quoted = True
        elif c == ":" and key is None:
            key, buf = "".join(buf).strip(), []
        elif c == ";":
            out[key] = "".join(buf).strip()
            key, buf = None, []
        else:
            buf.append(c)
        i += 1
    if key is not None:
        out[key] = "".join(buf).strip()
    return out


def parse_iss(path: Path = ISS) -> tuple[dict[str, str], dict[str, list]]:
    """(#defines, sections): a section is a list of lines; [Setup] lines become
    (key, value), the others dicts of parameters."""
    text = path.read_text(encoding="utf-8-sig")
    defines = dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.M))
    sections: dict[str, list] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(tuple(line.split("=", 1)) if "=" in line and ":" not in line.split("=", 1)[0]
                           and not re.match(r"^\w+:", line) else _iss_params(line))
    return defines, sections


def expand(value: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)


def iss_sources(defines, sections) -> list[tuple[str, dict]]:
    """Each [Files] Source as a path relative to the bundle folder (``*`` kept)."""
    bundle_dir = defines["BundleDir"].replace("\\", "/")
    out = []
    for entry in sections["Files"]:
        source = expand(entry["Source"], defines).replace("\\", "/")
        assert source.startswith(bundle_dir + "/"), f"{source} is not in the bundle ({bundle_dir})"
        out.append((source[len(bundle_dir) + 1:], entry))
    return out


def test_iss_is_per_user_without_admin_and_keeps_user_data():
    defines, sections = parse_iss()
    setup = dict(sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\zsdesk"
    assert setup["AppVersion"] == "{#AppVersion}" and setup["ChangesAssociations"] == "yes"
    assert setup["AppId"].startswith("{{")  # fixed: upgrades replace the same installation
    # data (%LOCALAPPDATA%\zsdesk) is never deleted, on upgrade or uninstall
    assert "UninstallDelete" not in sections and "Code" not in sections
    for entry in sections.get("InstallDelete", []):
        assert entry["Name"].startswith(r"{app}\_internal"), entry
    text = ISS.read_text(encoding="utf-8-sig")
    assert not re.search(r"^\s*[^;].*\{localappdata\}\\zsdesk", text, re.M)


def test_iss_version_comes_from_the_file_the_spec_writes():
    text = ISS.read_text(encoding="utf-8-sig")
    assert re.search(r'#ifndef AppVersion\s+#include "\.\.\\dist\\version\.iss"', text)
    spec = (INSTALLERS / "zsdesk.spec").read_text(encoding="utf-8")
    assert '(DIST / "version.iss")' in spec and "#define AppVersion" in spec
    defines, _ = parse_iss()
    # the bundle and version.iss are both in installers/dist, as the build puts them
    assert defines["BundleDir"] == r"..\dist\zsdesk"
    assert (ISS.parent / defines["BundleDir"].replace("\\", "/")).resolve() == INSTALLERS / "dist" / "zsdesk"


def test_iss_files_name_the_declared_layout():
    defines, sections = parse_iss()
    declared = layout.declared_files(windows=True)
    sources = iss_sources(defines, sections)
    assert sources
    for rel, entry in sources:
        if "*" in rel:
            folder = rel.rsplit("/", 1)[0]
            assert any(d.startswith(folder + "/") for d in declared), rel
            assert "recursesubdirs" in entry["Flags"].split()
        else:
            assert rel in declared, rel
    installed = {expand(e["DestDir"], defines) + "\\" + rel.replace("/", "\\")
                 for rel, e in sources if "*" not in rel}
    assert r"{app}\zsdesk.exe" in installed


def test_iss_shortcuts_are_chinese_and_start_the_installed_program():
    defines, sections = parse_iss()
    names = {expand(e["Name"], defines): e for e in sections["Icons"]}
    assert set(names) == {r"{autoprograms}\招商桌面", r"{autodesktop}\招商桌面"}
    for entry in names.values():
        assert expand(entry["Filename"], defines) == r"{app}\zsdesk.exe"


def test_iss_associates_zsync_files_for_this_user():
    defines, sections = parse_iss()
    keys = {(e["Root"], expand(e["Subkey"], defines), e["ValueName"]): expand(e["ValueData"], defines)
            for e in sections["Registry"]}
    assert all(root == "HKCU" for root, _, _ in keys)
    progid = keys[("HKCU", r"Software\Classes\.zsync", "")]
    command = keys[("HKCU", rf"Software\Classes\{progid}\shell\open\command", "")]
    assert command == r'"{app}\zsdesk.exe" "%1"'


@needs_bundle
def test_iss_sources_exist_in_the_built_bundle():
    defines, sections = parse_iss()
    for rel, _entry in iss_sources(defines, sections):
        if not bundle_is_windows() and rel.endswith(".exe"):
            rel = rel[:-4]  # a Linux build of the same spec: the program has no .exe
        if "*" in rel:
            matches = list(BUNDLE.glob(rel))
            assert matches, f"{rel} matches nothing in {BUNDLE}"
        else:
            assert (BUNDLE / rel).is_file(), f"{rel} is not in {BUNDLE}"


# --- the Debian package's files ----------------------------------------------------------------------------

def read_desktop(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_entry_opens_sync_files_in_chinese_and_english():
    entry = read_desktop(INSTALLERS / "linux" / "zsdesk.desktop")
    assert entry["Name"] == "招商桌面" and entry["Name[en]"] == "zsdesk"
    assert entry["Exec"] == "zsdesk %f" and entry["Icon"] == "zsdesk" and entry["Type"] == "Application"
    mime = ET.parse(INSTALLERS / "linux" / "zsdesk-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    types = mime.findall("m:mime-type", ns)
    assert [t.get("type") for t in types] == [deb.MIME_TYPE]
    assert entry["MimeType"].rstrip(";").split(";") == [deb.MIME_TYPE]
    assert [g.get("pattern") for g in types[0].findall("m:glob", ns)] == ["*.zsync"]
    from zsdesk.sync import EXTENSION
    from zsdesk.sync.crypto import SEALED_MAGIC

    assert EXTENSION == ".zsync"
    magic = types[0].find("m:magic/m:match", ns)
    assert SEALED_MAGIC.startswith(magic.get("value").encode())


def test_launcher_execs_the_program_in_opt():
    script = (INSTALLERS / "linux" / "zsdesk.sh").read_text(encoding="utf-8")
    assert script.startswith("#!/bin/sh\n")
    assert script.rstrip().endswith('exec /opt/zsdesk/zsdesk "$@"')


def test_maintainer_scripts_never_delete_user_data():
    for script in (INSTALLERS / "linux").iterdir():
        if script.name in ("postrm", "prerm", "postinst", "preinst"):
            code = [line for line in script.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.lstrip().startswith("#")]
            assert not any(re.search(r"\brm\b|\bunlink\b|\.local/share|/home/|\$HOME", line) for line in code), code
    assert "never touches users' data" in (INSTALLERS / "linux" / "postrm").read_text(encoding="utf-8").replace(
        "NEVER", "never")


@pytest.mark.parametrize("pep440, debian", [("0.1.0", "0.1.0"), ("1.2.0a1", "1.2.0~a1"), ("1.2.0rc2", "1.2.0~rc2"),
                                            ("2.0.dev3", "2.0~dev3"), ("2.0b1", "2.0~b1")])
def test_debian_versions_sort_pre_releases_first(pep440, debian):
    assert deb.debian_version(pep440) == debian


def _built_deb() -> Path | None:
    if os.environ.get("ZSDESK_DEB"):
        return Path(os.environ["ZSDESK_DEB"])
    if BUNDLE is None:
        return None
    found = sorted(BUNDLE.parent.glob(f"zsdesk_{deb.debian_version(zsdesk.__version__)}_*.deb"))
    return found[-1] if found else None


@needs_bundle
def test_built_bundle_holds_the_declared_files_and_no_unused_qt():
    windows = bundle_is_windows()
    missing = [p for p in layout.declared_files(windows=windows) if not (BUNDLE / p).exists()]
    assert not missing
    translations = BUNDLE / layout.CONTENTS / "resources" / "translations"
    for qm in translations.glob("*.qm"):
        assert qm.stat().st_mtime >= qm.with_suffix(".ts").stat().st_mtime, f"{qm} would be ignored"
    import fnmatch

    files = [p for p in (BUNDLE / layout.CONTENTS).rglob("*") if p.is_file()]
    stray = [p.name for p in files if any(fnmatch.fnmatch(p.name, pat) for pat in layout.FORBIDDEN_QT_LIBS)]
    assert not stray
    plugins = [p for p in files if "plugins" in p.parts]
    rel = {"/".join(p.parts[p.parts.index("plugins") + 1:]) for p in plugins}
    assert all(layout.keep_qt_plugin(r) for r in rel), sorted(r for r in rel if not layout.keep_qt_plugin(r))
    platforms = {r.split("/", 1)[1] for r in rel if r.startswith("platforms/")}
    assert any("offscreen" in p for p in platforms)
    assert windows or any("xcb" in p for p in platforms)


@needs_bundle
def test_built_program_says_its_version():
    program = BUNDLE / layout.executable(bundle_is_windows())
    done = subprocess.run([str(program), "--version"], capture_output=True, text=True, timeout=60,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, cwd=BUNDLE.parent)
    assert done.returncode == 0 and done.stdout.strip() == f"zsdesk {zsdesk.__version__}"


@needs_bundle
def test_built_deb_installs_into_opt_with_launcher_menu_entry_and_mime_type(tmp_path):
    package = _built_deb()
    if package is None or shutil.which("dpkg-deb") is None:
        pytest.skip("no .deb beside the bundle (python installers/build.py makes one on Debian)")
    fields = deb.fields(package)
    assert fields["Package"] == "zsdesk"
    assert fields["Version"] == deb.debian_version(zsdesk.__version__)
    depends = [d.split()[0] for d in fields["Depends"].split(", ")]
    assert {"libc6", "libgl1", "libegl1", "libfontconfig1", "libxcb1"} <= set(depends)
    listing = subprocess.run(["dpkg-deb", "-c", str(package)], capture_output=True, text=True, check=True).stdout
    paths = {line.split()[5].lstrip(".") for line in listing.splitlines()}
    for path in ("/opt/zsdesk/zsdesk", "/usr/bin/zsdesk", "/usr/share/applications/zsdesk.desktop",
                 "/usr/share/icons/hicolor/256x256/apps/zsdesk.png", "/usr/share/mime/packages/zsdesk.xml",
                 "/opt/zsdesk/_internal/resources/fonts/LICENSE-wqy-microhei.txt"):
        assert path in paths, path
    assert not any(p.startswith(("/home", "/root", "/etc/skel")) for p in paths)
    control = tmp_path / "DEBIAN"
    subprocess.run(["dpkg-deb", "-e", str(package), str(control)], check=True)
    assert (control / "postrm").read_text(encoding="utf-8") == (INSTALLERS / "linux" / "postrm").read_text(
        encoding="utf-8")


# --- zsdesk FILE.zsync: the double-click path -------------------------------------------------------------

@pytest.mark.parametrize("argv, rest, file", [
    (["x.zsync"], [], "x.zsync"),
    (["--db", "a.db", "/tmp/TX-CITY-3.zsync"], ["--db", "a.db"], "/tmp/TX-CITY-3.zsync"),
    (["--demo", "x.zsync"], ["--demo"], "x.zsync"),
    (["--db=a.db", "x.zsync"], ["--db=a.db"], "x.zsync"),
    (["--db", "x.zsync"], ["--db", "x.zsync"], None),          # the database, not a file to open
    (["sync", "import", "x.zsync"], ["sync", "import", "x.zsync"], None),
    (["demo", "--scale", "0.01"], ["demo", "--scale", "0.01"], None),
    (["--db", "a.db", "stats"], ["--db", "a.db", "stats"], None),
    ([], [], None),
])
def test_a_file_without_a_command_is_opened_in_the_window(argv, rest, file):
    assert split_open_file(argv) == (rest, file)


def test_sync_commands_still_parse_after_taking_out_the_file():
    from zsdesk.cli import build_parser

    rest, file = split_open_file(["--db", "a.db", "sync", "import", "x.zsync", "--dry-run"])
    args = build_parser().parse_args(rest)
    assert file is None and args.command == "sync" and args.file == ["x.zsync"]   # import takes several


class _Page:
    def __init__(self):
        self.previewed = []


class _PageWithPreview(_Page):
    def preview_import(self, path):
        self.previewed.append(path)


class _Window:
    def __init__(self, page):
        self.sync_page = page
        self.shown = []

    def show_page(self, key):
        self.shown.append(key)
        return self.sync_page


def test_the_window_shows_the_sync_page_with_the_import_preview():
    from zsdesk.ui.app import preview_sync_file

    window = _Window(_PageWithPreview())
    preview_sync_file(window, "/data/TX-U01-CITY-000007.zsync")
    assert window.shown == ["sync"] and window.sync_page.previewed == ["/data/TX-U01-CITY-000007.zsync"]
    plain = _Window(_Page())
    preview_sync_file(plain, "/data/x.zsync")  # a sync page without preview_import: just shown
    assert plain.shown == ["sync"]


# --- portable mode ----------------------------------------------------------------------------------------------

@pytest.fixture
def frozen_program(tmp_path, monkeypatch):
    """A built program in tmp_path/zsdesk (sys.frozen, sys.executable), no ZSDESK_DATA_DIR."""
    folder = tmp_path / "usb" / "zsdesk"
    folder.mkdir(parents=True)
    (folder / "zsdesk").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "zsdesk"))
    monkeypatch.delenv("ZSDESK_DATA_DIR", raising=False)
    monkeypatch.delenv("ZSDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home-data"))
    return folder


def test_portable_file_keeps_the_database_beside_the_program(frozen_program):
    from zsdesk.db.engine import data_dir, portable_dir, resolve_db_url

    assert portable_dir() is None
    assert data_dir() != frozen_program  # installed: the user data folder
    (frozen_program / "portable").touch()
    assert portable_dir() == frozen_program.resolve()
    assert data_dir() == frozen_program.resolve()
    assert resolve_db_url() == f"sqlite:///{frozen_program.resolve() / 'zsdesk.db'}"


def test_portable_backups_go_beside_the_program_too(frozen_program):
    from zsdesk.db.engine import Database, backup_file, resolve_db_url

    (frozen_program / "portable").touch()
    db = Database(resolve_db_url())
    db.close()
    saved = backup_file(frozen_program / "zsdesk.db", "test")
    assert saved.parent == frozen_program.resolve() / "backups"


def test_data_dir_variable_wins_and_source_runs_are_never_portable(frozen_program, tmp_path, monkeypatch):
    from zsdesk.db.engine import data_dir

    (frozen_program / "portable").touch()
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "chosen"))
    assert data_dir() == tmp_path / "chosen"
    monkeypatch.delenv("ZSDESK_DATA_DIR")
    monkeypatch.setattr(sys, "frozen", False)
    assert data_dir() != frozen_program.resolve()


def test_portable_settings_are_an_ini_file_beside_the_program(frozen_program, qapp):
    from PySide6.QtCore import QSettings, QStandardPaths

    from zsdesk.ui.app import use_portable_settings

    before = QSettings.defaultFormat()
    qapp.setOrganizationName("zsdesk")
    qapp.setApplicationName("zsdesk")
    try:
        assert use_portable_settings() is None  # no marker: settings stay where they were
        (frozen_program / "portable").touch()
        folder = use_portable_settings()
        assert folder == frozen_program.resolve() / "settings"
        settings = QSettings()
        settings.setValue("ui/language", "en")
        settings.sync()
        assert settings.status() == QSettings.Status.NoError
        assert Path(settings.fileName()).resolve().is_relative_to(folder)
        assert Path(settings.fileName()).suffix == ".ini" and Path(settings.fileName()).is_file()
    finally:
        QSettings.setDefaultFormat(before)
        default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, default if scope == QSettings.Scope.UserScope
                              else "/etc/xdg")
