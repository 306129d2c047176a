PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
DEMO_STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# Mermaid's own parser, pinned in its package-lock.json, checks every diagram in the tests.
MERMAID := tests/mermaid
MERMAID_STAMP := $(MERMAID)/node_modules/.installed

.PHONY: demo test test-fast lint bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(DEMO_STAMP)

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@ $(STAMP) $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	$(BIN)/exitplan demo --out exitplan-demo

# Node.js and npm from Debian where the machine has none (apt-get needs root).
$(MERMAID_STAMP): $(MERMAID)/package.json $(MERMAID)/package-lock.json
	command -v node >/dev/null && command -v npm >/dev/null || \
		{ apt-get update -q && apt-get install -y -q nodejs npm; }
	npm ci --prefix $(MERMAID) --no-audit --no-fund --loglevel=error
	touch $@

# Chromium from Debian for the test that opens the HTML plan in a real browser.
CHROMIUM_STAMP := $(VENV)/.installed-chromium

$(CHROMIUM_STAMP): | $(BIN)/python
	command -v chromium >/dev/null || \
		{ apt-get update -q && apt-get install -y -q chromium; }
	touch $@

# ruff (format, lint with a complexity limit) and mypy --strict over the package, tests/
# and bench/, as pyproject.toml configures them.
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# Before a commit: lint, then every test, those marked slow included.
test: lint $(MERMAID_STAMP) $(CHROMIUM_STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

# The edit loop: every test but those marked slow (pytest.mark.slow: over about 3 s of
# CPU each), and no lint. It does not replace `make test`.
test-fast: $(STAMP) $(MERMAID_STAMP)
	$(BIN)/python -m pytest -m "not slow"

# Every benchmark runs, and the target fails if any missed its target.
BENCHES := pipeline per_workload aws_scan gcp_scan azure_scan import_state spend_read

bench: $(BENCH_STAMP)
	@status=0; for name in $(BENCHES); do \
		echo "== bench/$$name.py"; $(BIN)/python bench/$$name.py || status=1; \
	done; exit $$status

# Regenerates the message catalogues after a user-visible text changed in the code or the
# templates: messages.pot (every msgid, extracted as [tool.babel] in pyproject.toml says),
# each language's messages.po, and the messages.mo that exitplan reads at run time. Files
# are rewritten only when a msgid came or went, so that a run changes nothing otherwise;
# tests/test_i18n.py fails until the catalogues match the code.
LOCALE := exitplan/locale

messages: $(STAMP)
	$(BIN)/pybabel -q extract -F pyproject.toml --no-location --sort-output --omit-header \
		-o $(LOCALE)/messages.pot.new .
	@if cmp -s $(LOCALE)/messages.pot.new $(LOCALE)/messages.pot; then \
		rm $(LOCALE)/messages.pot.new; echo "messages: the catalogues are current"; \
	else \
		mv $(LOCALE)/messages.pot.new $(LOCALE)/messages.pot && \
		$(BIN)/pybabel -q update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages \
			--no-fuzzy-matching --ignore-obsolete --no-wrap; \
	fi
	@# Every language, every time: a translation changes its .po without changing the template.
	$(BIN)/pybabel -q compile -d $(LOCALE) -D messages --statistics

clean:
	rm -rf $(VENV) $(MERMAID)/node_modules exitplan-demo build dist .mypy_cache .pytest_cache .ruff_cache
