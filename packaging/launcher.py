"""The bundle's entry point: the same ``ward-office`` command the pip install gives."""

from ward_office.cli import main

raise SystemExit(main())
