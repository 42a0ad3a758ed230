"""Starting the desktop app: the QApplication with its bundled font, icon and
palette; which database to open (``--db``, ``--demo``); the first-start window
when that database holds no site yet (``first_start``: create the city site, join
with the city's setup file, or open another file); the main window;
``zsdesk FILE.zsync`` (``args.open_file``) then shows the import preview of
that sync file on the 同步 page (a setup file given so on a new database goes
to the first-start window's join choice).

``ZSDESK_QUIT_AFTER_MS=<ms>`` makes the app close itself that long after the
main window is shown (and close a refusal message the same way), so that
installer smoke tests can start the real program and see it come up.

Start-up paints the main window's frame first (``MainWindow(None)``: the pages'
names and "正在打开数据库…") as soon as Qt is up, and only then imports the
database layer and opens the database (the password prompt, the upgrade dialog,
the integrity check, the restore offer and the first-start window come, in that
order, over the frame); ``MainWindow.attach`` then fills the window. So this
module imports nothing of the database layer at its top: ``zsdesk.app.site``
is imported inside the functions that use it. A first page that is the visits
list in its opening order is filled before the database layer is imported too,
with its first screen read read-only with ``sqlite3`` (``show_first_screen``).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from zsdesk.app import RefusedError, ZsdeskError, __version__, format_timestamp
from zsdesk.app.resources import APP_ICON, APP_ICON_PNG, CJK_FONT, CJK_FONT_FAMILY, ResourceMissing, resource_path

if TYPE_CHECKING:
    from zsdesk.app.site import DamagedDatabase

log = logging.getLogger(__name__)

QUIT_AFTER_ENV = "ZSDESK_QUIT_AFTER_MS"
SHOWN_MESSAGE = "zsdesk: main window shown"
#: at most this long is waited for the frame's first paint before the database is opened
PAINT_WAIT_S = 0.5
EXIT_REFUSED = 2

#: after the bundled font: the usual Chinese UI fonts, then a Latin sans
FONT_FALLBACKS = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                  "Source Han Sans SC", "DejaVu Sans", "Sans Serif"]


class NotInitialised(RefusedError):
    """The database opened but holds no site yet."""


# --- the application object ------------------------------------------------------------

def quit_after_ms() -> int | None:
    """``ZSDESK_QUIT_AFTER_MS`` as a number of milliseconds, or None."""
    raw = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        log.warning("%s=%r is not a whole number of milliseconds; ignored", QUIT_AFTER_ENV, raw)
        return None
    return max(value, 0)


def prepare_application() -> QApplication:
    """The QApplication (made once), named for QSettings, with icon, font and palette."""
    app = QApplication.instance()
    if app is None:
        # Our own arguments are parsed by argparse; Qt gets only the program name.
        app = QApplication(sys.argv[:1] or ["zsdesk"])
    app.setOrganizationName("zsdesk")
    app.setOrganizationDomain("zsdesk.cn")
    app.setApplicationName("zsdesk")
    app.setApplicationVersion(__version__)
    use_portable_settings()
    # the language chosen in 设置 (read from QSettings, so after the names above)
    from zsdesk.ui.i18n import install_translators

    install_translators(app)
    app.setApplicationDisplayName(QCoreApplication.translate("App", "招商桌面"))
    app.setDesktopFileName("zsdesk")
    app.setStyle("Fusion")
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: our colours are for a light scheme
        hints.setColorScheme(Qt.ColorScheme.Light)
    app.setPalette(light_palette())
    install_font(app)
    app.setWindowIcon(app_icon())
    from zsdesk.ui.collector import collect_on_gui_thread

    collect_on_gui_thread(app)   # no Qt object freed on a worker thread
    return app


def use_portable_settings() -> Path | None:
    """In portable mode (a file ``portable`` beside the built program, see
    ``zsdesk.app.portable_dir``) keep QSettings as an INI file in
    ``<program folder>/settings/`` instead of the user's profile; the folder in
    use, or None when not portable. (A sub-folder: on Linux the executable
    ``zsdesk`` already takes the name QSettings would give its folder.)"""
    from zsdesk.app import portable_dir   # (zsdesk.paths: no database library before the first paint)
    from zsdesk.ui.options import use_ini_folder

    folder = portable_dir()
    if folder is None:
        return None
    settings = folder / "settings"
    use_ini_folder(settings)
    return settings


def light_palette() -> QPalette:
    """A calm light palette, the same whatever the desktop's theme."""
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#F3F5F8", QPalette.ColorRole.WindowText: "#1F2D3D",
        QPalette.ColorRole.Base: "#FFFFFF", QPalette.ColorRole.AlternateBase: "#F7F9FC",
        QPalette.ColorRole.Text: "#1F2D3D", QPalette.ColorRole.Button: "#EEF1F5",
        QPalette.ColorRole.ButtonText: "#1F2D3D", QPalette.ColorRole.BrightText: "#FFFFFF",
        QPalette.ColorRole.Highlight: "#2B5C8A", QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#FFFFF4", QPalette.ColorRole.ToolTipText: "#1F2D3D",
        QPalette.ColorRole.PlaceholderText: "#8A94A6", QPalette.ColorRole.Link: "#1F5FA8",
        QPalette.ColorRole.Light: "#FFFFFF", QPalette.ColorRole.Midlight: "#E6EAF0",
        QPalette.ColorRole.Mid: "#C5CDD8", QPalette.ColorRole.Dark: "#9AA5B4",
        QPalette.ColorRole.Shadow: "#5B6573",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9AA5B4"))
    return pal


