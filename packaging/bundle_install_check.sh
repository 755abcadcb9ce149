#!/usr/bin/env bash
# The bundle as a ward office gets it (CI runs this after ./dev bundle): the tarball unpacked into a fresh
# folder, its install.sh run into a temporary home, and the installed program smoke-tested
# (packaging/smoke_test.py). Needs the project's .venv (for the smoke test's PDF reader).
#   packaging/bundle_install_check.sh [dist/ward-office-<version>-linux-<arch>.tar.gz]
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
version=$("$VENV/bin/python" -c "import ward_office; print(ward_office.__version__)")
tarball=${1:-dist/ward-office-$version-linux-$(uname -m).tar.gz}
[ -f "$tarball" ] || { echo "no bundle at $tarball: build it first (./dev bundle)" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ward-office-install-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
fail() { echo "BUNDLE INSTALL CHECK FAILED: $*" >&2; exit 1; }

mkdir "$scratch/unpacked" "$scratch/home"
tar -C "$scratch/unpacked" -xzf "$tarball"
HOME="$scratch/home" PATH=/usr/bin:/bin XDG_DATA_HOME="" sh "$scratch/unpacked/ward-office/install.sh" \
  | tee "$scratch/install.txt"
grep -q "trình đơn ứng dụng" "$scratch/install.txt" || fail "install.sh did not tell of the menu entry"
installed=$scratch/home/.local/bin/ward-office
[ -x "$installed" ] || fail "install.sh made no $installed"
[ -f "$scratch/home/.local/share/applications/ward-office.desktop" ] || fail "install.sh added no menu entry"
rm -rf "$scratch/unpacked"  # the installed program must not need the folder it was installed from
"$VENV/bin/python" packaging/smoke_test.py "$installed"
echo "installed bundle check passed"
