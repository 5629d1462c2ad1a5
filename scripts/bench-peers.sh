#!/usr/bin/env bash
# bench-peers.sh: dbls against the schema tools that can be installed here,
# on the same generated catalogs, side by side. For each engine and size it
# creates a database of N tables × 20 columns (drivers/drivertest's
# generator: a primary key, a foreign key, a check and two indexes each),
# reads its catalog once with each tool under /usr/bin/time, prints wall
# time, CPU time and peak RSS with ratios to dbls in one table, and drops
# the database.
#
#   scripts/bench-peers.sh                  # 1,000 and 10,000 tables
#   scripts/bench-peers.sh --large          # and 100,000
#   scripts/bench-peers.sh --sizes 1000 --engines postgres --peer-timeout 120
#
# Peers: Atlas community's inspect engine (scripts/peers/atlas, built from
# the Go module proxy: the Atlas CLI module itself is not on it) and
# psqldef/mysqldef when `go install` can fetch them (it cannot here: the
# proxy answers 403 for github.com/sqldef/sqldef and k0kubun/sqldef). A
# peer that cannot be installed is reported, not hidden. A peer run longer
# than --peer-timeout seconds is stopped and shown as "> N".
#
# Servers: PostgreSQL at $BENCH_PG (default postgres://postgres@127.0.0.1:5432)
# and MariaDB/MySQL at $BENCH_MY (default mysql://root@127.0.0.1:3306), with
# psql and mysql clients on PATH. Databases are named $BENCH_PREFIX<engine>_<n>
# (default prefix dbls_bench_).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
MY=${BENCH_MY:-mysql://root@127.0.0.1:3306}
PREFIX=${BENCH_PREFIX:-dbls_bench_}
SIZES="1000 10000"
ENGINES="postgres mariadb"
PEER_TIMEOUT=900
PEERS_ONLY_BELOW=0 # 0: run the peers at every size
while [ $# -gt 0 ]; do
	case $1 in
	--large) SIZES="$SIZES 100000" ;;
	--sizes) SIZES=$2; shift ;;
	--engines) ENGINES=$2; shift ;;
	--peer-timeout) PEER_TIMEOUT=$2; shift ;;
	--peers-below) PEERS_ONLY_BELOW=$2; shift ;;
	*) echo "usage: $0 [--large] [--sizes \"N …\"] [--engines \"postgres mariadb\"] [--peer-timeout S] [--peers-below N]" >&2; exit 2 ;;
	esac
	shift
done

BIN=$ROOT/scripts/peers/bin
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BIN"
[ -x /usr/bin/time ] || { echo "bench-peers: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

echo "== installing" >&2
go build -o "$BIN/dbls" ./cmd/dbls
if (cd scripts/peers/atlas && go build -o "$BIN/atlas-inspect" .) 2>"$WORK/atlas.err"; then
	echo "atlas: built (ariga.io/atlas $(cd scripts/peers/atlas && go list -m -f '{{.Version}}' ariga.io/atlas))" >&2
else
	echo "atlas: cannot build: $(tail -n 1 "$WORK/atlas.err")" >&2
fi
for tool in psqldef mysqldef; do
	if [ ! -x "$BIN/$tool" ] && ! command -v $tool >/dev/null; then
		for mod in github.com/sqldef/sqldef github.com/k0kubun/sqldef; do
			if GOBIN=$BIN GOFLAGS=-mod=mod go install $mod/cmd/$tool@latest 2>"$WORK/$tool.err"; then break; fi
			echo "$tool: not installable from $mod: $(grep -m1 -o '[0-9][0-9][0-9] [A-Za-z ]*' "$WORK/$tool.err" || tail -n 1 "$WORK/$tool.err")" >&2
		done
	fi
done
PATH=$BIN:$PATH

pg_url() { echo "$PG/$1?sslmode=disable"; }
my_url() { echo "$MY/$1"; }
my_cli() { # mysql client arguments from $MY
	local hostport=${MY#*@}
	echo "-h ${hostport%:*} -P ${hostport#*:} -u $(u=${MY#mysql://}; echo "${u%@*}")"
}

create() { # engine db n
	case $1 in
	postgres)
		psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2"
		go run ./drivers/drivertest/largeschema -dialect postgres -tables "$3" |
			psql -q -v ON_ERROR_STOP=1 "$PG/$2" >/dev/null ;;
	mariadb)
		mysql $(my_cli) -e "DROP DATABASE IF EXISTS $2; CREATE DATABASE $2"
		go run ./drivers/drivertest/largeschema -dialect mysql -tables "$3" | mysql $(my_cli) "$2" ;;
	esac
}

