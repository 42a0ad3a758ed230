"""Render resources/icons/zsdesk.svg to the PNG shipped beside it (256 px), with Qt.

    python tools/render_icon.py [SIZE ...]      # default: 256 -> zsdesk.png

Other sizes are written as zsdesk-<size>.png (for installers that want them).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> Path:
    renderer = QSvgRenderer(str(ICONS / "zsdesk.svg"))
    if not renderer.isValid():
        raise SystemExit("zsdesk.svg is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out = ICONS / ("zsdesk.png" if size == 256 else f"zsdesk-{size}.png")
    if not image.save(str(out)):
        raise SystemExit(f"cannot write {out}")
    return out


def main(argv: list[str]) -> int:
    app = QGuiApplication([])  # QPainter and QtSvg need a GUI application object
    for size in [int(a) for a in argv] or [256]:
        print(render(size))
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
