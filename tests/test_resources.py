"""The resources folder is found, and `pip install .` ships every package and it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zsdesk.resources import APP_ICON, APP_ICON_PNG, CJK_FONT, resource_path, resources_dir

ROOT = Path(__file__).resolve().parent.parent


def test_resource_path_finds_the_font_icons_and_licence():
    assert resource_path(*CJK_FONT).is_file()
    assert resource_path(*APP_ICON).is_file()
    assert resource_path(*APP_ICON_PNG).is_file()
    assert resource_path("fonts", "LICENSE-wqy-microhei.txt").is_file()


def test_a_bundle_folder_wins(tmp_path, monkeypatch):
    bundle = tmp_path / "bundle"
    font = bundle.joinpath("resources", *CJK_FONT)
    font.parent.mkdir(parents=True)
    font.write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    resources_dir.cache_clear()
    try:
        assert resource_path(*CJK_FONT) == font
    finally:
        monkeypatch.undo()
        resources_dir.cache_clear()


def test_setup_lists_every_package_and_maps_resources(monkeypatch):
    """setup.py finds the packages (a new sub-package cannot be forgotten) and
    installs resources/ as `zsdesk_resources`, sub-folders included."""
    import runpy
    import tomllib

    import setuptools

    captured: dict = {}
    monkeypatch.setattr(setuptools, "setup", lambda **kw: captured.update(kw))
    monkeypatch.chdir(ROOT)
    runpy.run_path(str(ROOT / "setup.py"))
    packages = set(captured["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "zsdesk").rglob("*.py")}
    assert on_disk <= packages
    assert not any("__pycache__" in p for p in packages)
    assert {"zsdesk_resources", "zsdesk_resources.fonts", "zsdesk_resources.icons"} <= packages
    assert captured["package_dir"] == {"zsdesk_resources": "resources"}
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "packages" not in config["tool"]["setuptools"], "setup.py owns the package list"
    assert config["tool"]["setuptools"]["package-data"]["zsdesk_resources"] == ["**/*"]


def _can_build_offline() -> bool:
    import importlib.metadata
    import importlib.util

    try:
        version = tuple(int(x) for x in importlib.metadata.version("setuptools").split(".")[:2])
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    # bdist_wheel is part of setuptools from 70.1; before that it needs `wheel`
    return version >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.mark.slow
@pytest.mark.skipif(not _can_build_offline(), reason="this environment's setuptools cannot build a wheel "
                    "without downloading the build backend (pip install wheel, or setuptools>=70.1)")
def test_the_wheel_holds_every_package_and_the_resources(tmp_path):
    """Build the wheel from a copy of the tree (the shared tree gets no build/)."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".hypothesis", ".pytest_cache", "__pycache__", "build", "dist", "*.egg-info",
        "bench", "docs", "tests"))
    out = tmp_path / "wheel"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--disable-pip-version-check", "-q", "-w", str(out), str(src)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = out.glob("zsdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    packages = {p.parent.relative_to(src).as_posix() for p in (src / "zsdesk").rglob("*.py")}
    for package in packages:
        assert any(n.startswith(f"{package}/") for n in names), f"{package} is missing from the wheel"
    for parts in (CJK_FONT, APP_ICON, APP_ICON_PNG, ("fonts", "LICENSE-wqy-microhei.txt")):
        assert "/".join(("zsdesk_resources", *parts)) in names
    assert any(n.startswith("zsdesk/db/migrations/versions/0001_") for n in names)