drop() {
	case $1 in
	postgres) psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $2" ;;
	mariadb) mysql $(my_cli) -e "DROP DATABASE IF EXISTS $2" ;;
	esac
}
CURRENT=""
trap 'rm -rf "$WORK"; [ -z "$CURRENT" ] || drop $CURRENT' EXIT

# measure label timeout cmd…: one run; prints "wall cpu rss_mb" or "> T - -".
measure() {
	local label=$1 limit=$2; shift 2
	local out="$WORK/$label.time"
	if timeout "$limit" /usr/bin/time -f '%e %U %S %M' -o "$out" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err"; then
		awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$out"
	elif [ $? -eq 124 ]; then
		echo "> $limit -"
	else
		echo "failed: $(tail -n 1 "$WORK/$label.err")" >&2
		echo "failed - -"
	fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0 && a !~ />/) printf "%.1f", a / b; else print "-" }'; }

printf '%-9s %7s  %-13s %9s %8s %8s  %8s %8s %8s\n' engine tables tool wall_s cpu_s rss_MB wall_x cpu_x rss_x >"$WORK/table"
for engine in $ENGINES; do
	for n in $SIZES; do
		db=${PREFIX}${engine}_$n
		echo "== $engine $n tables: creating $db" >&2
		CURRENT="$engine $db"
		start=$(date +%s)
		create "$engine" "$db" "$n"
		echo "   created in $(( $(date +%s) - start )) s" >&2
		if [ "$engine" = postgres ]; then url=$(pg_url "$db"); else url=$(my_url "$db"); fi
		tools="dbls"
		if [ "$PEERS_ONLY_BELOW" -eq 0 ] || [ "$n" -lt "$PEERS_ONLY_BELOW" ]; then
			command -v atlas-inspect >/dev/null && tools="$tools atlas"
			if [ "$engine" = postgres ]; then command -v psqldef >/dev/null && tools="$tools psqldef"
			else command -v mysqldef >/dev/null && tools="$tools mysqldef"; fi
		fi
		read -r dw dc dr <<<"$(measure dbls 3600 dbls --store "$WORK/store.db" inspect --json "$url")"
		for tool in $tools; do
			case $tool in
			dbls) w=$dw c=$dc r=$dr ;;
			atlas) read -r w c r <<<"$(measure atlas "$PEER_TIMEOUT" atlas-inspect "$url")" ;;
			psqldef) read -r w c r <<<"$(measure psqldef "$PEER_TIMEOUT" psqldef -U postgres -h 127.0.0.1 --export "$db")" ;;
			mysqldef) read -r w c r <<<"$(measure mysqldef "$PEER_TIMEOUT" mysqldef -u root -h 127.0.0.1 --export "$db")" ;;
			esac
			printf '%-9s %7s  %-13s %9s %8s %8s  %8s %8s %8s\n' "$engine" "$n" "$tool" "$w" "$c" "$r" \
				"$(ratio "$w" "$dw")" "$(ratio "$c" "$dc")" "$(ratio "$r" "$dr")" >>"$WORK/table"
			echo "   $tool: wall ${w} s" >&2
		done
		drop "$engine" "$db"
		CURRENT=""
	done
done
echo
echo "ratios are the tool's figure divided by dbls's (above 1: dbls is ahead)"
cat "$WORK/table"
