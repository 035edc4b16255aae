# One-command set-up: `make run` starts the assistant, `make test` runs every test.
# torch is installed FIRST, pinned to the local CPU wheel, so nothing pulls CUDA builds.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench format clean tools

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The prompt comes at once: when the intent model is missing or older than the skills'
# examples, the shell trains it in the background and switches to it when it is ready.
run: $(STAMP)
	$(BIN)/assistant

# tmux drives the REPL tests in a real terminal; mosquitto is the MQTT broker the device and
# voice-bridge tests use; espeak-ng speaks replies when [speech] engine asks for it; headless
# chromium (driven by chromedriver) loads the web chat page; bubblewrap isolates code the
# user agreed to run (unshare from util-linux is the fallback).
tools:
	@command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux >/dev/null; }
	@command -v mosquitto >/dev/null || test -x /usr/sbin/mosquitto || { apt-get update -qq && apt-get install -y -qq mosquitto >/dev/null; }
	@command -v espeak-ng >/dev/null || { apt-get update -qq && apt-get install -y -qq espeak-ng >/dev/null; }
	@command -v bwrap >/dev/null || { apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null; }
	@command -v chromedriver >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }

# The whole suite: real encoder, a trained model (cached in .cache/test), processes, tmux.
test: $(STAMP) tools
	$(BIN)/python -m pytest --durations=15

# What a developer runs often: fakes where the real thing is not the point, < 2 min.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) tools
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache bench/results
