"""The packaging files agree with the tree: the spec packs files that exist and filters what it should,
the version is one number everywhere, the Linux desktop entry and the Windows installer script say what
an office computer needs (names, icon, shortcuts). The bundle itself is built by ``./dev bundle``, not here."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path, PurePath

import pytest

import ward_office
from ward_office import i18n, paths
from ward_office.i18n import formatting

from ward_office.ui.shell.page_list import PAGES  # no Qt: the names the window loads its pages by

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "ward_office.spec"
DESKTOP = PACKAGING / "linux" / "ward-office.desktop"
ISS = PACKAGING / "windows" / "ward-office.iss"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)  # ward_office.ui.shell.app.ICON_SIZES, without importing Qt here


def spec_helpers() -> dict[str, object]:
    """The spec's constants and filter functions, run on their own (the rest needs PyInstaller's build)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    wanted = [node for node in tree.body
              if (isinstance(node, ast.FunctionDef) and node.name in ("keep", "is_plain_library"))
              or (isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id.startswith("KEPT_")
                                                       for target in node.targets))]
    namespace: dict[str, object] = {"PurePath": PurePath}
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace


def test_the_spec_is_python_and_packs_the_launcher_resources_and_catalogs() -> None:
    source = SPEC.read_text(encoding="utf-8")
    ast.parse(source)
    assert '"packaging" / "launcher.py"' in source
    assert (PACKAGING / "launcher.py").is_file()
    assert '(str(ROOT / "resources"), "resources")' in source
    assert 'glob("*/LC_MESSAGES/*.mo")' in source
    assert 'NAME = "ward-office"' in source
    assert "COLLECT(" in source and "onefile" not in source.lower()


