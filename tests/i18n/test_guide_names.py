"""The user guide names buttons, pages, menus and reports as the window does. Its names are written by hand, so
this test reads them and finds each in the catalog's translations: a name changed in the window (or a typo in
the guide) fails here instead of leaving a clerk looking for a button that does not exist.

In the guide, ``<b>`` marks a name shown by the program (a menu path is written "Tệp › Nhập dữ liệu…");
``<strong>`` is plain emphasis and is not checked."""

from __future__ import annotations

import html
import re
from pathlib import Path

from babel.messages.pofile import read_po

from ward_office.services.printing import REPORTS

from ward_office.ui.shell.page_list import PAGES

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "translations" / "vi" / "LC_MESSAGES" / "ward_office.po"
GUIDE = ROOT / "resources" / "guide" / "huong-dan.html"


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _translations() -> dict[str, str]:
    """msgid -> msgstr of every singular entry."""
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    return {message.id: message.string for message in catalog
            if message.id and isinstance(message.id, str) and isinstance(message.string, str)}


def _shown_forms(text: str) -> set[str]:
    """How a translation can be named in prose: without its accelerator "&", without the arrows of a
    button ("◀ Ngày trước", "&Tiếp theo >"), and without a trailing "(…)" hint such as a shortcut."""
    bare = text.replace("&", "").strip(" ◀▶<>:").strip()
    forms = {bare}
    if bare.endswith(")") and " (" in bare:
        forms.add(bare[:bare.rindex(" (")].strip())
    return forms


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_every_name_in_the_guide_is_one_the_program_shows() -> None:
    shown = {form for text in _translations().values() if text for form in _shown_forms(text)}
    names = [_plain(fragment) for fragment in re.findall(r"<b>(.*?)</b>", _guide(), re.S)]
    assert len(names) > 50  # the guide names the program's buttons throughout
    unknown = sorted({part.strip() for name in names for part in name.split("›") if part.strip() not in shown})
    assert unknown == []


def test_the_guide_lists_the_pages_in_the_window_order() -> None:
    translations = _translations()
    listed = re.search(r'<span class="pages">(.*?)</span>', _guide(), re.S)
    assert listed is not None
    assert [name.strip() for name in _plain(listed.group(1)).split(",")] == [
        translations[entry.title].replace("&", "") for entry in PAGES]


def test_the_guide_lists_every_report_by_its_name_in_the_window() -> None:
    translations = _translations()
    listed = re.search(r'<ul class="reports">(.*?)</ul>', _guide(), re.S)
    assert listed is not None
    named = {_plain(fragment) for fragment in re.findall(r"<b>(.*?)</b>", listed.group(1), re.S)}
    assert named == {translations[kind.title] for kind in REPORTS.values()}
