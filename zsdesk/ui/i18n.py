"""The interface language: Simplified Chinese is the source (shipped) language,
English the second, chosen in 设置 and applied at the next start.

Translations live in ``resources/translations/zsdesk_<lang>.ts`` (Qt Linguist
files). The builds compile them with ``pyside6-lrelease``: the wheel and the
sdist (setup.py) and the PyInstaller bundle (installers/zsdesk.spec) ship
``zsdesk_<lang>.qm`` beside the ``.ts``, and an installed program loads that.
Only a source checkout compiles at start, into a cache folder, when it has no
``.qm`` as new as its ``.ts`` (someone edited the translation). Without
``lrelease`` and without a ``.qm`` the app stays in Chinese and says so in the log.

Qt's own texts (standard buttons 确定/取消, the file dialog's labels) come from
Qt's ``qtbase_<lang>.qm``, loaded for the same language from the translations
folder of the Qt in use (PySide6 ships them; the bundle keeps qtbase zh_CN and
en, installers/layout.py ``QT_TRANSLATIONS``). The few texts Qt's Chinese
catalogue lacks (Qt 6 gave the file dialog's "Look in:" and "Files of type:" a
mnemonic; the catalogue has the old texts) are in our
``resources/translations/qtbase_extra_zh_CN.ts``, built and loaded like ours.

Refreshing the source list after UI strings changed (keeps every translation)::

    python -m zsdesk.ui.i18n update
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from zsdesk.app.resources import ResourceMissing, resource_path
from zsdesk.ui import options

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh_CN"
#: language code -> its own name (shown in the language list untranslated)
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
SETTINGS_KEY = options.language.key
CACHE_ENV = "ZSDESK_CACHE_DIR"
#: our catalogue of Qt's own texts that qtbase_<lang>.qm lacks (resources/translations/qtbase_extra_zh_CN.ts)
QT_EXTRA = "qtbase_extra"

#: translators stay referenced while installed (Qt does not own them)
_installed: list[QTranslator] = []


# --- the choice, kept in the options (zsdesk.ui.options.language) -----------------------------------

def current_language() -> str:
    """The language chosen in 设置 (the source language when none or unknown)."""
    value = options.language.get()
    return value if value in LANGUAGES else SOURCE_LANGUAGE


def set_language(code: str) -> None:
    """Remember ``code`` for the next start."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    options.language.set(code)


# --- compiling ----------------------------------------------------------------------------

def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override) / "translations"
    import platformdirs

    return Path(platformdirs.user_cache_dir("zsdesk", appauthor=False)) / "translations"


def ts_path(language: str, catalogue: str = "zsdesk") -> Path | None:
    try:
        return resource_path("translations", f"{catalogue}_{language}.ts")
    except ResourceMissing:
        return None


def find_tool(name: str) -> str | None:
    """``pyside6-<name>`` (lrelease, lupdate): on PATH, beside this Python, or
    the binary inside the PySide6 package."""
    found = shutil.which(f"pyside6-{name}") or shutil.which(f"pyside6-{name}",
                                                            path=str(Path(sys.executable).parent))
    if found:
        return found
    try:
        import PySide6

        binary = Path(PySide6.__file__).parent / (f"{name}.exe" if os.name == "nt" else name)
        if binary.is_file():
            return str(binary)
    except ImportError:  # pragma: no cover - PySide6 is a requirement
        pass
    return None


def _current(qm: Path, ts: Path) -> bool:
    return qm.is_file() and qm.stat().st_size > 0 and qm.stat().st_mtime >= ts.stat().st_mtime


def _source_checkout(ts: Path) -> bool:
    """Whether ``ts`` is in the ``resources/`` folder of a source tree (beside the
    ``zsdesk`` package), where a translator may have edited it since the last build;
    not in a bundle (frozen) or an installed wheel (``zsdesk_resources``)."""
    if getattr(sys, "frozen", False):
        return False
    resources = ts.parent.parent
    return resources.name == "resources" and (resources.parent / "zsdesk" / "__init__.py").is_file()


