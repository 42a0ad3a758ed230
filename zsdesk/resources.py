"""Where the files in the top-level ``resources/`` folder are at run time.

The same folder is found three ways:
- in a PyInstaller bundle: ``<sys._MEIPASS>/resources`` (the spec copies it there);
- in an installed wheel: the package ``zsdesk_resources`` (pyproject.toml maps
  ``resources/`` to it);
- in a source checkout (also an editable install made before that mapping):
  ``resources/`` beside the ``zsdesk`` package.

No Qt here: the PDF reports need the font too.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

#: a file every copy of the folder holds; it tells our folder from a stray "resources"
_MARKER = ("fonts", "wqy-microhei.ttc")

#: the CJK font shipped for the window and for PDF briefs (a .ttc: face 0 is
#: "WenQuanYi Micro Hei", face 1 its monospaced twin)
CJK_FONT = ("fonts", "wqy-microhei.ttc")
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
APP_ICON = ("icons", "zsdesk.svg")
APP_ICON_PNG = ("icons", "zsdesk.png")


class ResourceMissing(FileNotFoundError):
    """The resources folder (or a file in it) is not where it should be: a broken install."""


def _candidates() -> list[Path]:
    out: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        out.append(Path(bundle) / "resources")
    spec = importlib.util.find_spec("zsdesk_resources")
    if spec is not None and spec.submodule_search_locations:
        out.extend(Path(p) for p in spec.submodule_search_locations)
    out.append(Path(__file__).resolve().parent.parent / "resources")
    return out


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    """The resources folder in use."""
    tried = _candidates()
    for folder in tried:
        if folder.joinpath(*_MARKER).is_file():
            return folder
    raise ResourceMissing("找不到程序资源文件夹（resources），安装可能不完整；查找过："
                          + "；".join(str(p) for p in tried))


def resource_path(*parts: str) -> Path:
    """The path of a file under resources/, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``.
    The file is not required to exist (callers decide whether it is optional)."""
    return resources_dir().joinpath(*parts)
