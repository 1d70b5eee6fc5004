from teacherdesk.cli import main

raise SystemExit(main())
