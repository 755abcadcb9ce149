from ward_office.cli import main

raise SystemExit(main())
