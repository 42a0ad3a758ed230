"""The Debian package, made with dpkg-deb from a built bundle.

    /opt/zsdesk/                                 the bundle (zsdesk + _internal/)
    /usr/bin/zsdesk                              linux/zsdesk.sh: exec /opt/zsdesk/zsdesk "$@"
    /usr/share/applications/zsdesk.desktop       招商桌面 in the menu; opens .zsync files
    /usr/share/icons/hicolor/256x256/apps/zsdesk.png (+ scalable/apps/zsdesk.svg)
    /usr/share/mime/packages/zsdesk.xml          *.zsync = application/x-zsdesk-sync
    /usr/share/doc/zsdesk/copyright
    DEBIAN/control, md5sums, postrm              (postrm deletes nothing: see its comment)

Depends: the packages of the system libraries the bundle links but does not
carry (found with ldd and dpkg -S on the build machine), the lowest glibc its
binaries ask for, and the packages whose data files a carried library reads
(fontconfig's configuration, the XKB keymaps). User data lives in each user's
home (~/.local/share/zsdesk), never under /opt/zsdesk, so an upgrade or a
removal leaves it alone.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINUX = HERE / "linux"
PREFIX = "opt/zsdesk"
PACKAGE = "zsdesk"
MIME_TYPE = "application/x-zsdesk-sync"

#: packages a carried library needs for its data, not its code (ldd cannot see these)
DATA_DEPENDS = {
    "libfontconfig1": "fontconfig's configuration (/etc/fonts) for the carried libfontconfig",
    "libxkbcommon0": "the XKB keymaps (xkb-data) for the carried libxkbcommon",
}
RECOMMENDS = ("shared-mime-info", "desktop-file-utils", "hicolor-icon-theme")
MAINTAINER = os.environ.get("ZSDESK_DEB_MAINTAINER", "zsdesk maintainers <maintainers@zsdesk.cn>")

#: files a user's portable run leaves beside the program: never packaged
USER_FILES = ("portable", "zsdesk.db", "zsdesk.db-wal", "zsdesk.db-shm", "backups", "settings", "attachments")


class DebError(Exception):
    pass


def debian_version(version: str) -> str:
    """A PEP 440 version as a Debian one: 0.2.0a1 -> 0.2.0~a1, 1.0.dev3 -> 1.0~dev3
    (``~`` sorts before the release, as the pre-release does)."""
    return re.sub(r"\.?(a|b|rc|dev)(\d*)", r"~\1\2", version)


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


# --- what the bundle needs from the system -------------------------------------------------------

def _elf_files(folder: Path) -> list[Path]:
    out = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def system_libraries(bundle: Path) -> tuple[set[str], list[str]]:
    """(paths of system libraries the bundle's binaries load, problems): ldd of every
    ELF file, with the library path the bootloader sets (the contents folder)."""
    contents = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(contents))
    found: set[str] = set()
    problems = []
    for elf in _elf_files(bundle):
        done = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env, check=False)
        for line in done.stdout.splitlines():
            line = line.strip()
            if "=> not found" in line:
                problems.append(f"{elf.relative_to(bundle)}: {line}")
                continue
            match = re.search(r"(/\S+) \(0x", line)
            if match and not Path(match.group(1)).resolve().is_relative_to(bundle.resolve()):
                found.add(match.group(1))
    return found, problems


def _twins(path: str) -> list[str]:
    """``path``, its real path and their /usr-merged twins (dpkg knows only one of them)."""
    out = [path, os.path.realpath(path)]
    for p in list(out):
        if p.startswith("/usr/lib/"):
            out.append(p[len("/usr"):])
        elif p.startswith("/lib"):
            out.append("/usr" + p)
    return list(dict.fromkeys(out))


def owning_packages(paths: set[str]) -> dict[str, str | None]:
    """The package that installed each path (one ``dpkg -S`` for them all)."""
    candidates = {path: _twins(path) for path in paths}
    everything = sorted({c for twins in candidates.values() for c in twins})
    done = subprocess.run(["dpkg", "-S", *everything], capture_output=True, text=True, check=False)
    owner: dict[str, str] = {}
    for line in done.stdout.splitlines():
        if ": " in line:
            packages, file = line.split(": ", 1)
            owner[file.strip()] = packages.split(",")[0].split(":")[0].strip()
    return {path: next((owner[c] for c in twins if c in owner), None) for path, twins in candidates.items()}


def glibc_floor(bundle: Path) -> tuple[str, str] | None:
    """The highest GLIBC_x.y symbol version any binary of the bundle needs, and
    the first file that needs it. (Libraries the bundle carries were copied from
    the build machine: build on the oldest distribution the package is for.)"""
    best, where = None, ""
    pattern = re.compile(rb"GLIBC_(2\.\d+(?:\.\d+)?)\x00")
    for elf in sorted(_elf_files(bundle)):
        for m in pattern.finditer(elf.read_bytes()):
            v = tuple(int(x) for x in m.group(1).split(b"."))
            if best is None or v > best:
                best, where = v, elf.name
    return (".".join(map(str, best)), where) if best else None


def depends(bundle: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The Depends list, and for each package the libraries that called for it."""
    libs, problems = system_libraries(bundle)
    if problems:
        raise DebError("the bundle links libraries this machine does not have (the package would "
                       "not run either):\n  " + "\n  ".join(problems))
    why: dict[str, list[str]] = {}
    owners = owning_packages(libs)
    for lib in sorted(libs):
        package = owners[lib]
        if package is None:
            raise DebError(f"no package owns {lib}: cannot name the dependency")
        why.setdefault(package, []).append(Path(lib).name)
    for package, reason in DATA_DEPENDS.items():
        why.setdefault(package, []).append(reason)
    floor = glibc_floor(bundle)
    out = []
    for package in sorted(why):
        if package == "libc6" and floor:
            out.append(f"libc6 (>= {floor[0]})")
            why[package].append(f"GLIBC_{floor[0]} for {floor[1]}")
        else:
            out.append(package)
    return out, why


# --- the package -----------------------------------------------------------------------------

def _copy_tree(src: Path, dst: Path) -> None:
    """Hard links where possible (fast; the bundle is 250 MB), else copies; times kept."""
    def link_or_copy(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
    shutil.copytree(src, dst, symlinks=True, copy_function=link_or_copy)


def _normalise_modes(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _installed_size_kib(root: Path) -> int:
    total = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()
                and "DEBIAN" not in p.relative_to(root).parts[:1])
    return (total + 1023) // 1024


def _md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] == "DEBIAN" or not path.is_file() or path.is_symlink():
            continue
        digest = hashlib.md5(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {rel.as_posix()}\n")
    return "".join(lines)


def copyright_text(version: str) -> str:
    return f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: zsdesk (招商桌面)
Comment: zsdesk {version}, built with PyInstaller as one folder under /opt/zsdesk.
 The folder carries Python, Qt for Python (PySide6) and the Python libraries
 zsdesk uses, each under its own licence.

Files: *
Copyright: the zsdesk authors
License: Proprietary

Files: opt/zsdesk/_internal/resources/fonts/wqy-microhei.ttc
Copyright: WenQuanYi Board of Trustees
License: Apache-2.0 or GPL-3 with font embedding exception
 See /opt/zsdesk/_internal/resources/fonts/LICENSE-wqy-microhei.txt and
 /usr/share/common-licenses/Apache-2.0.

Files: opt/zsdesk/_internal/resources/fonts/uming-gb2312.ttf
Copyright: 1999 Arphic Technology Co., Ltd.
License: Arphic Public License
 A subset (GB 2312 characters) of AR PL UMing CN, made by the zsdesk authors
 with tools/subset_uming.py. See
 /opt/zsdesk/_internal/resources/fonts/LICENSE-arphic-uming.txt.

Files: opt/zsdesk/_internal/PySide6/*
Copyright: The Qt Company Ltd. and other contributors
License: LGPL-3
 See /usr/share/common-licenses/LGPL-3.
"""


@dataclass
class Staged:
    """A package tree ready for dpkg-deb."""
    root: Path
    deb: Path
    depends: list[str]
    why: dict[str, list[str]]


def stage(bundle: Path, out_dir: Path, *, version: str, work: Path) -> Staged:
    """The package tree of the bundle folder in ``work/deb-root`` (hard links to the
    bundle's files, so it is made in a second): the files, control, md5sums, postrm."""
    leftovers = [name for name in USER_FILES if (bundle / name).exists()]
    if leftovers:
        raise DebError(f"{bundle} holds user files {leftovers}: build from a clean bundle")
    arch = architecture()
    deps, why = depends(bundle)
    root = work / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    _copy_tree(bundle, root / PREFIX)

    def put(src: Path | None, rel: str, mode: int = 0o644, text: str | None = None) -> None:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if text is not None:
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(src, target)
        target.chmod(mode)

    resources = bundle / "_internal" / "resources"
    put(LINUX / "zsdesk.sh", "usr/bin/zsdesk", 0o755)
    put(LINUX / "zsdesk.desktop", "usr/share/applications/zsdesk.desktop")
    put(resources / "icons" / "zsdesk.png", "usr/share/icons/hicolor/256x256/apps/zsdesk.png")
    put(resources / "icons" / "zsdesk.svg", "usr/share/icons/hicolor/scalable/apps/zsdesk.svg")
    put(LINUX / "zsdesk-mime.xml", "usr/share/mime/packages/zsdesk.xml")
    put(None, "usr/share/doc/zsdesk/copyright", text=copyright_text(version))
    _normalise_modes(root)

    control = (
        f"Package: {PACKAGE}\n"
        f"Version: {debian_version(version)}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {_installed_size_kib(root)}\n"
        f"Depends: {', '.join(deps)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: 招商桌面 — investment-promotion desk for county teams\n"
        " zsdesk (招商桌面) records company visits (拜访), leads (线索) and signed\n"
        " projects (签约项目) offline; counties and the city office sync by file\n"
        " (.zsync), and the city prints the monthly brief (简报) and Excel ledgers (台账).\n"
        " .\n"
        " Installed in /opt/zsdesk. Each user's data stays in ~/.local/share/zsdesk and\n"
        " is kept when the package is upgraded or removed.\n"
    )
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control, encoding="utf-8")
    (debian / "md5sums").write_text(_md5sums(root), encoding="utf-8")
    shutil.copyfile(LINUX / "postrm", debian / "postrm")
    (debian / "postrm").chmod(0o755)
    for name in ("control", "md5sums"):
        (debian / name).chmod(0o644)
    out_dir.mkdir(parents=True, exist_ok=True)
    return Staged(root, out_dir / f"{PACKAGE}_{debian_version(version)}_{arch}.deb", deps, why)


def compress(staged: Staged) -> Path:
    """dpkg-deb: the staged tree into the .deb (the slow part: run it while testing)."""
    # xz at level 1: a fifth smaller than gzip -6, and 40 s instead of the minute and
    # more the default level spends on the 250 MB of the bundle (2 cores)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(staged.root),
                    str(staged.deb)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(staged.root)
    return staged.deb


def describe(staged: Staged, log=print) -> None:
    log(f"  Depends: {', '.join(staged.depends)}")
    for package, libs in sorted(staged.why.items()):
        log(f"    {package:<22} {', '.join(libs)}")


def build_deb(bundle: Path, out_dir: Path, *, version: str, work: Path, log=print) -> Path:
    """Make ``zsdesk_<version>_<arch>.deb`` in ``out_dir`` from the bundle folder."""
    staged = stage(bundle, out_dir, version=version, work=work)
    describe(staged, log)
    return compress(staged)


def extract(deb: Path, root: Path) -> Path:
    """``dpkg -x`` the package into ``root``; the program folder inside it."""
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    return root / PREFIX


def fields(deb: Path) -> dict[str, str]:
    out = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    result, key = {}, None
    for line in out.splitlines():
        if line[:1] in (" ", "\t") and key:
            result[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            result[key] = value.strip()
    return result
