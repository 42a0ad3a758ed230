"""Services: every read and write a screen, the command line or an import makes.

No Qt here. A ``Workspace`` is an open database plus its local site; services
hang off it (``ws.companies``, ``ws.visits`` …) and write only through
``ws.write()``, which captures every change.
"""

from zsdesk.services.workspace import SiteInfo, Workspace, init_site, open_workspace

__all__ = ["SiteInfo", "Workspace", "init_site", "open_workspace"]
