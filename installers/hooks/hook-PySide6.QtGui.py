"""Replaces PyInstaller's hook for PySide6.QtGui (hooks in the spec's hookspath
win over the built-in ones): the same collection, minus the Qt plugins that
installers/layout.py does not keep. Dropping them here, before PyInstaller
follows their libraries, keeps what they link (GTK for the GTK theme, QtQuick and
QML for the virtual keyboard, Wayland, EGLFS) out of the bundle altogether."""

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

from layout import keep_qt_plugin  # the spec puts installers/ on sys.path

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)


def _kept(entry) -> bool:
    """A (source, folder in the bundle) entry that is not a plugin, or a kept plugin."""
    dest = "/" + entry[1].replace("\\", "/").strip("/") + "/"
    if "/plugins/" not in dest:
        return True
    plugin_type = dest.split("/plugins/", 1)[1].strip("/")
    return keep_qt_plugin(f"{plugin_type}/{PurePath(entry[0]).name}")


binaries = [b for b in binaries if _kept(b)]
