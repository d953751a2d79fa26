# mtqa developer commands. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup bench clean lint browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,serve,dask]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	@echo "== mtqa check corpora/news: four machine-translated articles as published"
	@echo "   (--fail-on never: the demo shows every finding and passes; without it the errors below fail the gate, exit 1)"
	$(BIN)/mtqa check corpora/news --lang fr --fail-on never
	@echo
	@echo "== with source, reference and doc ids: source-aware checks and BLEU/chrF/TER per document"
	$(BIN)/mtqa check corpora/aligned/hyp.fr --source corpora/aligned/src.de --ref corpora/aligned/ref.fr \
		--docids corpora/aligned/docids.tsv --lang fr --source-lang de --fail-on never

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/throughput.py

# Headless Chromium for the HTML report's browser test (tests/test_html_browser.py): installs
# Debian's chromium with apt-get when running as root and none is found. Never fails the build;
# without a browser that test is skipped with the reason.
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1; then \
	  echo "browser: found $$(command -v chromium || command -v chromium-browser || command -v google-chrome)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    && echo "browser: installed chromium" \
	    || echo "browser: could not install chromium; the browser test will be skipped"; \
	else \
	  echo "browser: no chromium and not root; the browser test will be skipped"; \
	fi

clean:
	rm -rf $(VENV) build dist .pytest_cache
