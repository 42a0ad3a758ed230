#!/usr/bin/env bash
# Start zsdesk (招商桌面) on its demo database, from this source folder:
#
#     bash tools/demo.sh [zsdesk options]
#
# On a Debian/Ubuntu desktop it first installs what is missing: the system
# libraries Qt needs under X11 and python3-venv (with sudo unless run as root;
# nothing is installed when all are present), then a virtual environment in
# .venv with zsdesk in it (again only when pyproject.toml changed), then runs
# `zsdesk --demo`. The first start downloads about 400 MB of Python packages
# (Qt) and generates the demo data; later starts take a few seconds.
#
# Environment: ZSDESK_VENV (default <repo>/.venv), PYTHON (default python3),
# ZSDESK_QUIT_AFTER_MS (the app closes itself that long after its window shows).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ZSDESK_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

# Qt's xcb platform plugin and its dependencies (see docs in ENVIRONMENT.md).
APT_PACKAGES=(
    python3-venv
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
)

say() { printf 'zsdesk demo: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

install_system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        say "not a Debian/Ubuntu system: skipping system packages (Qt needs libGL, libEGL," \
            "libxkbcommon-x11 and the xcb-cursor/icccm/image/keysyms/render-util/shape/util libraries)"
        return 0
    fi
    local missing=() pkg
    for pkg in "${APT_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null 2>&1 ||
            die "these system packages are missing and sudo is not available; as root run: apt-get install ${missing[*]}"
        sudo=(sudo)
    fi
    say "installing system packages: ${missing[*]}"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

make_venv() {
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found; install Python 3.11 or later"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
        die "zsdesk needs Python 3.11 or later; $PYTHON is $("$PYTHON" -V 2>&1)"
    if [[ ! -x "$VENV/bin/python" || ! -x "$VENV/bin/pip" ]]; then
        say "creating the virtual environment $VENV"
        rm -rf "$VENV"
        "$PYTHON" -m venv "$VENV"
    fi
}

install_zsdesk() {
    # Editable: a `git pull` needs no reinstall unless pyproject.toml changed.
    local stamp="$VENV/.zsdesk-pyproject.sha256" want
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [[ -x "$VENV/bin/zsdesk" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
        return 0
    fi
    say "installing zsdesk and its Python packages into $VENV (first time: about 400 MB)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -e "$ROOT"
    printf '%s\n' "$want" >"$stamp"
}

install_system_packages
make_venv
install_zsdesk

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    die "no graphical session (DISPLAY is not set): run this on the desktop, or under xvfb-run"
fi
exec "$VENV/bin/zsdesk" --demo "$@"
