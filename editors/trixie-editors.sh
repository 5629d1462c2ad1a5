#!/usr/bin/env bash
# Installs Helix (Debian trixie's hx) and a current Neovim (trixie's 0.10)
# on a Debian bookworm machine without touching its system: the packages
# come from Debian's own archive through apt (a private sources/lists
# directory), are unpacked under DEST, and run through trixie's own glibc
# loader. Bookworm has no Helix and only Neovim 0.7. Writes the wrappers
# BIN/hx and BIN/nvim-0.10. Usage: trixie-editors.sh [DEST] [BIN]
set -euo pipefail
dest=${1:-/opt/dbls-trixie}
bin=${2:-/usr/local/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/parts" "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
cat > "$work/parts/trixie.sources" <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$work/parts"
	-o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" -o APT::Sandbox::User=root)
apt-get "${apt[@]}" update -qq
(cd "$work/debs" && apt-get "${apt[@]}" download -qq hx libc6 libgcc-s1 neovim neovim-runtime \
	libluajit-5.1-2 libluajit-5.1-common libmsgpack-c2 libtree-sitter0.22 libunibilium4 libuv1t64 \
	libvterm0 lua-lpeg lua-luv)
rm -rf "$dest" && mkdir -p "$dest" "$bin"
for d in "$work"/debs/*.deb; do dpkg-deb -x "$d" "$dest"; done
libs="$dest/usr/lib/x86_64-linux-gnu:$dest/lib/x86_64-linux-gnu"
cat > "$bin/hx" <<SH
#!/bin/sh
HELIX_RUNTIME=\${HELIX_RUNTIME:-$dest/usr/lib/hx/runtime} exec $dest/usr/lib64/ld-linux-x86-64.so.2 --library-path $libs $dest/usr/bin/hx "\$@"
SH
cat > "$bin/nvim-0.10" <<SH
#!/bin/sh
VIMRUNTIME=$dest/usr/share/nvim/runtime exec $dest/usr/lib64/ld-linux-x86-64.so.2 --library-path $libs $dest/usr/bin/nvim "\$@"
SH
chmod +x "$bin/hx" "$bin/nvim-0.10"
"$bin/hx" --version
"$bin/nvim-0.10" --version | head -1
