"""The Linux installer (packaging/linux/install.sh) on a stand-in bundle, into a temporary home: it says in
Vietnamese where the menu entry is and when the ``ward-office`` command works, and puts ~/.local/bin on PATH
at the next login once, where the login profile does not already."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux install script, run by sh")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "ward-office"
    folder.mkdir()
    for name in ("install.sh", "ward-office.desktop"):
        shutil.copy(LINUX / name, folder / name)
    (folder / "ward-office").write_text("#!/bin/sh\necho ward-office\n")
    (folder / "ward-office").chmod(0o755)
    (folder / "ward-office.png").write_bytes(b"")
    return folder


def install(bundle: Path, home: Path, path: str) -> str:
    done = subprocess.run(["sh", str(bundle / "install.sh")], env={"HOME": str(home), "PATH": path},
                          capture_output=True, text=True, check=True, timeout=30)
    assert done.stderr == ""
    return done.stdout


def test_a_new_install_tells_of_the_menu_entry_and_the_next_login(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    printed = install(bundle, home, "/usr/bin:/bin")
    assert "trình đơn ứng dụng" in printed and "Sổ theo dõi văn hóa công sở" in printed
    assert f"từ lần đăng nhập sau; trước đó, gõ: {home}/.local/bin/ward-office" in printed
    program = home / ".local" / "opt" / "ward-office" / "ward-office"
    assert (home / ".local" / "bin" / "ward-office").resolve() == program
    desktop = (home / ".local" / "share" / "applications" / "ward-office.desktop").read_text(encoding="utf-8")
    assert f'Exec="{home}/.local/opt/ward-office/ward-office"' in desktop
    profile = (home / ".profile").read_text(encoding="utf-8")
    assert profile.count(".local/bin") == 2  # the test and the PATH line, once
    install(bundle, home, "/usr/bin:/bin")
    assert (home / ".profile").read_text(encoding="utf-8") == profile


def test_with_local_bin_on_path_the_command_is_offered_and_the_profile_left_alone(bundle: Path,
                                                                                  tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    printed = install(bundle, home, f"{home}/.local/bin:/usr/bin:/bin")
    assert printed.splitlines()[-1] == "Hoặc gõ lệnh: ward-office"
    assert not (home / ".profile").exists()
