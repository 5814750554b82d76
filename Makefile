# digest-render: every task is a target here, and each sets up what it
# needs (scripts/ensure-tools installs tools idempotently), so a fresh
# machine needs nothing but `make test` or `make demo`.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo

.PHONY: test lint test-rust bench tools

## test: formatting, lints with warnings denied, and every test.
test: lint test-rust

lint: tools
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

test-rust: tools
	$(CARGO) test --locked

## bench: native parse throughput and hostile-shape linearity.
bench: tools
	$(CARGO) bench --locked --bench parse
	$(CARGO) bench --locked --bench shapes

tools:
	@scripts/ensure-tools rust
