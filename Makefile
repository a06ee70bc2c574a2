# kgraph — the two commands a new user needs:
#   make demo   set everything up, then build the graph of every press release in data/ into out/
#   make test   set everything up, then run lint and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test install lint bench evaluate clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kgraph build data/ --out out

lint: $(STAMP)
	$(BIN)/ruff check kgraph tests benchmarks

test: lint
	$(BIN)/python -m pytest

evaluate: $(STAMP)
	$(BIN)/kgraph evaluate corpus/dev --baseline textacy --no-errors
	$(BIN)/kgraph evaluate corpus/heldout --baseline textacy --no-errors

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf out $(VENV) .pytest_cache .ruff_cache
