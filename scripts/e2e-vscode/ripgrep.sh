#!/usr/bin/env bash
# Puts Debian's rg where every @vscode/ripgrep under $1 expects its binary,
# so that their postinstall scripts have nothing to download.
set -euo pipefail
rg=$(command -v rg)
find "$1" -type d -path '*/@vscode/ripgrep' | while read -r d; do
	mkdir -p "$d/bin"
	ln -sf "$rg" "$d/bin/rg"
done
