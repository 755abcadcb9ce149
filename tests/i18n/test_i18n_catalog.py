"""The project-wide gate: every string the code marks with _() or N_() has a Vietnamese translation.

The messages are extracted from the code afresh on every run (into a temporary folder), so a string
added without running ``python packaging/i18n.py update`` and translating it fails here.
"""

from __future__ import annotations

import gettext
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog

from ward_office.i18n import _

ROOT = Path(__file__).resolve().parents[2]


def _load_tool() -> ModuleType:
    # packaging/ is not a package (and "packaging" is also a PyPI library), so load the script by path.
    spec = importlib.util.spec_from_file_location("ward_office_i18n_tool", ROOT / "packaging" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def test_every_message_in_the_code_is_translated(tmp_path: Path) -> None:
    template = tool.extract(ROOT, tmp_path / "ward_office.pot", locations=True)
    assert len(template) > 50  # extraction really found the code's messages
    problems = tool.expression_problems(ROOT) + tool.find_problems(
        tool.read_catalog(tmp_path / "ward_office.pot"), tool.read_catalog(tool.PO_PATH)
    )
    assert problems == [], "run `python packaging/i18n.py update` and translate:\n" + "\n".join(problems)


def test_the_check_command_runs_from_the_repository_root() -> None:
    done = subprocess.run([sys.executable, "packaging/i18n.py", "check"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_catalog_header_declares_vietnamese() -> None:
    catalog = tool.read_catalog(tool.PO_PATH)
    assert str(catalog.locale) == "vi"
    assert catalog.plural_forms == "nplurals=1; plural=0;"


def _catalogs() -> tuple[Catalog, Catalog]:
    template = Catalog()
    for msgid in ("Morning", "Year {year}", "Sick leave", "Annual leave", "Missing {x}", "usage: %s"):
        template.add(msgid, locations=[("ward_office/x.py", 1)])
    catalog = Catalog(locale="vi", fuzzy=False)
    catalog.add("Morning", "Sáng")
    catalog.add("Year {year}", "Năm {nam}")
    catalog.add("Sick leave", "Nghỉ ốm", flags=["fuzzy"])
    catalog.add("Annual leave", "")
    catalog.add("usage: %s", "cách dùng", flags=["python-format"])
    return template, catalog


def test_find_problems_reports_each_kind_of_problem() -> None:
    problems = tool.find_problems(*_catalogs())
    assert len(problems) == 5, problems
    assert any(p.startswith("missing from the .po: 'Missing {x}'") for p in problems)
    assert any(p.startswith("placeholders differ: 'Year {year}'") for p in problems)
    assert any(p.startswith("fuzzy: 'Sick leave'") for p in problems)
    assert any(p.startswith("untranslated: 'Annual leave'") for p in problems)
    assert any(p.startswith("%-placeholders differ: 'usage: %s'") for p in problems)


def test_a_clean_catalog_has_no_problems() -> None:
    template, catalog = _catalogs()
    catalog["Year {year}"].string = "Năm {year}"
    catalog["Sick leave"].flags.discard("fuzzy")
    catalog["Annual leave"].string = "Nghỉ phép năm"
    catalog["usage: %s"].string = "cách dùng: %s"
    catalog.add("Missing {x}", "Thiếu {x}")
    assert tool.find_problems(template, catalog) == []


@pytest.mark.parametrize(("text", "fields"), [("{a} and {b}", ["a", "b"]), ("none", []), ("{a", None)])
def test_placeholders(text: str, fields: list[str] | None) -> None:
    assert tool.placeholders(text) == fields


def _project(root: Path, body: str) -> None:
    (root / "ward_office").mkdir(exist_ok=True)
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    (root / "ward_office" / "__init__.py").write_text('__version__ = "9.9"\n', encoding="utf-8")
    (root / "ward_office" / "labels.py").write_text(f"from ward_office.i18n import N_, _\n{body}\n", encoding="utf-8")


def test_update_keeps_translations_never_guesses_and_revives_obsolete_ones(tmp_path: Path) -> None:
    pot, po = tmp_path / "t.pot", tmp_path / "vi.po"
    _project(tmp_path, 'A = N_("Morning")\nB = _("Afternoon")\nget = gettext  # not a keyword\n')
    catalog = tool.update(tool.extract(tmp_path, pot), po)
    assert sorted(message.id for message in catalog if message.id) == ["Afternoon", "Morning"]
    catalog["Morning"].string = "Sáng"
    tool.write_if_changed(po, catalog)

    _project(tmp_path, 'A = N_("Morning!")\nB = _("Afternoon")\n')  # "Morning" leaves the code
    catalog = tool.update(tool.extract(tmp_path, pot), po)
    assert not catalog["Morning!"].string and not catalog["Morning!"].fuzzy  # no fuzzy matching
    assert "Morning" in catalog.obsolete

    _project(tmp_path, 'A = N_("Morning")\n')  # and comes back
    catalog = tool.update(tool.extract(tmp_path, pot), po)
    assert catalog["Morning"].string == "Sáng"
    assert "Afternoon" not in catalog.obsolete  # untranslated strings that left are not kept
    assert "Morning!" not in catalog.obsolete


def test_translated_strings_that_leave_the_code_stay_obsolete(tmp_path: Path) -> None:
    pot, po = tmp_path / "t.pot", tmp_path / "vi.po"
    _project(tmp_path, 'A = N_("Morning")\n')
    catalog = tool.update(tool.extract(tmp_path, pot), po)
    catalog["Morning"].string = "Sáng"
    tool.write_if_changed(po, catalog)
    _project(tmp_path, 'A = N_("Evening")\n')
    tool.update(tool.extract(tmp_path, pot), po)
    assert '#~ msgid "Morning"\n#~ msgstr "Sáng"' in po.read_text(encoding="utf-8")


def test_texts_built_at_run_time_are_reported(tmp_path: Path) -> None:
    _project(tmp_path, "\n".join([
        'a = _("one" if x else "two")',
        'b = _(f"Hello {name}")',
        'c = _("Hello " + name)',
        'd = _(message)',  # marked elsewhere with N_(): fine
        'e = _("Hello {name}").format(name=name)',
        'f = _("one") if x else _("two")',
        'g = LABELS["x"]',
    ]))
    problems = tool.expression_problems(tmp_path)
    assert [problem.split(":")[1] for problem in problems] == ["2", "3", "4"], problems


def test_rewrites_only_when_messages_change(tmp_path: Path) -> None:
    pot = tmp_path / "t.pot"
    _project(tmp_path, 'A = N_("Morning")\n')
    tool.extract(tmp_path, pot)
    first = pot.read_bytes()
    assert b"#:" not in first  # no locations in the written template
    assert tool.write_if_changed(pot, tool.extract_catalog(tmp_path)) is False
    _project(tmp_path, 'A = N_("Evening")\n')
    assert tool.write_if_changed(pot, tool.extract_catalog(tmp_path)) is True


def test_compiled_catalog_translates(tmp_path: Path) -> None:
    mo = tmp_path / "ward_office.mo"
    tool.compile_catalog(tool.PO_PATH, mo)
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("Civil servant") == "Công chức"


@pytest.mark.usefixtures("vietnamese")
def test_the_app_speaks_vietnamese() -> None:
    assert _("Morning") == "Sáng"
    assert _("Annual leave") == "Nghỉ phép năm"
    assert _("Elected official") == "Cán bộ"
    assert _("Public employee") == "Viên chức"
    assert _("Contract worker") == "Người lao động"
