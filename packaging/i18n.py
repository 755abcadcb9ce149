"""Keep the Vietnamese catalog in step with the code: extract, update, compile and check.

Run from anywhere as ``python packaging/i18n.py COMMAND``:

  extract   read _() and N_() calls (babel.cfg) into translations/ward_office.pot
  update    merge the .pot into translations/vi/LC_MESSAGES/ward_office.po; translations are kept,
            nothing is guessed (no fuzzy matching); translated strings gone from the code stay as
            obsolete (#~) entries and come back with their translation if the string returns
  compile   write ward_office.mo next to the .po (the app reads the .po when the .mo is missing or older)
  check     exit 1 listing every msgid in the code missing from the .po and every .po entry that is
            untranslated, fuzzy or whose {placeholders} (or %s / %(name)s) differ from its msgid, and
            every _() call holding an expression instead of one literal text

Files are written without line numbers and sorted, and rewritten only when a message changed, so a
re-run that changes nothing leaves them alone. ``check`` extracts from the code afresh every time.
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from string import Formatter

from babel.messages.catalog import Catalog, Message, TranslationError
from babel.messages.checkers import python_format
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.util import pathmatch

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "ward_office"
LANGUAGE = "vi"
PROJECT = "ward-office"
TRANSLATIONS = ROOT / "translations"
POT_PATH = TRANSLATIONS / f"{DOMAIN}.pot"
PO_PATH = TRANSLATIONS / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
MO_PATH = PO_PATH.with_suffix(".mo")
AUTHORS = "Ward Office contributors"
POT_HEADER = "# Messages of Ward Office (Sổ theo dõi văn hóa công sở).\n# Written by: python packaging/i18n.py extract"
PO_HEADER = (
    "# Vietnamese messages of Ward Office (Sổ theo dõi văn hóa công sở).\n"
    "# After changing strings in the code: python packaging/i18n.py update, translate every empty msgstr,\n"
    "# then python packaging/i18n.py check."
)

# Header lines that change on every run; ignored when deciding whether a file really changed.
_VOLATILE_HEADER = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\n', re.MULTILINE)


def _version(root: Path) -> str:
    found = re.search(r'^__version__ = "([^"]+)"', (root / "ward_office" / "__init__.py").read_text("utf-8"),
                      re.MULTILINE)
    return found.group(1) if found else "0"


def extract_catalog(root: Path = ROOT) -> Catalog:
    """Every message marked in the code under ``root``, as babel.cfg says, with its source locations."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
    catalog = Catalog(project=PROJECT, version=_version(root), copyright_holder=AUTHORS,
                      msgid_bugs_address=AUTHORS, header_comment=POT_HEADER, charset="utf-8")
    # Global keywords are empty: only those babel.cfg names (_ and N_) count.
    for filename, lineno, message, comments, context in extract_from_dir(
        root, method_map, options_map, keywords={}, comment_tags=(), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _render(catalog: Catalog, locations: bool = False) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=not locations, sort_output=True, include_previous=False)
    return buffer.getvalue()


def write_if_changed(path: Path, catalog: Catalog, locations: bool = False) -> bool:
    """Write ``catalog`` as a .po/.pot unless only its dates would change; True when written."""
    content = _render(catalog, locations)
    if path.exists() and _VOLATILE_HEADER.sub(b"", path.read_bytes()) == _VOLATILE_HEADER.sub(b"", content):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, abort_invalid=True)


def extract(root: Path = ROOT, pot_path: Path = POT_PATH, locations: bool = False) -> Catalog:
    """Write the template; the committed one has no line numbers, so moving code does not change it."""
    template = extract_catalog(root)
    write_if_changed(pot_path, template, locations)
    return template


def update(template: Catalog, po_path: Path = PO_PATH) -> Catalog:
    """Merge ``template`` into the .po at ``po_path`` (created if missing) and write it back."""
    if po_path.exists():
        catalog = read_catalog(po_path, LANGUAGE)
    else:
        catalog = Catalog(locale=LANGUAGE, project=PROJECT, version=template.version,
                          copyright_holder=AUTHORS, msgid_bugs_address=AUTHORS, header_comment=PO_HEADER,
                          last_translator=AUTHORS, language_team="Vietnamese", charset="utf-8")
    # A string that comes back to the code gets its old translation back.
    for key, message in list(catalog.obsolete.items()):
        in_code = template.get(message.id, context=message.context) is not None
        if in_code and catalog.get(message.id, context=message.context) is None:
            catalog[message.id] = message
            del catalog.obsolete[key]
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, keep_user_comments=True)
    for key, message in list(catalog.obsolete.items()):
        if not any(_as_tuple(message.string)):  # nothing worth keeping
            del catalog.obsolete[key]
    catalog.fuzzy = False
    write_if_changed(po_path, catalog)
    return catalog