def compiled_qm(language: str, *, cache: Path | None = None, catalogue: str = "zsdesk") -> Path | None:
    """The ``.qm`` of ``language`` (of our ``catalogue``: zsdesk, or QT_EXTRA): the one
    shipped with the package, or in a source checkout one compiled when missing or
    older than its ``.ts``; None when there is none to be had (logged)."""
    ts = ts_path(language, catalogue)
    if ts is None or not ts.is_file():
        log.warning("no translation file %s_%s (%s); the interface stays in Chinese", catalogue, language, ts)
        return None
    shipped = ts.with_suffix(".qm")
    if shipped.is_file() and shipped.stat().st_size > 0 and not _source_checkout(ts):
        return shipped  # built with the package; file times from an installer mean nothing
    if _current(shipped, ts):
        return shipped
    qm = (cache or cache_dir()) / f"{catalogue}_{language}.qm"
    if _current(qm, ts):
        return qm
    lrelease = find_tool("lrelease")
    if lrelease is None:
        log.warning("pyside6-lrelease not found: cannot compile %s; the interface stays in Chinese", ts)
        return qm if qm.is_file() else None  # an older compile beats none
    qm.parent.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], capture_output=True,
                              text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("lrelease failed for %s: %s", ts, exc)
        return qm if qm.is_file() else None
    if done.returncode != 0 or not qm.is_file():
        log.warning("lrelease failed for %s: %s", ts, (done.stderr or done.stdout).strip())
        return None
    return qm


# --- installing -----------------------------------------------------------------------------

def install_translators(app: QCoreApplication, language: str | None = None, *,
                        cache: Path | None = None) -> str:
    """Install the translators of ``language`` (default: the one chosen in
    设置); the language actually in use. Qt's own dialogs (buttons of message
    boxes and so on) follow the same language."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = language or current_language()
    in_use = SOURCE_LANGUAGE
    if language != SOURCE_LANGUAGE:
        qm = compiled_qm(language, cache=cache)
        ours = QTranslator(app)
        if qm is not None and ours.load(str(qm)):
            app.installTranslator(ours)
            _installed.append(ours)
            in_use = language
        elif qm is not None:
            log.warning("cannot load %s; the interface stays in Chinese", qm)
    qt_own = QTranslator(app)
    for qt_dir in qt_translation_dirs():
        if qt_own.load(QLocale(in_use), "qtbase", "_", str(qt_dir)):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
            break
    else:
        if in_use != "en":  # Qt's own texts are English: nothing is missing then
            log.warning("Qt's translation qtbase_%s.qm not found in %s; standard buttons and file "
                        "dialogs stay in English", in_use, [str(d) for d in qt_translation_dirs()])
    extra_ts = ts_path(in_use, QT_EXTRA)
    if extra_ts is not None and extra_ts.is_file():
        # installed last, so asked first: only the few texts Qt's catalogue lacks
        qm = compiled_qm(in_use, cache=cache, catalogue=QT_EXTRA)
        extra = QTranslator(app)
        if qm is not None and extra.load(str(qm)):
            app.installTranslator(extra)
            _installed.append(extra)
    return in_use


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own ``qtbase_<lang>.qm`` may be: the translations folder of the Qt
    in use, then the one inside the PySide6 package (in a bundle, where PyInstaller
    put it; ``PySide6/translations`` on Windows, ``PySide6/Qt/translations``
    elsewhere), without duplicates."""
    found: list[Path] = []
    candidates = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    packages = [Path(sys._MEIPASS) / "PySide6"] if getattr(sys, "_MEIPASS", None) else []
    try:
        import PySide6

        packages.append(Path(PySide6.__file__).resolve().parent)
    except ImportError:  # pragma: no cover - PySide6 is a requirement
        pass
    for package in packages:
        candidates += [package / "Qt" / "translations", package / "translations"]
    for folder in candidates:
        if folder.is_dir() and folder not in found:
            found.append(folder)
    return found


# --- keeping the .ts in step with the code ------------------------------------------------------

def update_sources(language: str = "en") -> int:
    """Run ``pyside6-lupdate`` over ``zsdesk/ui`` into the ``.ts`` of ``language``
    (new strings are added unfinished; existing translations are kept)."""
    lupdate = find_tool("lupdate")
    ts = ts_path(language)
    if lupdate is None or ts is None:
        print("pyside6-lupdate or the translations folder is missing", file=sys.stderr)
        return 2
    ui = Path(__file__).resolve().parent
    sources = sorted(str(p) for p in ui.rglob("*.py") if "__pycache__" not in p.parts)
    return subprocess.call([lupdate, "-locations", "relative", "-no-obsolete",
                            "-source-language", SOURCE_LANGUAGE, "-target-language", language,
                            *sources, "-ts", str(ts)])


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    if sys.argv[1:2] == ["update"]:
        sys.exit(update_sources(*(sys.argv[2:3] or ["en"])))
    print(__doc__)