_font_family: str | None = None


def install_font(app: QGuiApplication) -> str | None:
    """Load the bundled CJK font and make it the application font (once).
    Returns its family, or None when it could not be loaded (Chinese then
    depends on the system's fonts; the app still runs)."""
    global _font_family
    if _font_family is None:
        try:
            path = resource_path(*CJK_FONT)
        except ResourceMissing as exc:
            log.warning("%s", exc)
            return None
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("cannot load the bundled font %s; Chinese may not display", path)
            return None
        _font_family = CJK_FONT_FAMILY if CJK_FONT_FAMILY in families else families[0]
    font = QFont(app.font())
    font.setFamilies([_font_family, *FONT_FALLBACKS])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    return _font_family


def app_icon() -> QIcon:
    icon = QIcon()
    for parts in (APP_ICON, APP_ICON_PNG):
        try:
            path = resource_path(*parts)
        except ResourceMissing:
            break
        if path.is_file():
            icon.addFile(str(path))
    return icon


# --- which database ----------------------------------------------------------------------

def demo_location(args) -> str:
    """``--demo`` uses ``<data dir>/demo.db`` (or the ``--db`` given with it);
    never ``ZSDESK_DB``, which names the user's real database."""
    if getattr(args, "db", None):
        return str(args.db)
    from zsdesk.app.site import data_dir

    return str(data_dir() / "demo.db")


def open_for_gui(args, *, progress=None, password: str | None = None, first_start: bool = False):
    """Open the database the arguments name, ready for the main window.

    ``--demo``: a new or uninitialised demo database gets demo data first
    (``progress`` is called with each step's message). Otherwise the database
    must be initialised: ``NotInitialised`` says what to run. Opening applies
    migrations (``ws.db.migration_note`` says when one ran). ``password``
    opens an encrypted database (see ``open_asking_password``). ``first_start``:
    an uninitialised database is returned as it is (``run`` then shows the
    first-start window)."""
    from zsdesk.app.site import open_workspace

    if getattr(args, "demo", False):
        location = demo_location(args)
        file = None if "://" in location else Path(location).expanduser().absolute()
        fresh = file is not None and not file.exists()
        ws = open_workspace(location, password=password)
        if not ws.initialised:
            from zsdesk.app.site import generate_demo

            try:
                generate_demo(ws, progress=progress)
            except BaseException:
                ws.close()
                if fresh:  # do not leave half a demo behind: the next start begins again
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{file}{suffix}").unlink(missing_ok=True)
                raise
        return ws

    ws = open_workspace(getattr(args, "db", None), password=password)
    if not ws.initialised and not first_start:
        from zsdesk.app.site import database_location

        where = database_location(ws)
        ws.close()
        raise NotInitialised(QCoreApplication.translate(
            "App",
            "数据库尚未初始化，无法打开：\n{0}\n\n"
            "请先在命令行把它初始化为本站点，例如：\n"
            "  zsdesk init --role county --code TX-U01 --name 泰兴高新区招商单元\n"
            "（市招商办用 --role city），\n"
            "或运行 zsdesk --demo 打开演示数据库。\n\n"
            "数据库中没有任何内容被改动。").format(where))
    return ws