def compile_catalog(po_path: Path = PO_PATH, mo_path: Path = MO_PATH) -> None:
    catalog = read_catalog(po_path, LANGUAGE)
    with mo_path.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


def placeholders(text: str) -> list[str] | None:
    """The ``{name}`` fields of a str.format text, sorted; None when the braces do not parse."""
    try:
        return sorted(field for _, field, _, _ in Formatter().parse(text) if field is not None)
    except ValueError:
        return None


def _where(message: Message) -> str:
    return ", ".join(f"{file}:{line}" for file, line in message.locations) or "?"


def find_problems(template: Catalog, catalog: Catalog) -> list[str]:
    """Everything that keeps ``catalog`` from translating every message in ``template``."""
    problems: list[str] = []
    for message in _real(template):
        if catalog.get(message.id, context=message.context) is None:
            problems.append(f"missing from the .po: {message.id!r} ({_where(message)})")
    for message in _real(catalog):
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        strings = _as_tuple(message.string)
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
            continue
        # A plural translation may follow the fields of either form.
        expected = [placeholders(msgid) for msgid in _as_tuple(message.id)]
        for msgstr in strings:
            if placeholders(msgstr) not in expected:
                problems.append(f"placeholders differ: {message.id!r} → {msgstr!r}")
        if "python-format" in message.flags:  # %s and %(name)s, as in argparse's own messages
            try:
                python_format(catalog, message)
            except TranslationError as error:
                problems.append(f"%-placeholders differ: {message.id!r} → {message.string!r}: {error}")
    if catalog.fuzzy:
        problems.append("the .po header is marked fuzzy")
    return problems


def _real(catalog: Catalog) -> Iterable[Message]:
    return (message for message in catalog if message.id)


def _as_tuple(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if isinstance(value, tuple | list):
        return tuple(value)
    return (value or "",)


def _marked_sources(root: Path) -> Iterable[tuple[Path, set[str]]]:
    """Each source file babel.cfg maps, with the keywords that mark messages in it."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith((".", "_")))
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            for pattern, method in method_map:
                if method == "python" and pathmatch(pattern, relative):
                    yield path, set(options_map.get(pattern, {}).get("keywords", {}))
                    break


def expression_problems(root: Path = ROOT) -> list[str]:
    """_() calls whose text is built at run time: babel would extract a msgid nobody ever looks up.

    ``_("a" if x else "b")`` is extracted as "ab" and ``_(f"…")`` not at all; write ``_("a") if x else
    _("b")`` and ``_("… {name}").format(name=…)`` instead. ``_(variable)`` is fine (marked elsewhere).
    """
    problems: list[str] = []
    for path, keywords in _marked_sources(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in keywords
                    and node.args):
                continue
            argument = node.args[0]
            if isinstance(argument, ast.IfExp):
                parts: list[ast.expr] = [argument.body, argument.orelse]
            elif isinstance(argument, ast.BinOp):
                parts = [argument.left, argument.right]
            elif isinstance(argument, ast.BoolOp):
                parts = list(argument.values)
            else:
                parts = [argument]
            if isinstance(argument, ast.JoinedStr) or (
                len(parts) > 1 and any(isinstance(part, ast.Constant | ast.JoinedStr) for part in parts)
            ):
                problems.append(f"{path.relative_to(root).as_posix()}:{node.lineno}: {node.func.id}() holds "
                                "an expression; mark each text in its own call")
    return problems


def check(root: Path = ROOT, po_path: Path = PO_PATH) -> list[str]:
    """Extract the code afresh (into a temporary .pot) and list the catalog's problems."""
    if not po_path.exists():
        return [f"no catalog at {po_path}"]
    with tempfile.TemporaryDirectory() as folder:
        pot_path = Path(folder) / f"{DOMAIN}.pot"
        extract(root, pot_path, locations=True)
        template = read_catalog(pot_path)
    return expression_problems(root) + find_problems(template, read_catalog(po_path, LANGUAGE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python packaging/i18n.py", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("extract", "update", "compile", "check"))
    command = parser.parse_args(argv).command
    if command == "extract":
        template = extract()
        print(f"{POT_PATH.relative_to(ROOT)}: {sum(1 for _ in _real(template))} messages")
    elif command == "update":
        catalog = update(extract())
        untranslated = sum(1 for message in _real(catalog) if not message.string)
        print(f"{PO_PATH.relative_to(ROOT)}: {untranslated} untranslated")
    elif command == "compile":
        compile_catalog()
        print(f"{MO_PATH.relative_to(ROOT)} written")
    else:
        problems = check()
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} problem(s): fix the calls, run update, translate every empty msgstr")
            return 1
        print(f"{PO_PATH.relative_to(ROOT)}: every message is translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
