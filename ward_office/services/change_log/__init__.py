"""The change log (nhật ký thay đổi) for people: who changed what and when, found by filters, told in
Vietnamese sentences, shown field by field before and after, and exported to Excel or CSV.

The log itself is written by storage in the same transaction as every change and can never be rewritten;
storage reads it back as typed lines (core.change_log.Change) and this package only words them: one module
per kind of record (attendance, events, staff, settings), the fields in fields.py.
"""

from ward_office.services.change_log.export import (
           EXPORT_SUFFIXES,
           ChangeLogExport,
           export_change_log,
)
from ward_office.services.change_log.fields import FieldChange, entry_fields, field_value
from ward_office.services.change_log.finding import (
           ChangeFilter,
           ChangeLine,
           actors,
           filter_text,
           find_entries,
           iter_entries,
)
from ward_office.services.change_log.labels import (
           ACTION_LABELS,
           PAGE_SIZE,
           RECORD_KINDS,
           action_label,
           field_label,
           kind_label,
)
from ward_office.services.change_log.lookup import Lookup
from ward_office.services.change_log.sentences import describe

__all__ = ["ACTION_LABELS", "EXPORT_SUFFIXES", "PAGE_SIZE", "RECORD_KINDS", "ChangeFilter", "ChangeLine",
           "ChangeLogExport", "FieldChange", "Lookup", "action_label", "actors", "describe", "entry_fields",
           "export_change_log", "field_label", "field_value", "filter_text",
           "find_entries", "iter_entries", "kind_label"]
