"""Packaging shim. pyproject.toml holds the configuration; this file adds what it
cannot say:

- the package list = every package under zsdesk/ (found, so a new sub-package is
  never left out of a wheel) plus the top-level resources/ folder installed as the
  package ``zsdesk_resources`` (fonts, icons, translations, templates; see
  zsdesk/resources.py), with its sub-folders;
- the translations compiled at build time: every ``resources/translations/*.ts``
  becomes a ``.qm`` beside it in the wheel (build_py) and in the sdist (so a wheel
  built from the sdist needs no lrelease). The app loads the shipped ``.qm``
  (zsdesk/ui/i18n.py); only a source checkout compiles at start.
"""

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

NOT_PACKAGES = ["*.__pycache__", "__pycache__"]
HERE = Path(__file__).resolve().parent
TRANSLATIONS = Path("resources") / "translations"


def _lrelease() -> str | None:
    """pyside6-lrelease on PATH, or the binary inside an importable PySide6
    (found without importing Qt)."""
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            binary = Path(folder) / ("lrelease.exe" if os.name == "nt" else "lrelease")
            if binary.is_file():
                return str(binary)
    return None


def compile_translations(target: Path) -> None:
    """``resources/translations/<name>.ts`` -> ``target/<name>.qm``, unless a .qm
    not older than its .ts is already there (an sdist carries them compiled)."""
    for ts in sorted((HERE / TRANSLATIONS).glob("*.ts")):
        qm = target / ts.with_suffix(".qm").name
        shipped = ts.with_suffix(".qm")
        if not qm.is_file() and shipped.is_file() and shipped.stat().st_mtime >= ts.stat().st_mtime:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(shipped, qm)
        if qm.is_file() and qm.stat().st_size > 0 and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        lrelease = _lrelease()
        if lrelease is None:
            raise SystemExit(f"pyside6-lrelease not found: cannot compile {ts} "
                             "(install PySide6-Essentials in the build environment)")
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)


class BuildPyWithTranslations(build_py):
    def run(self):
        super().run()
        # an editable install reads resources/ in place: i18n compiles at start there
        if not self.dry_run and not getattr(self, "editable_mode", False):
            compile_translations(Path(self.build_lib) / "zsdesk_resources" / "translations")


class SdistWithTranslations(sdist):
    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        compile_translations(Path(base_dir) / TRANSLATIONS)


setup(
    packages=[
        *find_namespace_packages(include=["zsdesk", "zsdesk.*"], exclude=NOT_PACKAGES),
        "zsdesk_resources",
        *(f"zsdesk_resources.{sub}" for sub in find_namespace_packages(where="resources", exclude=NOT_PACKAGES)),
    ],
    package_dir={"zsdesk_resources": "resources"},
    cmdclass={"build_py": BuildPyWithTranslations, "sdist": SdistWithTranslations},
)
