"""The script a PyInstaller bundle runs: the ``zsdesk`` command (zsdesk.cli:main).
``zsdesk`` with no command opens the window; ``zsdesk FILE.zsync`` opens it on
the import preview of that file."""

import sys

from zsdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
