#!/usr/bin/env bash
# A fresh machine is enough: a bare Debian 12 (bookworm) made with debootstrap, holding only python3, git and
# ca-certificates, gets a clone of this repository, and in it, as root without sudo:
#   ./dev test     every check and test
#   ./dev bundle   the installed program, built and smoke-tested
#   ./dev demo     a demo ward, and the window shown on a virtual screen (Xvfb) until it is closed
#   windows        (only when asked: STEPS="… windows") packaging/windows/check.sh setup cli bundle window_check:
#                  Wine, 32-bit Wine and the rest installed from Debian, the Windows program built and run
# Not part of CI: it downloads a whole system and every package ./dev needs. The full output of each step is
# kept beside the folder (FOLDER.debootstrap.log, FOLDER.test.log, FOLDER.bundle.log).
#   sudo packaging/fresh_debian_check.sh [FOLDER]     (default: /tmp/ward-office-fresh-debian, made anew)
# STEPS="test bundle demo" chooses the steps (each runs even when one before failed); REUSE=1 keeps a chroot
# made by an earlier run (a fresh clone is still made). MIRROR chooses the Debian mirror (default: the first one this machine's apt uses). The certificate
# authorities this machine adds to its own (/usr/local/share/ca-certificates) are added in the chroot too, for
# networks that reach the registries through a proxy of their own.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap and chroot need it)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "install debootstrap first: apt-get install debootstrap" >&2; exit 2; }
root=${1:-/tmp/ward-office-fresh-debian}
mirror=${MIRROR:-$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -o -E 'https?://[^ ]+/debian/?( |$)' | head -1 | tr -d ' ' || true)}
[ -n "$mirror" ] || { echo "no Debian mirror found in /etc/apt: set MIRROR" >&2; exit 2; }
started=$SECONDS
step() { echo "== $1 ($((SECONDS - started)) s)"; }

mounted=()
unmount_all() {
  local index
  for ((index = ${#mounted[@]} - 1; index >= 0; index--)); do umount -l "${mounted[index]}" 2>/dev/null || true; done
}
trap unmount_all EXIT
bind() { mkdir -p "$root$1"; mount --bind "$1" "$root$1"; mounted+=("$root$1"); }

steps=${STEPS:-test bundle demo}
failed=()
wanted() { [[ " $steps " == *" $1 "* ]]; }

if [ "${REUSE:-0}" = 1 ] && [ -x "$root/usr/bin/python3" ]; then
  step "reuse the chroot in $root"
else
  step "debootstrap bookworm into $root"
  rm -rf "$root"
  debootstrap --variant=minbase --include=python3,git,ca-certificates bookworm "$root" "$mirror" \
    > "$root.debootstrap.log" 2>&1 || { tail -20 "$root.debootstrap.log"; exit 1; }
fi
echo "deb $mirror bookworm main" > "$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
mount -t proc proc "$root/proc"; mounted+=("$root/proc")
mount -t sysfs sys "$root/sys"; mounted+=("$root/sys")
bind /dev
bind /dev/pts
mount -t tmpfs shm "$root/dev/shm"; mounted+=("$root/dev/shm")

in_chroot() {
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$1"
}
in_chroot "update-ca-certificates >/dev/null 2>&1; dpkg-query -W -f='\${Package} \${Version}\n' python3 git ca-certificates; python3 --version; command -v sudo || echo 'no sudo'"
echo "packages installed: $(in_chroot "dpkg-query -W -f='.\n' | wc -l")"

step "clone $(git rev-parse --short HEAD) into the chroot"
rm -rf "$root/root/ward-office"
git clone -q --no-hardlinks "$repo" "$root/root/ward-office"

if wanted test; then
  step "./dev test"
  in_chroot "cd /root/ward-office && timeout 2400 ./dev test" 2>&1 | tee "$root.test.log" \
    | grep -v "^WARNING: Location" | tail -15 || failed+=("./dev test")
fi

if wanted bundle; then
  step "./dev bundle"
  in_chroot "cd /root/ward-office && timeout 1200 ./dev bundle" 2>&1 | tee "$root.bundle.log" \
    | grep -v -E "^WARNING: Location|^[0-9]+ WARNING: " | tail -8 || failed+=("./dev bundle")
fi

if wanted demo; then
  step "./dev demo, its window on Xvfb, then closed"
  in_chroot "apt-get install -y -qq --no-install-recommends x11-utils xdotool >/dev/null 2>&1"
cat > "$root/root/scripted-demo.sh" <<'EOF'
#!/usr/bin/env bash
# ./dev demo on this X display: wait for the sign-in window, close it with Escape, report ./dev's exit.
set -uo pipefail
cd /root/ward-office
DEMO_DB=/root/demo.db ./dev demo --staff 20 --months 6 > /root/demo.log 2>&1 &
pid=$!
shown=""
for _ in $(seq 180); do
  shown=$(xwininfo -root -tree | grep '"Đăng nhập"' | sed 's/^ *//')
  [ -n "$shown" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
grep -v "^WARNING: Location" /root/demo.log | tail -3
if [ -z "$shown" ]; then echo "FAILED: no sign-in window appeared"; kill "$pid" 2>/dev/null; exit 1; fi
echo "window shown: $shown"
# The dialog is gone before xdotool lets go of the key, which it reports as BadWindow: not an error here.
xdotool search --name '^Đăng nhập$' windowfocus --sync key Escape 2>/dev/null
wait "$pid"
code=$?
echo "./dev demo exited $code once its window was closed"
exit "$code"
EOF
  chmod +x "$root/root/scripted-demo.sh"
  in_chroot "xvfb-run -a -s '-screen 0 1280x800x24' /root/scripted-demo.sh" || failed+=("./dev demo")
fi

if wanted windows; then
  step "packaging/windows/check.sh setup cli bundle window_check"
  in_chroot "cd /root/ward-office && ./dev setup >/dev/null && timeout 2400 packaging/windows/check.sh setup cli bundle \
window_check" 2>&1 | tee "$root.windows.log" | grep -E "^(==|check.sh)" || failed+=("packaging/windows/check.sh")
fi

if [ ${#failed[@]} -gt 0 ]; then
  step "fresh Debian check FAILED: ${failed[*]}"
  exit 1
fi
step "fresh Debian check passed"
