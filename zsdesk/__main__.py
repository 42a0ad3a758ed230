from zsdesk.cli import main

raise SystemExit(main())