def database_file(args) -> Path | None:
    """The SQLite file the arguments name (None: a server database)."""
    from zsdesk.app.site import database_file as file_of

    return file_of(demo_location(args) if getattr(args, "demo", False) else getattr(args, "db", None))


def open_asking_password(args, *, progress=None, quit_ms: int | None = None, first_start: bool = False):
    """``open_for_gui``; when the database file is encrypted, first with the
    password the command line gave (``args.password``: ``--password-stdin`` or
    ``ZSDESK_PASSWORD``), else asking for it (``UnlockDialog``: a wrong one is
    refused and asked for again). None when the person cancels (the app quits)."""
    from zsdesk.app.site import WrongPassword, is_encrypted

    file = database_file(args)
    if file is None or not is_encrypted(file):
        return open_for_gui(args, progress=progress, first_start=first_start)
    given = getattr(args, "password", None)
    if given:
        try:
            return open_for_gui(args, progress=progress, password=given, first_start=first_start)
        except WrongPassword:
            log.warning("the password given on the command line does not open %s; asking", file)
    from zsdesk.ui.password import UnlockDialog

    dialog = UnlockDialog(str(file), lambda password: open_for_gui(args, progress=progress, password=password,
                                                                   first_start=first_start))
    if quit_ms is not None:  # smoke tests: the prompt closes by itself like a refusal does
        QTimer.singleShot(quit_ms, dialog.reject)
    dialog.exec()
    dialog.deleteLater()
    if dialog.failure is not None:
        raise dialog.failure
    return dialog.opened


# --- feedback while starting ----------------------------------------------------------------

class DemoProgress:
    """A small dialog while demo data is generated in the GUI thread."""

    def __init__(self):
        self.dialog = QProgressDialog(
            QCoreApplication.translate("App", "正在生成演示数据，请稍候…"), None, 0, 0)
        self.dialog.setWindowTitle(QCoreApplication.translate("App", "招商桌面 — 演示数据"))
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(420)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.shown = False

    def __call__(self, *args, **_kw) -> None:
        if not self.shown:
            self.dialog.show()
            self.shown = True
        if args:
            self.dialog.setLabelText(QCoreApplication.translate(
                "App", "首次打开演示数据库，正在生成演示数据（约需数秒）\n{0}").format(args[0]))
        QCoreApplication.processEvents()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


class UpgradeProgress(logging.Handler):
    """A small dialog while an older database is backed up and upgraded at start
    (a city's database can take minutes): shown at the first message of the
    migrations' logger, kept painted at each of the batches they report."""

    LOGGER = "zsdesk.migrations"

    def __init__(self):
        super().__init__(logging.INFO)
        self.dialog: QProgressDialog | None = None
        self.shown = False   # whether the dialog was shown (an upgrade ran)
        self._logger = logging.getLogger(self.LOGGER)
        self._level = self._logger.level

    def __enter__(self) -> UpgradeProgress:
        self._logger.addHandler(self)
        self._propagate = self._logger.propagate
        if self._logger.getEffectiveLevel() > logging.INFO:
            # heard here only: the console and the log file keep their own level
            self._logger.setLevel(logging.INFO)
            self._logger.propagate = False
        return self

    def __exit__(self, *_exc) -> None:
        self._logger.removeHandler(self)
        self._logger.setLevel(self._level)
        self._logger.propagate = self._propagate
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def emit(self, record: logging.LogRecord) -> None:
        if QCoreApplication.instance() is None:
            return
        if self.dialog is None and not record.getMessage().startswith("upgrading "):
            return   # a new database being made (its migrations say so too): nothing to upgrade
        if self.dialog is None:
            self.dialog = QProgressDialog(QCoreApplication.translate(
                "App", "正在升级数据库（升级前已自动备份）。\n数据多的数据库可能需要几分钟，请不要关闭程序。"),
                None, 0, 0)
            self.dialog.setWindowTitle(QCoreApplication.translate("App", "招商桌面 — 升级数据库"))
            self.dialog.setMinimumDuration(0)
            self.dialog.setMinimumWidth(420)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.show()
            self.shown = True
        QCoreApplication.processEvents()


