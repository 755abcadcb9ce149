#!/usr/bin/env bash
# Build the Linux bundle from the source tree (`./dev bundle` sets up first, then calls this and the smoke test):
#   dist/ward-office/                                 the program folder: run dist/ward-office/ward-office
#   dist/ward-office-<version>-linux-<arch>.tar.gz    that folder with ward-office.desktop, the icon, install.sh
# Needs the project's .venv and binutils (objdump, strip), which PyInstaller uses.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PY="$VENV/bin/python"
"$PY" -m pip install -q --disable-pip-version-check -e ".[bundle]"
"$PY" packaging/i18n.py compile
rm -rf build/pyinstaller dist/ward-office
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/ward_office.spec
cp packaging/linux/ward-office.desktop packaging/linux/install.sh dist/ward-office/
cp resources/icons/ward-office-256.png dist/ward-office/ward-office.png

version=$("$PY" -c "import ward_office; print(ward_office.__version__)")
tarball="dist/ward-office-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$tarball" ward-office
echo "Built dist/ward-office ($(du -sh dist/ward-office | cut -f1)) and $tarball ($(du -sh "$tarball" | cut -f1))"
