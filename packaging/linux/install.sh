#!/bin/sh
# Install this unpacked bundle for the current user, with a menu entry and icon; no root needed.
#   ./install.sh              copy the program to ~/.local/opt/ward-office and add the menu entry
#   ./install.sh --uninstall  remove the program and the menu entry; the record books in
#                             ~/.local/share/ward-office (the data folder) are kept
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/ward-office
bin=$HOME/.local/bin
applications=$data_home/applications
icons=$data_home/icons/hicolor/256x256/apps

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$target"
  rm -f "$bin/ward-office" "$applications/ward-office.desktop" "$icons/ward-office.png"
  echo "Đã gỡ chương trình. Dữ liệu vẫn còn trong $data_home/ward-office."
  exit 0
fi

if [ "$here" != "$target" ]; then
  rm -rf "$target"
  mkdir -p "$(dirname "$target")"
  cp -a "$here" "$target"
fi
mkdir -p "$bin" "$applications" "$icons"
ln -sf "$target/ward-office" "$bin/ward-office"
cp "$target/ward-office.png" "$icons/ward-office.png"
sed "s|^Exec=.*|Exec=\"$target/ward-office\"|" "$target/ward-office.desktop" > "$applications/ward-office.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$applications" || true
echo "Đã cài đặt vào $target."
echo "Mở chương trình từ trình đơn ứng dụng: mục \"Sổ theo dõi văn hóa công sở\" (nhóm Văn phòng)."
case ":$PATH:" in
  *":$bin:"*)
    echo "Hoặc gõ lệnh: ward-office" ;;
  *)
    # Debian's ~/.profile puts ~/.local/bin on PATH at login when the folder exists; add that where it is missing.
    profile=$HOME/.profile
    if ! grep -qs '\.local/bin' "$profile"; then
      printf '\n# Added by the installer of Sổ theo dõi văn hóa công sở (ward-office)\n%s\n' \
        'if [ -d "$HOME/.local/bin" ]; then PATH="$HOME/.local/bin:$PATH"; fi' >> "$profile"
    fi
    echo "Lệnh ward-office gõ được trong cửa sổ dòng lệnh từ lần đăng nhập sau; trước đó, gõ: $bin/ward-office" ;;
esac