def test_the_resources_the_bundle_needs_exist_where_paths_finds_them() -> None:
    assert paths.resources_dir() == ROOT / "resources"
    fonts = sorted(path.name for path in paths.fonts_dir().glob("*.ttf"))
    assert fonts == ["LiberationSerif-Bold.ttf", "LiberationSerif-BoldItalic.ttf", "LiberationSerif-Italic.ttf",
                     "LiberationSerif-Regular.ttf"]
    assert (paths.fonts_dir() / "LICENSE-LiberationSerif.txt").is_file()
    assert list(paths.plans_dir().glob("*.toml"))
    assert list((paths.resources_dir() / "templates").glob("*.xlsx"))
    assert (paths.translations_dir() / "vi" / "LC_MESSAGES" / "ward_office.po").is_file()
    for size in ICON_SIZES:
        png = paths.icons_dir() / f"ward-office-{size}.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (size, size), png
    assert (paths.icons_dir() / "ward-office.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_the_windows_icon_holds_every_size() -> None:
    data = (paths.icons_dir() / "ward-office.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * index] or 256 for index in range(count)}
    assert sizes == set(ICON_SIZES)


@pytest.mark.parametrize(("dest_name", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/translations/qtbase_vi.qm", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("babel/locale-data/vi_VN.dat", True),
    ("babel/locale-data/en_GB.dat", True),
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/fr_FR.dat", False),
    ("babel/global.dat", True),
    ("resources/fonts/LiberationSerif-Regular.ttf", True),
    ("translations/vi/LC_MESSAGES/ward_office.mo", True),
])
def test_the_spec_keeps_what_the_app_uses_and_drops_the_rest(dest_name: str, kept: bool) -> None:
    assert spec_helpers()["keep"](dest_name) is kept  # type: ignore[operator]


@pytest.mark.parametrize(("dest_name", "plain"), [
    ("libcairo.so.2", True),
    ("PySide6/Qt/lib/libQt6Svg.so.6", True),
    ("pillow.libs/libwebp-1a2b.so.7", True),
    ("libpython3.11.so.1.0", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/QtCore.abi3.so", False),
    ("pypdfium2_raw/libpdfium.so", False),
])
def test_only_linked_libraries_are_candidates_for_leaving_out(dest_name: str, plain: bool) -> None:
    assert spec_helpers()["is_plain_library"](dest_name) is plain  # type: ignore[operator]


@pytest.mark.parametrize("language", i18n.SUPPORTED_LANGUAGES)
def test_the_spec_keeps_the_locales_the_formatting_uses(language: str) -> None:
    previous = i18n.current_language()
    i18n.set_language(language)
    try:
        locale = formatting.babel_locale()
    finally:
        i18n.set_language(previous)
    kept = spec_helpers()["KEPT_LOCALES"]
    assert locale in kept and locale.split("_")[0] in kept  # type: ignore[operator]


def test_the_version_is_one_number_everywhere() -> None:
    version = ward_office.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", version)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    hatch_config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]
    assert hatch_config["version"] == {"path": "ward_office/__init__.py"}
    assert importlib.metadata.version("ward-office") == version, "reinstall: pip install -e ."
    printed = subprocess.run([sys.executable, "-m", "ward_office", "--version"], capture_output=True, text=True,
                             check=True).stdout
    assert printed.strip() == f"ward-office {version}"
    # The installer and the build script take the version from ward_office, never a copy of their own.
    iss = ISS.read_text(encoding="utf-8-sig")
    assert "AppVersion={#AppVersion}" in iss and version not in iss
    assert "ward_office.__version__" in (PACKAGING / "build_linux.sh").read_text(encoding="utf-8")


def test_the_bundle_extra_pins_pyinstaller() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(re.fullmatch(r"pyinstaller==[\d.]+", requirement) for requirement in extras["bundle"])


def desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def test_the_desktop_entry_names_the_program_in_vietnamese() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Sổ theo dõi văn hóa công sở"
    assert entry["Exec"] == "ward-office" and entry["Icon"] == "ward-office"
    assert entry["Terminal"] == "false" and "Office;" in entry["Categories"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_the_desktop_entry_is_valid() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_windows_installer_is_vietnamese_per_user_and_keeps_the_data() -> None:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads a script as UTF-8 only with a BOM"
    iss = raw.decode("utf-8-sig")
    # Our own Vietnamese messages, beside the script (tests/test_installer_messages.py checks them).
    assert 'Name: "vietnamese"; MessagesFile: "{#VietnameseMessages}"' in iss
    assert '#define VietnameseMessages AddBackslash(SourcePath) + "Vietnamese.isl"' in iss
    assert (ISS.parent / "Vietnamese.isl").is_file()
    assert "PrivilegesRequired=lowest" in iss
    assert "DefaultDirName={localappdata}\\Programs\\ward-office" in iss
    assert '#define AppName "Sổ theo dõi văn hóa công sở"' in iss
    assert "{autoprograms}\\{#AppName}" in iss and "{autodesktop}\\{#AppName}" in iss
    assert "SetupIconFile=..\\..\\resources\\icons\\ward-office.ico" in iss
    assert "[UninstallDelete]" not in iss
    # The data folder the app uses on Windows is not the install folder, so uninstalling cannot touch it.
    assert "{localappdata}\\ward-office" not in iss
    assert '#define Bundle "..\\..\\dist\\ward-office"' in iss


def test_the_readmes_give_the_one_build_command_and_the_windows_steps() -> None:
    packaging_readme = (PACKAGING / "README.md").read_text(encoding="utf-8")
    assert "./dev bundle" in packaging_readme
    for step in ("pyinstaller", "iscc", "Vietnamese.isl", "packaging\\windows\\ward-office.iss"):
        assert step in packaging_readme
    assert "./dev bundle" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bundle)" in (ROOT / "dev").read_text(encoding="utf-8")


def test_the_smoke_test_expects_every_page_of_the_page_list() -> None:
    source = (PACKAGING / "smoke_test.py").read_text(encoding="utf-8")
    expected = next(node.value for node in ast.parse(source).body if isinstance(node, ast.Assign)
                    and any(isinstance(target, ast.Name) and target.id == "EXPECTED_OPENED" for target in node.targets))
    assert ast.literal_eval(expected) == tuple(entry.class_name for entry in PAGES)
