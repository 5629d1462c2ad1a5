# dbls — see README.md. Every target works on a fresh clone.
GO          ?= go
BIN         := bin/dbls
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
STATICCHECK_VERSION := v0.8.2
GOBIN       := $(shell $(GO) env GOPATH)/bin
DEMO        := demo

.PHONY: build test bench lint demo clean vsix e2e-vscode

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/dbls

# Tests use the real PostgreSQL and MariaDB servers on 127.0.0.1 (see
# docs/testing.md); they skip where a server is down unless
# DBLS_REQUIRE_SERVERS=1, as CI sets.
# An explicit timeout: the longest package takes a few minutes on a busy
# 2-core machine; a hang should fail well before CI's limit, not at Go's
# default 10 minutes per package nor never.
TEST_TIMEOUT ?= 20m
test:
	$(GO) test -count=1 -timeout $(TEST_TIMEOUT) ./...

# Benchmarks on generated large schemas (e.g. 2,000 tables).
bench:
	$(GO) test -count=1 -run '^$$' -bench . -benchmem ./...

lint:
	@test -x $(GOBIN)/staticcheck || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GOBIN)/staticcheck ./...

# The main job on an embedded SQLite default: build a sample shop database,
# read its catalog, run a query on it.
demo: build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	@echo '$$ dbls query "sqlite:$(DEMO)/shop.db?mode=rwc" --file docs/examples/shop.sql'
	@$(BIN) query "sqlite:$(DEMO)/shop.db?mode=rwc" --file docs/examples/shop.sql
	@echo; echo '$$ dbls inspect sqlite:$(DEMO)/shop.db'
	@$(BIN) inspect sqlite:$(DEMO)/shop.db
	@echo; echo '$$ dbls query sqlite:$(DEMO)/shop.db "SELECT customer, count(*) AS orders, sum(total) AS spent FROM order_totals GROUP BY customer ORDER BY spent DESC"'
	@$(BIN) query sqlite:$(DEMO)/shop.db "SELECT customer, count(*) AS orders, sum(total) AS spent FROM order_totals GROUP BY customer ORDER BY spent DESC"
	@echo; echo '$$ dbls diff docs/examples/shop_v2.sql sqlite:$(DEMO)/shop.db      # schema v2, kept as code'
	@$(BIN) diff docs/examples/shop_v2.sql sqlite:$(DEMO)/shop.db
	@echo; echo '$$ dbls sync docs/examples/shop_v2.sql sqlite:$(DEMO)/shop.db --yes'
	@$(BIN) sync docs/examples/shop_v2.sql sqlite:$(DEMO)/shop.db --yes | tail -n 2
	@echo; echo '$$ dbls diff docs/examples/shop_v2.sql sqlite:$(DEMO)/shop.db --exit-code'
	@$(BIN) diff docs/examples/shop_v2.sql sqlite:$(DEMO)/shop.db --exit-code
	@echo; echo '$$ dbls query sqlite:$(DEMO)/shop.db "SELECT count(*) AS orders_kept FROM orders"'
	@$(BIN) query sqlite:$(DEMO)/shop.db "SELECT count(*) AS orders_kept FROM orders"

# The VS Code extension as a .vsix (editors/vscode/dist/dbls.vsix); with
# BUNDLE_BINARY=1 the dbls binary for this platform goes inside it.
vsix: build
	cd editors/vscode && npm ci --no-audit --no-fund && \
	if [ "$(BUNDLE_BINARY)" = 1 ]; then mkdir -p bin && cp ../../$(BIN) bin/; else rm -rf bin; fi && \
	node esbuild.mjs && npx --yes @vscode/vsce@3 package --no-dependencies --allow-missing-repository --skip-license -o dist/dbls.vsix

# The extension in a real VS Code (code-server + chromium); screenshots in
# e2e-artifacts/vscode/.
e2e-vscode:
	scripts/e2e-vscode.sh

clean:
	rm -rf bin $(DEMO) e2e-artifacts

# dbls against the schema tools installable here (Atlas community; sqldef
# when the module proxy serves it) on generated 1,000- and 10,000-table
# catalogs: wall, CPU, peak RSS and ratios (docs/performance.md).
# BENCH_PEERS_FLAGS=--large adds 100,000 tables.
.PHONY: bench-peers
bench-peers:
	scripts/bench-peers.sh $(BENCH_PEERS_FLAGS)
