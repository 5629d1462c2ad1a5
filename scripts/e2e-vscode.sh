#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server
# (VS Code in the browser, from npm) with the built extension and a real
# `dbls serve`, driven by Debian's chromium through playwright-core.
# Usage: scripts/e2e-vscode.sh   (or make e2e-vscode)
# Screenshots go to e2e-artifacts/vscode/. Installs are cached under
# ${XDG_CACHE_HOME:-~/.cache}/dbls/e2e-vscode, so a second run starts at once.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cache=${XDG_CACHE_HOME:-$HOME/.cache}/dbls/e2e-vscode
art=$root/e2e-artifacts/vscode
code_server_version=4.99.4   # the last line that runs on Node 20
mkdir -p "$cache" "$art"

step() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v g++ >/dev/null || need_apt+=(build-essential)
command -v python3 >/dev/null || need_apt+=(python3)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
	step "apt: ${need_apt[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "$(cat "$cache/.installed" 2>/dev/null)" != "$code_server_version" ]; then
	step "code-server $code_server_version"
	scripts/e2e-vscode/install-code-server.sh "$cache" "$code_server_version"
fi

step "build dbls and the extension"
make -s build
(cd editors/vscode && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; } && npm run -s build)

step "run"
export CODE_SERVER="$cache/node_modules/.bin/code-server" PLAYWRIGHT_CORE="$cache/node_modules/playwright-core" DBLS_BIN="$root/bin/dbls" ARTIFACTS="$art" EXTENSION="$root/editors/vscode"
node scripts/e2e-vscode/drive.mjs
step "done: screenshots in $art"
