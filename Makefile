# The two commands of the README:
#   make demo   set up, then run the main job on SQLite (init, goals, sample figures, status)
#   make check  set up, then run every check: tests, ruff check, ruff format --check, mypy
#   make bench  set up, then run the benchmarks (docs/performance.md)
#   make test-fast  the suite without the slow tests (real subprocesses, browser, servers)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := $(CURDIR)/build/demo/tracker.db

.PHONY: setup demo check test test-fast lint bench clean

$(BIN)/tracker: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	touch $@

setup: $(BIN)/tracker

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	TRACKER_DATABASE_URL=sqlite:///$(DEMO_DB) TRACKER_REPORTS_DIR=$(CURDIR)/reports \
		PATH=$(CURDIR)/$(BIN):$$PATH sh examples/demo.sh

# PostgreSQL: TRACKER_TEST_POSTGRES_URL if set, else the local cluster (scripts/test-postgres.sh).
# Every test, the property tests with their full budgets (Hypothesis profile "thorough"), one
# worker per core (pytest-xdist).
test: setup
	TRACKER_TEST_POSTGRES_URL=$${TRACKER_TEST_POSTGRES_URL:-$$(sh scripts/test-postgres.sh)} \
		$(BIN)/pytest -q -n auto --hypothesis-profile=thorough

# The edit-test loop: every test but those marked slow, on SQLite, the property tests with a
# quarter of their budgets (tests/conftest.py, Hypothesis profile "quick"). `make check` runs
# every test on both backends.
test-fast: setup
	$(BIN)/pytest -q -n auto -m "not slow" --backend sqlite

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: test lint

bench: setup
	$(BIN)/pip install --quiet -e '.[bench]'
	TRACKER_TEST_POSTGRES_URL=$${TRACKER_TEST_POSTGRES_URL:-$$(sh scripts/test-postgres.sh)} \
		$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
