"""The files shipped with the program (font, icons, translations), for the window:
where they are, never data. A door of its own so the window imports nothing but
``zsdesk.app`` (docs/ARCHITECTURE.md)."""

from zsdesk.resources import (
    APP_ICON, APP_ICON_PNG, CJK_FONT, CJK_FONT_FAMILY, ResourceMissing, resource_path,
)

__all__ = ["APP_ICON", "APP_ICON_PNG", "CJK_FONT", "CJK_FONT_FAMILY", "ResourceMissing", "resource_path"]
