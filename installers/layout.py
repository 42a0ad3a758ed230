"""What goes into the one-folder bundle, and where: read by the PyInstaller spec
(``zsdesk.spec``), its Qt hook (``hooks/``), the build script and the tests.

No PyInstaller and no Qt imports here, so the tests can read the declared
layout on a machine that never built a bundle.

The bundle (PyInstaller 6, one folder)::

    zsdesk/                      the folder installed as /opt/zsdesk or {app}
      zsdesk[.exe]               the program (``zsdesk`` with no command opens the window)
      portable                   (made by the user) turns on portable mode
      _internal/                 sys._MEIPASS
        resources/               fonts (with licences), icons, translations .ts + compiled .qm
        zsdesk/db/migrations/    Alembic env.py, script.py.mako, versions/*.py (loaded by path)
        PySide6/Qt/plugins/...   only the Qt plugins listed in QT_PLUGINS
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

APP = "zsdesk"
#: PyInstaller's default contents folder (sys._MEIPASS of a one-folder bundle)
CONTENTS = "_internal"
REPO = Path(__file__).resolve().parent.parent

#: the languages of resources/translations compiled to .qm at build time
#: (the shipped language, Simplified Chinese, is the source text and has no file)
APP_TRANSLATIONS = ("en",)

#: the Qt for Python modules the app imports (zsdesk/ui: QtPdf and QtPrintSupport
#: print a brief, QtCharts draws the dashboard); every other PySide6 module is excluded
PYSIDE_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPdf", "QtPrintSupport")

#: Qt plugins kept, as "<type>/<file name pattern>" (the patterns match the Linux
#: ``libq*.so`` and the Windows ``q*.dll`` names). Everything else the PySide6 hooks
#: offer is dropped before PyInstaller follows its libraries, so e.g. the GTK theme
#: (GTK, cairo, pango …), the virtual keyboard (QtQuick, QML), Wayland, EGLFS and
#: the network plugins never come in.
QT_PLUGINS = (
    "platforms/*qxcb*",            # X11 (and XWayland on a Wayland desktop)
    "platforms/*qoffscreen*",      # headless: smoke tests, CI
    "platforms/*qminimal.*",       # tiny; a last resort for scripted use
    "platforms/*qwindows*",        # Windows
    "platforms/*qdirect2d*",
    "xcbglintegrations/*",         # OpenGL under X11 (QtCharts may use it)
    "platformthemes/*xdgdesktopportal*",   # portal file dialogs (Flatpak, Wayland); Qt + D-Bus only
    "platforminputcontexts/*compose*",     # dead keys
    "platforminputcontexts/*ibus*",        # Chinese input methods over IBus
    "imageformats/*",              # icons, pictures in forms; qpdf needs QtPdf, which is bundled
    "iconengines/*",               # the SVG app icon
    "styles/*",                    # Windows styles (Fusion, used by zsdesk, is built in)
    "printsupport/*",              # printing a brief (CUPS on Linux)
)

#: Qt's own translations kept (the qtbase catalogue that zsdesk.ui.i18n loads)
QT_TRANSLATIONS = ("qtbase_zh_CN.qm", "qtbase_en.qm", "qt_zh_CN.qm", "qt_en.qm")

#: Python packages never needed at run time: test and build tools, other databases'
#: drivers. (Pillow stays: ReportLab 5 imports it whatever it draws.)
EXCLUDED_PACKAGES = (
    "tkinter", "_tkinter", "pydoc_data", "lib2to3", "idlelib", "ensurepip",
    "pytest", "_pytest", "pytestqt", "hypothesis", "pypdf", "xlwt", "IPython", "numpy",
    "setuptools", "pkg_resources", "pip", "PyInstaller",
    "psycopg2", "MySQLdb", "pymysql", "cx_Oracle", "oracledb", "pyodbc",
)

#: Qt shared libraries that must not be in the bundle (what the hooks would pull in
#: through plugins we drop). Checked by the build and the tests.
FORBIDDEN_QT_LIBS = (
    "*Qt6Quick*", "*Qt6Qml*", "*Qt6WebEngine*", "*Qt63D*", "*Qt6Multimedia*",
    "*Qt6VirtualKeyboard*", "*Qt6Wayland*", "*Qt6Designer*", "*Qt6Location*", "*Qt6Bluetooth*",
    "*Qt6Sensors*", "*Qt6Positioning*", "*Qt6Graphs*", "*Qt6DataVisualization*", "*FFmpeg*",
)


def keep_qt_plugin(relative: str) -> bool:
    """Whether the plugin at ``<type>/<file>`` (relative to Qt's plugin folder) is kept."""
    relative = relative.replace("\\", "/")
    return any(fnmatch.fnmatch(relative, pat) for pat in QT_PLUGINS)


def excluded_pyside_modules(pyside_dir: Path | None = None) -> list[str]:
    """``PySide6.<X>`` for every binding module of the installed PySide6 that the
    app does not import (found from the files, so a newer PySide6 is covered)."""
    if pyside_dir is None:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
        if spec is None or not spec.submodule_search_locations:
            return []
        pyside_dir = Path(next(iter(spec.submodule_search_locations)))
    names = set()
    for file in pyside_dir.iterdir():
        # QtCore.abi3.so, QtCore.pyd, QtCore.cpython-311-x86_64-linux-gnu.so
        if file.suffix in (".so", ".pyd") and file.name.startswith("Qt"):
            names.add(file.name.split(".", 1)[0])
    return sorted(f"PySide6.{n}" for n in names - set(PYSIDE_MODULES))


def app_modules(repo: Path = REPO) -> list[str]:
    """Every module of the ``zsdesk`` package, from its files: the pages and forms
    are imported by name (importlib), which PyInstaller cannot see. The Alembic
    migrations are not modules of the app: they travel as files."""
    out = []
    package = repo / "zsdesk"
    for file in sorted(package.rglob("*.py")):
        rel = file.relative_to(repo).with_suffix("")
        parts = rel.parts
        if "__pycache__" in parts or parts[:3] == ("zsdesk", "db", "migrations"):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        elif parts[-1] == "__main__":
            continue
        out.append(".".join(parts))
    return out


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".qm"))


