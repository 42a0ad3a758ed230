#!/bin/sh
# /usr/bin/zsdesk: starts zsdesk (招商桌面), installed in /opt/zsdesk.
#
# The bundle carries Qt's X11 platform plugin, not the Wayland one: on a Wayland
# desktop the window goes through XWayland (set QT_QPA_PLATFORM to choose otherwise).
if [ -z "${QT_QPA_PLATFORM:-}" ] && [ "${XDG_SESSION_TYPE:-}" = wayland ]; then
    QT_QPA_PLATFORM=xcb
    export QT_QPA_PLATFORM
fi
exec /opt/zsdesk/zsdesk "$@"
