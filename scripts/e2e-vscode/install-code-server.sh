#!/usr/bin/env bash
# Installs code-server VERSION and playwright-core into DIR with no network
# but the npm registry. code-server's own postinstall would let
# @vscode/ripgrep download a binary from GitHub, so its steps are done here:
# dependencies without scripts, native modules rebuilt from source against
# the system's Node headers, Debian's rg in ripgrep's place, and the
# symlinks code-server's postinstall.sh makes.
# Usage: install-code-server.sh DIR VERSION
set -euo pipefail
dir=$1 version=$2
export npm_config_yes=true npm_config_nodedir=/usr npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{"private": true}' > "$dir/package.json"
npm install --prefix "$dir" --ignore-scripts "code-server@$version" playwright-core@1 >/dev/null
# code-server's own native module (its prebuilt download is not reachable).
(cd "$dir" && npm_config_build_from_source=true npm rebuild argon2 >/dev/null)

vs="$dir/node_modules/code-server/lib/vscode"
(cd "$vs" && npm install --omit=dev --ignore-scripts >/dev/null)
(cd "$vs" && npm rebuild kerberos @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog node-pty >/dev/null)
"$here/ripgrep.sh" "$vs/node_modules"
ln -sfn node_modules "$vs/node_modules.asar"
ln -sfn code-linux.sh "$vs/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$vs/bin/helpers/browser.sh"
(cd "$vs/extensions" && npm install --omit=dev --ignore-scripts >/dev/null)
echo "$version" > "$dir/.installed"
