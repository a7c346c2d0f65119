# Two commands set up a fresh machine (Python 3.11+ and make):
#   make demo   - create .venv if needed and run the example plan
#   make test   - create .venv if needed and run ruff, mypy and pytest
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck pytest catalog-lint schemas docs examples golden locale clean venv

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("insatsval needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

DEMO_FILES := $(foreach f,xlsx html md csv json,--export demo/plan.$(f))

demo: $(STAMP)
	mkdir -p demo
	$(BIN)/insatsval plan examples/familj-10-15.yaml --top 5 --force $(DEMO_FILES)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy .

pytest: $(STAMP)
	$(BIN)/pytest

catalog-lint: $(STAMP)
	$(BIN)/insatsval catalog lint

test: lint typecheck catalog-lint pytest

schemas: $(STAMP)
	$(BIN)/python -m inputs.schemas schemas

examples: $(STAMP)
	$(BIN)/python examples/make_xlsx.py examples/familj-10-15-resurser.yaml

docs: $(STAMP)
	$(BIN)/python -m render.evidence_table docs/evidence.md
	$(BIN)/python -m render.readme_excerpt README.md

locale: $(STAMP)
	$(BIN)/pybabel compile -d render/locale -D insatsval

golden: $(STAMP)
	$(BIN)/python -m tests.golden

clean:
	rm -rf $(VENV) build demo *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
