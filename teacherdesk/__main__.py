from teacherdesk.cli.main import main

raise SystemExit(main())
