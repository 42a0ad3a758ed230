"""The interface language: Simplified Chinese is the source (shipped) language,
English the second, chosen in 设置 and applied at the next start.

Translations live in ``resources/translations/zsdesk_<lang>.ts`` (Qt Linguist
files). At start the ``.ts`` is compiled with ``pyside6-lrelease`` into a cache
folder when its ``.qm`` is missing or older; a ``.qm`` shipped beside the
``.ts`` (a packaged build) is used when it is current. Without ``lrelease`` and
without a current ``.qm`` the app stays in Chinese and says so in the log.

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

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from zsdesk.resources import ResourceMissing, resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh_CN"
#: language code -> its own name (shown in the language list untranslated)
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
SETTINGS_KEY = "ui/language"
CACHE_ENV = "ZSDESK_CACHE_DIR"

#: translators stay referenced while installed (Qt does not own them)
_installed: list[QTranslator] = []


# --- the choice, kept in QSettings ------------------------------------------------------

def current_language(settings: QSettings | None = None) -> str:
    """The language chosen in 设置 (the source language when none or unknown)."""
    settings = settings or QSettings()
    value = str(settings.value(SETTINGS_KEY, SOURCE_LANGUAGE) or SOURCE_LANGUAGE)
    return value if value in LANGUAGES else SOURCE_LANGUAGE


def set_language(code: str, settings: QSettings | None = None) -> None:
    """Remember ``code`` for the next start."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    settings = settings or QSettings()
    settings.setValue(SETTINGS_KEY, code)
    settings.sync()


# --- compiling ----------------------------------------------------------------------------

def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override) / "translations"
    import platformdirs

    return Path(platformdirs.user_cache_dir("zsdesk", appauthor=False)) / "translations"


def ts_path(language: str) -> Path | None:
    try:
        return resource_path("translations", f"zsdesk_{language}.ts")
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


def compiled_qm(language: str, *, cache: Path | None = None) -> Path | None:
    """The ``.qm`` of ``language``, compiled when missing or older than its ``.ts``;
    None when there is none to be had (logged)."""
    ts = ts_path(language)
    if ts is None or not ts.is_file():
        log.warning("no translation file for %s (%s); the interface stays in Chinese", language, ts)
        return None
    shipped = ts.with_suffix(".qm")
    if _current(shipped, ts):
        return shipped
    qm = (cache or cache_dir()) / f"zsdesk_{language}.qm"
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
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(QLocale(in_use), "qtbase", "_", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return in_use


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