def data_files(repo: Path = REPO) -> list[tuple[str, str]]:
    """``(source file, folder in the bundle)`` for the spec's ``datas``: the whole
    resources/ folder (fonts with their licences, icons, .ts translations, any
    templates) and the Alembic migrations. Compiled .qm files are added by the
    spec (they are made at build time)."""
    out = []
    for folder, dest in ((repo / "resources", "resources"),
                         (repo / "zsdesk" / "db" / "migrations", "zsdesk/db/migrations"),
                         (repo / "zsdesk" / "data", "zsdesk/data")):
        if not folder.is_dir():
            continue
        for file in _files(folder):
            out.append((str(file), str(Path(dest) / file.parent.relative_to(folder))))
    return out


def executable(windows: bool) -> str:
    return f"{APP}.exe" if windows else APP


def declared_files(repo: Path = REPO, *, windows: bool = False) -> set[str]:
    """Paths (relative to the bundle folder, with /) that a bundle built from this
    checkout must hold: the program, every data file, every compiled .qm and Qt's
    own translations (where PyInstaller puts PySide6's Qt: ``PySide6/`` on Windows,
    ``PySide6/Qt/`` elsewhere)."""
    out = {executable(windows)}
    for source, dest in data_files(repo):
        out.add(f"{CONTENTS}/{Path(dest, Path(source).name).as_posix()}")
    for ts in translation_sources(repo):
        out.add(f"{CONTENTS}/resources/translations/{ts.stem}.qm")
    qt = "PySide6" if windows else "PySide6/Qt"
    for name in QT_TRANSLATIONS:
        if name.startswith("qtbase_"):  # the catalogue zsdesk.ui.i18n loads
            out.add(f"{CONTENTS}/{qt}/translations/{name}")
    return out


def translation_sources(repo: Path = REPO) -> list[Path]:
    """The .ts files compiled to .qm at build time: every one in resources/translations
    (``zsdesk_<lang>`` for APP_TRANSLATIONS, and our supplement to Qt's own catalogue)."""
    return sorted((repo / "resources" / "translations").glob("*.ts"))