def _say(stream, text: str) -> None:
    """Print when there is a console (a windowed build on Windows has none)."""
    if stream is not None:
        try:
            print(text, file=stream, flush=True)
        except (OSError, ValueError):
            pass


def show_refusal(text: str, quit_ms: int | None) -> None:
    """Tell the user why the app cannot start (stderr and a message box)."""
    _say(sys.stderr, f"zsdesk: {text}")
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("App", "招商桌面"), text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if quit_ms is not None:
        QTimer.singleShot(quit_ms, box.accept)
    box.exec()


# --- a damaged database at start ------------------------------------------------------------------

def check_at_start(ws, meanwhile=None) -> None:
    """SQLite's quick integrity check of the database file before the window
    opens (about 0.15 s for a 140 MB database, 0.4 s for 360 MB): a damaged file
    raises ``DamagedDatabase`` naming the newest good backup, the workspace closed.
    (A newer or unreadable database is refused while it is opened.)

    ``meanwhile()`` (e.g. importing the first page's module: no data) runs on this
    thread while the check reads the file on another: SQLite checks without
    holding Python's lock, so the two take one core each. Nothing is read for the
    window until the check has passed."""
    from zsdesk.app.site import check_open_database

    if ws is None:
        return
    failed: list[BaseException] = []

    def check() -> None:
        try:
            check_open_database(ws)
        except BaseException as exc:  # raised on the calling thread below
            failed.append(exc)

    checking = threading.Thread(target=check, name="zsdesk-integrity-check", daemon=True)
    checking.start()
    try:
        if meanwhile is not None:
            meanwhile()
    except Exception:  # only a head start: what failed fails again where it is used, and says so there
        log.warning("start-up: importing ahead failed", exc_info=True)
    finally:
        checking.join()
    if failed:
        if isinstance(failed[0], ZsdeskError):
            ws.close()
        raise failed[0]


