"""The import wizard (File ▸ Import data…, Ctrl+I): a fingerprint clock's log, a staff list or past events
brought into the record book with a preview first, then written all or nothing. ``wizard.ImportWizard`` is the
QWizard; one module per page; every call into the services is in ``_services``.
"""
