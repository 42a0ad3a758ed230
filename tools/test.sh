#!/usr/bin/env bash
# The test command: bash tools/test.sh [pytest arguments...]
#
# On a fresh Debian 12 machine (as root, or with sudo) it installs what is
# missing: the system libraries headless Qt needs, Xvfb and the xcb libraries,
# poppler-utils, PostgreSQL and python3-venv. It makes a virtualenv in .venv,
# installs zsdesk with its test extras, starts a throwaway PostgreSQL 15 server
# on port 54329 in a temporary folder (stopped again on exit), and runs pytest
# on both backends. Before pytest it checks the layer contract with import-linter
# (`lint-imports`, pyproject.toml [tool.importlinter], docs/ARCHITECTURE.md); a broken
# contract fails the script (exit 1 when pytest itself passed). So do `ruff check` and
# `mypy` (pyproject.toml [tool.ruff], [tool.mypy]), run before pytest too: pytest runs
# whatever they report, and the script fails at the end naming the check that failed.
# Otherwise the exit code is pytest's.
#
# In CI (CI=true), or with ZSDESK_BUILD_INSTALLERS=1, it then builds the installers
# after pytest: installs PyInstaller (zsdesk[build]) into the virtualenv, runs
# `python installers/build.py` (bundle, .deb, smoke tests from the built program)
# and tests/test_installers.py again against the built bundle (ZSDESK_BUNDLE).
# A failure there fails the script too (exit 1 when pytest itself passed).
#
# A second run skips whatever is already in place. Settings (all optional):
#   ZSDESK_TEST_PG_URL   use this PostgreSQL instead of starting one (it gets wiped!)
#   ZSDESK_TEST_PG_PORT  port of the throwaway server (default 54329)
#   ZSDESK_TEST_NO_APT=1 never touch system packages
#   ZSDESK_BUILD_INSTALLERS=1  build and smoke-test the installers after pytest (CI does)
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
REPO=$(pwd)
STARTED=$(date +%s)

say()  { printf '[test.sh] %s\n' "$*" >&2; }
loud() {
    printf '\n[test.sh] %s\n' "############################################################" >&2
    for line in "$@"; do printf '[test.sh] ## %s\n' "$line" >&2; done
    printf '[test.sh] %s\n\n' "############################################################" >&2
}

# --- system packages ------------------------------------------------------------------------

APT_PACKAGES=(
    # headless Qt (QT_QPA_PLATFORM=offscreen)
    libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
    # a real window under Xvfb (xcb)
    xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
    # looking at PDFs (pdftoppm, pdffonts)
    poppler-utils
    # the second backend
    postgresql
)

CAN_INSTALL=1
if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    AS_ROOT=(sudo -n)
else
    AS_ROOT=()
    CAN_INSTALL=0
fi

missing_packages() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
    done
}

PYTHON=${PYTHON:-python3}
wanted=("${APT_PACKAGES[@]}")
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    wanted+=(python3 python3-venv)
elif ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    wanted+=(python3-venv)
fi

if [ "${ZSDESK_TEST_NO_APT:-0}" = 1 ]; then
    say "ZSDESK_TEST_NO_APT=1: not checking system packages"
elif ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian system: install the packages of ENVIRONMENT.md yourself (${wanted[*]})"
else
    mapfile -t missing < <(missing_packages "${wanted[@]}")
    if [ "${#missing[@]}" -eq 0 ]; then
        say "system packages: all present"
    elif [ "$CAN_INSTALL" = 0 ]; then
        loud "Missing system packages: ${missing[*]}" \
             "Not root and no password-less sudo, so they are not installed." \
             "Tests that need them will fail or be skipped."
    else
        say "installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        "${AS_ROOT[@]}" apt-get update -qq >&2 || say "apt-get update failed"
        "${AS_ROOT[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
            || loud "apt-get install failed for some of: ${missing[*]}"
    fi
fi

# --- the virtualenv -----------------------------------------------------------------------------

