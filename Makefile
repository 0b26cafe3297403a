# Two entry points (README): `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: demo test install bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,cluster]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/planner plan scenarios/demo --report

test: $(STAMP)
	$(VENV)/bin/lint-imports   # the layers contract in pyproject.toml
	bash scripts/ensure-chromium.sh
	$(PY) -m pytest -n 2

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) runs build *.egg-info