def offer_restore(exc: DamagedDatabase, args, quit_ms: int | None, *, reopen):
    """Tell the user the database is damaged and offer to restore the newest
    good backup (the damaged file is kept beside the backups). Returns the
    workspace ``reopen()`` gives after a restore, or None: the app ends."""
    from zsdesk.app.site import backup_time, restore_from

    _say(sys.stderr, f"zsdesk: {exc}")
    text = QCoreApplication.translate("App", "数据库文件已损坏：\n{0}\n\n为避免损坏扩大，招商桌面没有打开它，也没有写入任何内容。").format(exc.path)
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "招商桌面 — 数据库已损坏"), text)
    restore = None
    if exc.backup is not None:
        when = backup_time(exc.backup)
        box.setInformativeText(QCoreApplication.translate(
            "App", "最近一个完好的备份：\n{0}\n（{1}）\n\n点“恢复此备份”用它替换损坏的数据库；损坏的文件会另存在 "
                   "backups 文件夹中。备份之后录入的内容需要重新录入，之后导入过的同步文件可以再导入一次。").format(
            exc.backup, format_timestamp(when)))
        restore = box.addButton(QCoreApplication.translate("App", "恢复此备份"), QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(QCoreApplication.translate("App", "没有找到完好的自动备份。请把该文件复制一份交技术人员处理，"
                                         "或在命令行用自己保存的备份恢复：zsdesk restore 备份文件"))
    quit_button = box.addButton(QCoreApplication.translate("App", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(quit_button)
    box.setDefaultButton(restore or quit_button)
    if quit_ms is not None:
        QTimer.singleShot(quit_ms, box.reject)
    box.exec()
    chosen = box.clickedButton()
    box.deleteLater()
    if restore is None or chosen is not restore:
        return None
    try:
        result = restore_from(exc.backup, f"sqlite:///{exc.path}", password=getattr(exc, "password", None))
        ws = reopen()
    except ZsdeskError as failed:
        show_refusal(str(failed), quit_ms)
        return None
    done = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("App", "招商桌面"),
                       QCoreApplication.translate("App", "已从备份恢复数据库。") + "\n\n" + "\n".join(result.lines()))
    done.setStandardButtons(QMessageBox.StandardButton.Ok)
    if quit_ms is not None:
        QTimer.singleShot(quit_ms, done.accept)
    done.exec()
    done.deleteLater()
    return ws


# --- run --------------------------------------------------------------------------------------

def wait_painted(window, limit_s: float = PAINT_WAIT_S) -> bool:
    """Run the event loop until ``window`` (a ``MainWindow``) has been painted once,
    at most ``limit_s``; whether it was."""
    if window.was_painted:
        return True
    loop = QEventLoop()
    window.painted.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(round(limit_s * 1000))
    loop.exec()
    timer.stop()
    window.painted.disconnect(loop.quit)
    return window.was_painted


def run(args) -> int:
    """Open the main window on the database ``args`` name; the exit code.

    The window's frame is shown and painted first; then the crash handler is
    installed and the database opened as before (password, upgrade, integrity
    check, restore offer, first start), and the window gets the workspace."""
    from zsdesk.ui.main_window import MainWindow

    app = prepare_application()
    quit_ms = quit_after_ms()
    # Closing the progress dialog or a message box must not end the app before
    # the main window has its workspace.
    app.setQuitOnLastWindowClosed(False)
    started = time.perf_counter()
    window = MainWindow(None)
    if not window.restore_geometry():
        window.resize(_initial_size(app))
    window.show()
    wait_painted(window)
    log.debug("main window painted %.3f s after it was made", time.perf_counter() - started)
    first = show_first_screen(window, args)

    from zsdesk.app.site import DamagedDatabase
    from zsdesk.ui.crash import install_crash_handler

    install_crash_handler(app)  # an unexpected error: its trace in the log file, a dialog saying what to do
    show_first_total(window, first)  # counted while the database layer was imported

    def refused(code: int) -> int:
        window.close()
        window.deleteLater()
        app.setQuitOnLastWindowClosed(True)
        return code

    progress = DemoProgress() if getattr(args, "demo", False) else None
    try:
        with UpgradeProgress():
            ws = open_asking_password(args, progress=progress, quit_ms=quit_ms, first_start=True)
        check_at_start(ws, meanwhile=window.import_ahead)
        ws = first_start(ws, args, quit_ms)
    except DamagedDatabase as exc:  # say so and offer the newest good backup
        window.drop_first_screen()  # nothing read from the damaged file stays on screen
        if progress is not None:
            progress.close()
            progress = None
        ws = offer_restore(exc, args, quit_ms,
                           reopen=lambda: open_asking_password(args, progress=None, quit_ms=quit_ms))
        if ws is None:
            return refused(EXIT_REFUSED)
    except ZsdeskError as exc:  # not initialised, storage problems, a newer database, demo refused
        if progress is not None:
            progress.close()
        show_refusal(str(exc), quit_ms)
        return refused(EXIT_REFUSED)
    if progress is not None:
        progress.close()
    if ws is None:  # the password prompt was cancelled
        return refused(0)
    if not window.isVisible():  # closed while the database was being opened: the person left
        ws.close()
        return refused(0)

    show_first_total(window, first)
    try:
        window.attach(ws)
        app.setQuitOnLastWindowClosed(True)

        def shown() -> None:
            _say(sys.stdout, SHOWN_MESSAGE)
            open_file = getattr(args, "open_file", None)
            if open_file and not getattr(args, "opened_in_first_start", False):
                preview_sync_file(window, open_file)
            if quit_ms is not None:
                QTimer.singleShot(quit_ms, window.close)

        QTimer.singleShot(0, shown)
        return app.exec()
    finally:
        ws.close()


def show_first_screen(window, args):
    """Right after the frame is painted, before the database layer is imported: the
    first page, when it is a list that can be read so (the visits list in its
    opening order, of a plain SQLite database at this program's schema; see
    ``zsdesk.db.first_screen``), made and filled with its first screen read on
    a thread (``zsdesk.app.listing.FirstScreenRead``: read-only, nothing written).
    The read (its ``total()`` may come later), or None: anything else, or any
    failure, and start-up goes on as without it."""
    if getattr(args, "demo", False):
        return None  # a demo database may be made or filled at start
    from zsdesk.app.listing import KINDS, FirstScreenRead, readable

    key = window.current_key()
    if key not in KINDS:
        return None
    from zsdesk.ui.lists.page import opening_query

    try:
        query = opening_query(key)
    except Exception:  # a remembered setting this version does not know
        log.debug("start-up: the first list's order is not known", exc_info=True)
        return None
    if not readable(query):
        return None
    read = FirstScreenRead(getattr(args, "db", None), query).start()
    if window.show_first_screen(read) is None:
        return None
    QCoreApplication.processEvents()  # the rows painted before the database layer is imported
    show_first_total(window, read)
    return read


def show_first_total(window, read) -> None:
    """The count of the first screen (``show_first_screen``), when it is in and not
    shown yet; it is shown until the list is counted again with the database."""
    total = read.total(0) if read is not None and window.ws is None else None
    if total is None:
        return
    for page in window.pages.values():   # (made ahead: the list pages of ``show_first_screen``)
        model = getattr(page, "model", None)
        if model is not None and model.total is None:
            model.show_first_total(total)
            QCoreApplication.processEvents()


def first_start(ws, args, quit_ms: int | None):
    """An uninitialised database: the first-start window (``zsdesk.ui.first_start``)
    makes it a site, or opens another database file (asked again if that one is
    uninitialised too). A setup file given as ``args.open_file`` (a double-clicked
    入网文件) is read into the join choice at once. Returns the workspace of an
    initialised site; cancelled: raises ``NotInitialised`` (the database unchanged)."""
    from zsdesk.app.site import is_initialised, is_setup_file
    from zsdesk.ui.first_start import FirstStartWindow

    while ws is not None and not is_initialised(ws):
        window = FirstStartWindow(ws)
        open_file = getattr(args, "open_file", None)
        if open_file and is_setup_file(open_file):
            window.use_setup_file(open_file)
            args.opened_in_first_start = True
        if quit_ms is not None:  # smoke tests: it closes by itself like a refusal does
            QTimer.singleShot(quit_ms, window.reject)
        window.exec()
        window.deleteLater()
        if window.site is not None:
            return ws
        ws.close()
        if window.other_database is None:
            raise NotInitialised(QCoreApplication.translate(
                "App", "数据库尚未初始化，没有打开。数据库中没有任何内容被改动。"))
        args.db, args.demo = window.other_database, False
        ws = open_asking_password(args, progress=None, quit_ms=quit_ms, first_start=True)
        check_at_start(ws)
    return ws


def preview_sync_file(window, path: str) -> None:
    """``zsdesk FILE.zsync`` (a double-clicked sync file): the 同步 page with the
    import preview of ``path`` (its ``preview_import``; without one, just the page)."""
    page = window.show_page("sync")
    preview = getattr(page, "preview_import", None)
    if callable(preview):
        preview(path)
    else:
        log.warning("the sync page cannot preview %s (no preview_import)", path)


def _initial_size(app: QGuiApplication) -> QSize:
    screen = app.primaryScreen()
    want = QSize(1360, 860)
    if screen is None:
        return want
    room = screen.availableGeometry().size()
    return QSize(min(want.width(), room.width() - 40), min(want.height(), room.height() - 60))