VENV="$REPO/.venv"
if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV" || { loud "could not create the virtualenv in $VENV"; exit 2; }
fi
# Reinstall only when the project's requirements (or the interpreter) change.
STAMP="$VENV/.zsdesk-test-install"
want_stamp=$( { cat pyproject.toml; "$VENV/bin/python" -VV; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want_stamp" ] \
        || ! "$VENV/bin/python" -c 'import zsdesk, pytest, hypothesis, psycopg, pytestqt, importlinter, ruff, mypy, xdist' >/dev/null 2>&1; then
    say "installing zsdesk and its test requirements into $VENV"
    "$VENV/bin/python" -m pip install -q -e '.[test]' >&2 \
        || { loud "pip install -e '.[test]' failed"; exit 2; }
    echo "$want_stamp" > "$STAMP"
else
    say "virtualenv: up to date"
fi

# --- a throwaway PostgreSQL -------------------------------------------------------------------------

PG_RUN=""
PG_BIN=""
PG_AS=()
stop_postgres() {
    if [ -n "$PG_RUN" ] && [ -n "$PG_BIN" ]; then
        if [ -f "$PG_RUN/data/postmaster.pid" ]; then
            "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_RUN/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
                || say "could not stop PostgreSQL in $PG_RUN"
        fi
        rm -rf "$PG_RUN"
    fi
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_postgres() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
        [ -x "$dir/initdb" ] && PG_BIN=$dir
    done
    if [ -z "$PG_BIN" ]; then
        PG_WHY="PostgreSQL server programs not found (/usr/lib/postgresql/*/bin/initdb)"
        return 1
    fi
    local port=${ZSDESK_TEST_PG_PORT:-54329}
    if ! port_free "$port"; then
        PG_WHY="port $port is already in use (another test run?); set ZSDESK_TEST_PG_PORT"
        return 1
    fi
    PG_RUN=$(mktemp -d "${TMPDIR:-/tmp}/zsdesk-pg.XXXXXX")
    mkdir -p "$PG_RUN/sock"
    if [ "$(id -u)" -eq 0 ]; then
        # the server refuses to run as root: give the folder to the postgres user
        if ! id postgres >/dev/null 2>&1; then
            PG_WHY="running as root and there is no postgres user to run the server"
            return 1
        fi
        chown -R postgres:postgres "$PG_RUN"
        PG_AS=(runuser -u postgres --)
    fi
    if ! "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_RUN/data" -U app -A trust -E UTF8 --locale=C.UTF-8 \
            --no-sync >"$PG_RUN/initdb.log" 2>&1; then
        PG_WHY="initdb failed: $(tail -n 3 "$PG_RUN/initdb.log" | tr '\n' ' ')"
        return 1
    fi
    if ! "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_RUN/data" -l "$PG_RUN/server.log" -w -t 30 \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $PG_RUN/sock -c fsync=off -c max_connections=200" \
            start >/dev/null 2>&1; then
        PG_WHY="the server did not start: $(tail -n 3 "$PG_RUN/server.log" 2>/dev/null | tr '\n' ' ')"
        return 1
    fi
    if ! "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U app appdb >/dev/null 2>&1; then
        PG_WHY="createdb appdb failed"
        return 1
    fi
    export ZSDESK_TEST_PG_URL="postgresql+psycopg://app@127.0.0.1:$port/appdb"
    say "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on port $port (data in $PG_RUN)"
}

PG_WHY=""
unset ZSDESK_TEST_PG_UNAVAILABLE
if [ -n "${ZSDESK_TEST_PG_URL:-}" ]; then
    say "using the PostgreSQL given in ZSDESK_TEST_PG_URL (its database is wiped by the tests)"
elif ! start_postgres; then
    unset ZSDESK_TEST_PG_URL
    export ZSDESK_TEST_PG_UNAVAILABLE="the server could not be started ($PG_WHY)"
    loud "PostgreSQL COULD NOT BE STARTED: $PG_WHY" \
         "Running the SQLite tests only; every PostgreSQL test will be SKIPPED."
fi

# --- the tests ----------------------------------------------------------------------------------------

# The layers: zsdesk.ui reaches the core only through zsdesk.app; the core never imports Qt.
contract_status=0
say "checking the layer contract: lint-imports"
if ! "$VENV/bin/lint-imports" --no-cache >&2; then
    loud "THE LAYER CONTRACT IS BROKEN (lint-imports, output above; see docs/ARCHITECTURE.md)"
    contract_status=1
fi

# Habits (pyproject.toml [tool.ruff], [tool.mypy]): a failure is remembered, pytest still runs.
lint_failed=()
say "checking the code: ruff check"
if ! "$VENV/bin/ruff" check zsdesk tests bench tools installers >&2; then
    loud "RUFF CHECK FAILED (output above; pyproject.toml [tool.ruff])"
    lint_failed+=("ruff check")
fi
say "checking the types: mypy"
if ! "$VENV/bin/mypy" >&2; then
    loud "MYPY FAILED (output above; pyproject.toml [tool.mypy])"
    lint_failed+=("mypy")
fi

say "setup took $(( $(date +%s) - STARTED )) s; running pytest $*"
# A test stuck for 10 minutes (a modal dialog, a lock) gets its stack printed in the log.
# Two processes (pytest-xdist; ZSDESK_TEST_WORKERS=0 for one): each has its own PostgreSQL
# databases and temporary folders (tests/conftest.py).
WORKERS=${ZSDESK_TEST_WORKERS:-2}
if [ "$WORKERS" -gt 0 ] 2>/dev/null; then
    WORKER_ARGS=(-n "$WORKERS")
else
    WORKER_ARGS=()
fi
"$VENV/bin/python" -m pytest -o faulthandler_timeout=600 "${WORKER_ARGS[@]}" "$@"
status=$?
if [ -n "$PG_WHY" ]; then
    loud "Reminder: PostgreSQL was NOT tested ($PG_WHY)."
fi

# --- the installers (CI, or ZSDESK_BUILD_INSTALLERS=1) -----------------------------------------------

build_installers() {
    local began
    began=$(date +%s)
    if ! "$VENV/bin/python" -c 'import PyInstaller' >/dev/null 2>&1; then
        say "installing PyInstaller (zsdesk[build]) into $VENV"
        "$VENV/bin/python" -m pip install -q -e '.[build]' >&2 \
            || { loud "pip install -e '.[build]' failed: the installers were NOT built"; return 1; }
    fi
    say "building the installers: python installers/build.py"
    if ! "$VENV/bin/python" installers/build.py; then
        loud "BUILDING OR SMOKE-TESTING THE INSTALLERS FAILED (installers/build.py, output above)"
        return 1
    fi
    say "checking the built bundle: pytest tests/test_installers.py with ZSDESK_BUNDLE set"
    if ! ZSDESK_BUNDLE="$REPO/installers/dist/zsdesk" \
            "$VENV/bin/python" -m pytest -o faulthandler_timeout=600 -q tests/test_installers.py; then
        loud "THE BUILT BUNDLE FAILED tests/test_installers.py"
        return 1
    fi
    say "installers built and checked in $(( $(date +%s) - began )) s"
}

build_status=0
if [ "${CI:-}" = true ] || [ "${ZSDESK_BUILD_INSTALLERS:-0}" = 1 ]; then
    build_installers || build_status=1
fi
if [ "$build_status" -ne 0 ]; then
    say "finished in $(( $(date +%s) - STARTED )) s, pytest exit code $status, the installers FAILED"
    [ "$status" -eq 0 ] && status=$build_status
else
    say "finished in $(( $(date +%s) - STARTED )) s, pytest exit code $status"
fi
if [ "$contract_status" -ne 0 ]; then
    say "the layer contract (lint-imports) is BROKEN: the run fails"
    [ "$status" -eq 0 ] && status=$contract_status
fi
if [ "${#lint_failed[@]}" -ne 0 ]; then
    for check in "${lint_failed[@]}"; do
        say "$check FAILED (output above): the run fails"
    done
    [ "$status" -eq 0 ] && status=1
fi
exit $status
