# Tend: `make run` serves the demo on http://127.0.0.1:8080, `make test` runs every test.
# Both install what is missing first (Debian packages when root, a Python venv for test tools).

SHELL := /bin/bash
SWIFT ?= swift
HOST ?= 127.0.0.1
PORT ?= 8080
DB ?= data/tend.sqlite
BUILD_PACKAGES := pkg-config libsqlite3-dev libargon2-dev libssl-dev libzstd-dev
TEST_PACKAGES := chromium chromium-driver python3-venv sqlite3
FUZZ_SECONDS ?= 30
VENV := .venv-test

.PHONY: run build release debug test deps test-deps unit-test browser-test fuzz fuzz-short api-fuzz bench-http bench-api clean

define ensure_packages
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages. Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call ensure_packages,$(BUILD_PACKAGES))

test-deps: deps
	$(call ensure_packages,$(TEST_PACKAGES))
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import selenium" 2>/dev/null || $(VENV)/bin/pip install -q selenium==4.*

release: deps
	$(SWIFT) build -c release --product tend

debug: deps
	$(SWIFT) build --build-tests -Xswiftc -warnings-as-errors

run: release
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then \
	  .build/release/tend migrate --db $(DB) && .build/release/tend demo --db $(DB); \
	else \
	  .build/release/tend migrate --db $(DB); \
	fi
	.build/release/tend serve --db $(DB) --host $(HOST) --port $(PORT)

# A short fuzz run of the HTTP parser, the browser tests against a real server, then the unit,
# storage, HTTP and durability tests (XCTest, last so its summary closes the run).
# One debug build serves the browser and XCTest runs; the fuzzer has its own sanitizer build.
test: test-deps debug fuzz-short browser-test unit-test

unit-test:
	$(SWIFT) test --skip-build --disable-swift-testing

browser-test:
	TEND_BIN=.build/debug/tend $(VENV)/bin/python -m unittest discover -s Tests/Browser -p 'test_*.py' -v

FUZZ_FLAGS := --product FuzzHTTP --scratch-path .build-fuzz --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz-short: deps
	$(SWIFT) build -c debug $(FUZZ_FLAGS)
	@mkdir -p Fuzz/artifacts/corpus-http
	SWIFT_BACKTRACE=enable=no .build-fuzz/debug/FuzzHTTP -max_total_time=$(FUZZ_SECONDS) -seed=1 -print_final_stats=1 \
	  -artifact_prefix=Fuzz/artifacts/ -dict=Fuzz/http.dict Fuzz/artifacts/corpus-http Fuzz/corpus/http 2>&1 | tail -15

fuzz:
	$(MAKE) fuzz-short FUZZ_SECONDS=600

# Schemathesis against /api/openapi.json of a real server (every check, seeded, ~20 s; see Tests/APIFuzz).
api-fuzz: deps
	Tests/APIFuzz/run.sh

bench-http:
	bench/http/run.sh

bench-api:
	bench/api/run.sh

clean:
	rm -rf .build .build-fuzz $(VENV)
