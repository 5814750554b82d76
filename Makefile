# digest-render: every task is a target here, and each sets up what it
# needs (scripts/ensure-tools installs tools idempotently), so a fresh
# machine needs nothing but `make test` or `make demo`.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
NODE_TEST := node --test --test-reporter=spec

# Everything the npm package is built from: pkg/ is rebuilt when one changes.
PKG_SOURCES := $(shell find src npm -type f) Cargo.toml Cargo.lock scripts/build-pkg scripts/wasm-features scripts/short-imports.mjs scripts/glue-restart.mjs scripts/package-types.mjs package-lock.json

.PHONY: test lint test-rust test-js test-browser test-stable fuzz fuzz-smoke pkg pkg-trap demo size bench tools tools-pkg tools-browser tools-chromium tools-fuzz

# The browser engines `make test-browser` runs the browser tests in, each in
# turn (tests/browser/engines/): ENGINES="chromium firefox" runs fewer.
ENGINES ?= chromium firefox webkitgtk wpe

## test: formatting, lints (warnings are errors), Rust tests, then the
## package in Node, TypeScript, Vite and a plain page (headless Chromium),
## the tooltips, demo, element and XSS corpus in Chromium, Firefox and
## WebKitGTK (and a smaller set in the older WPE WebKit), the
## stable-toolchain build, and a minute of fuzzing per target.
test: lint test-rust test-js test-browser test-stable fuzz-smoke

lint: tools
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
	$(CARGO) clippy --locked --lib --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --locked --lib --target wasm32-unknown-unknown --features lite -- -D warnings

test-rust: tools
	$(CARGO) test --locked

## pkg: the npm package in pkg/, rebuilt when its sources changed.
pkg: pkg/package.json

pkg/package.json: $(PKG_SOURCES) | tools-pkg
	scripts/build-pkg

# A test build whose module can be made to trap (cargo feature test-trap),
# for the trap-recovery tests in Node and the browsers; never shipped.
pkg-trap: target/pkg-trap/package.json

target/pkg-trap/package.json: $(PKG_SOURCES) | tools-pkg
	FEATURES=test-trap STABLE=1 PKG_DIR=target/pkg-trap scripts/build-pkg

# The package packed as npm would publish it, for the consumer tests.
target/js/.packed: pkg/package.json
	rm -rf target/js && mkdir -p target/js
	cd pkg && npm pack --silent --pack-destination ../target/js >/dev/null
	touch $@

test-js: target/js/.packed pkg-trap tools-chromium
	$(CARGO) build --locked --quiet
	$(NODE_TEST) tests/js/

# Tooltips, the demo page and the DigestView API in each of ENGINES, one
# run per engine (ENGINE=name picks it: tests/browser/engines/); every
# engine runs even when one fails. The older WebKit (wpe) runs only the
# tests marked `legacy`, so only the files that have some. The screenshot of
# the demo with a tooltip open lands in target/browser/demo-tooltip-ENGINE.png.
LEGACY_ENGINES := wpe
test-browser: pkg pkg-trap tools-browser
	$(CARGO) build --locked --quiet
	@failed=""; \
	for engine in $(ENGINES); do \
	  echo "== browser tests in $$engine =="; \
	  files=tests/browser/; \
	  if [[ " $(LEGACY_ENGINES) " == *" $$engine "* ]]; then files=$$(grep -lw legacy tests/browser/*.test.mjs); fi; \
	  ENGINE=$$engine $(NODE_TEST) $$files || failed="$$failed $$engine"; \
	done; \
	if [ -n "$$failed" ]; then echo "browser tests failed in:$$failed" >&2; exit 1; fi

# The stable toolchain must keep building a working package (the nightly
# size build is what ships).
test-stable: tools-pkg
	STABLE=1 PKG_DIR=target/pkg-stable scripts/build-pkg
	rm -rf target/js-stable && mkdir -p target/js-stable
	cd target/pkg-stable && npm pack --silent --pack-destination ../js-stable >/dev/null
	$(CARGO) build --locked --quiet
	JS_WORK=target/js-stable $(NODE_TEST) tests/js/node.test.mjs

## demo: builds the package, serves www/ at http://127.0.0.1:8080 (PORT overrides).
demo: pkg
	node scripts/serve.mjs www /pkg=pkg /samples=tests/fixtures

## fuzz: the fuzz targets for FUZZ_SECONDS each (default 600);
## fuzz-smoke: a minute each (part of `make test`).
FUZZ_SECONDS ?= 600
fuzz: tools-fuzz
	scripts/fuzz $(FUZZ_SECONDS)

fuzz-smoke: tools-fuzz
	scripts/fuzz 60

## size: what a page loads to use `render` (wasm + JS + CSS, gzip -9), and
## twiggy's top items of the module.
size: pkg
	@scripts/ensure-tools twiggy
	@scripts/size

## bench: native parse throughput and hostile-shape linearity, then the
## package against its peers in Node and Chromium, streaming's main-thread
## cost in Chromium (bench/stream.mjs), and sizes; writes
## bench/results.json and BENCHMARKS.md.
bench: pkg tools-chromium
	$(CARGO) bench --locked --bench parse
	$(CARGO) bench --locked --bench shapes
	node bench/run.mjs

# The lint target also checks the wasm build, so it needs the wasm target.
tools:
	@scripts/ensure-tools rust target

tools-pkg:
	@scripts/ensure-tools rust wasm nightly node

tools-browser:
	@scripts/ensure-tools node $(ENGINES)

tools-chromium:
	@scripts/ensure-tools node chromium

tools-fuzz:
	@scripts/ensure-tools fuzz
