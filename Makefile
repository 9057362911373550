# Every target bootstraps .venv itself; a fresh clone needs only python3 (>= 3.11), and for
# `make test` and `make bench` also node + npm (the TypeScript checks run the real compiler;
# the bench runs drizzle-kit).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_DIRS := $(patsubst %/package-lock.json,%,$(wildcard tests/*/package-lock.json))
NODE_STAMPS := $(addsuffix /node_modules/.installed,$(NODE_DIRS))

.PHONY: generate check validate lint watch test test-pyyaml test-pg15 bench bench-peer clean

generate: $(STAMP)  ## write every output from schema/*.yaml
	$(BIN)/codegen generate

check: $(STAMP)  ## exit 1 with a diff if any committed output is stale
	$(BIN)/codegen check

validate: $(STAMP)  ## check the spec only
	$(BIN)/codegen validate

lint: $(STAMP)  ## Supabase advisor rules on the spec; exit 1 on error-level findings
	$(BIN)/codegen lint

watch: $(STAMP)  ## regenerate types and models on every save of a spec file (Ctrl-C stops)
	$(BIN)/codegen generate --watch

test: $(TEST_STAMP) $(NODE_STAMPS)  ## the whole suite, against a real PostgreSQL
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-pyyaml: $(TEST_STAMP)  ## the spec-reading tests with rapidyaml switched off (PyYAML's C loader only)
	CODEGEN_YAML=pyyaml $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_errors.py \
		tests/test_bad_inputs.py tests/test_golden_cases.py tests/test_cli.py

test-pg15: $(TEST_STAMP) $(NODE_STAMPS)  ## the suite again against PostgreSQL 15 (Debian's package)
	.ci/postgres15

bench: $(TEST_STAMP)  ## the benchmark in bench/ (not part of `make test`), then bench-peer
	cd bench && ../$(BIN)/python run.py && ../$(BIN)/python live.py
	$(MAKE) bench-peer

bench-peer: $(TEST_STAMP)  ## one table changed: codegen against drizzle-kit (npm), exit 1 over budget
	cd bench && ../$(BIN)/python run.py --peer drizzle

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

tests/%/node_modules/.installed: tests/%/package-lock.json
	cd tests/$* && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) tests/*/node_modules .codegen-cache
