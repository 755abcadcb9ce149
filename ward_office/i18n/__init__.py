"""One gettext catalog for the command line, the screen and the printed reports.

English source strings stay in the code, wrapped in ``_()`` (translate now) or ``N_()`` (mark for
extraction, translate where shown). Vietnamese lives in ``translations/vi/LC_MESSAGES/ward_office.po``.
The compiled ``.mo`` is a build output; when it is missing or older than the ``.po`` the ``.po`` is read
directly, so a fresh checkout speaks Vietnamese without a build step.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ward_office.paths import translations_dir

DOMAIN = "ward_office"
DEFAULT_LANGUAGE = "vi"
SUPPORTED_LANGUAGES = ("vi", "en")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it yet."""
    return message


def _(message: str) -> str:
    return _translations.gettext(message)


def current_language() -> str:
    return _language


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to ``language`` ("vi" or "en")."""
    global _translations, _language
    if language not in SUPPORTED_LANGUAGES:
        # The command line and the window offer only these: a caller's mistake. (WardOfficeError lives in core,
        # above this layer.)
        raise ValueError(f"unsupported language: {language}")
    _language = language
    _translations = load_catalog(language) if language != "en" else gettext.NullTranslations()


@contextmanager
def official_language() -> Iterator[None]:
    """Vietnamese for the duration: official documents (reports, exported sheets) are always Vietnamese,
    whatever language the messages around them use (``--lang en``)."""
    previous = _language
    if previous == DEFAULT_LANGUAGE:  # the usual case: no catalog to load again, no global state to touch
        yield
        return
    set_language(DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        set_language(previous)


def catalog_paths(language: str) -> tuple[Path, Path]:
    folder = translations_dir() / language / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def load_catalog(language: str) -> gettext.NullTranslations:
    po_path, mo_path = catalog_paths(language)
    if mo_path.exists() and (not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
        with mo_path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if po_path.exists():
        return _PoTranslations(po_path)
    return gettext.NullTranslations()


class _PoTranslations(gettext.NullTranslations):
    """Reads a .po file through Babel when no compiled catalog is at hand."""

    def __init__(self, po_path: Path) -> None:
        super().__init__()
        from babel.messages.pofile import read_po  # deferred: only a checkout without compiled catalogs (18 ms)

        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        self._messages = {
            message.id: message.string
            for message in catalog
            if message.id and message.string and not message.fuzzy
            and isinstance(message.id, str) and isinstance(message.string, str)
        }

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)
