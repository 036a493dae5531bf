# Two commands do all the set-up: `make run` and `make test`. Both create .venv if absent and
# reinstall only when a requirements file changed (the stamp file), so they are fast when nothing did.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= sample_data
# The gold folders the amount models learn from: the sample, the development set and every
# tuning set (never test_data/ or holdout_data/, which are held out, nor dev2_data/ to
# dev9_data/, development sets kept apart to score writers the models never saw).
GOLD_SETS := sample_data dev_data $(sort $(wildcard tune*_data))
GOLD_ARGS := $(foreach g,$(GOLD_SETS),--gold $(g))

.PHONY: run test lint bench clean train-amounts cross-check packages-out commitments-out

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py -- --data $(DATA)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m aidlens bench $(BENCH_ARGS)

# Retrain the learned aid check and the commitment linker on every gold folder (after a rule
# change: bump EXTRACTOR_VERSION first), and score each folder with models trained on the others.
train-amounts: $(STAMP)
	$(BIN)/python -m aidlens train-amounts $(GOLD_ARGS) --force
	$(BIN)/python -m aidlens train-amounts --links $(GOLD_ARGS) --force

cross-check: $(STAMP)
	$(BIN)/python -m aidlens train-amounts --cross-check $(GOLD_ARGS)

# The same, each fold's linker also trained without the left-out folder's commitments.
packages-out: $(STAMP)
	$(BIN)/python -m aidlens train-amounts --cross-check --packages-out $(GOLD_ARGS)

# Score the linker on the gold's commitments left out, in groups (packages it never saw).
commitments-out: $(STAMP)
	$(BIN)/python -m aidlens train-amounts --commitments-out $(GOLD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
