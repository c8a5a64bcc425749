from candid.cli import main

raise SystemExit(main())
