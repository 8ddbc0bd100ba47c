# tracker: `make run` serves the demo case with a worker; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve worker test test-fast lint format bench demo clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loadcase tracker/demo/musk-v-openai.json
	$(PY) manage.py ingest --case musk-v-openai tracker/demo/feed.xml
	$(PY) manage.py docket attach musk-v-openai 69013420 --recorded tracker/demo/courtlistener
	$(PY) manage.py terms read openai-terms-of-use tracker/demo/terms/openai-terms-1.html --seen 2024-02-01
	$(PY) manage.py terms read openai-terms-of-use tracker/demo/terms/openai-terms-2.html

# Web server and Celery worker (with its beat) together; Ctrl-C stops both.
run: demo
	@echo "tracker: serving http://$(HOST):$(PORT)/ (Ctrl-C stops the server and the worker)"
	@DEBUG=$${DEBUG:-1} bash -c 'trap "kill 0" INT TERM EXIT; \
	  $(VENV)/bin/celery -A tracker worker --beat --queues celery,feeds --concurrency 2 --loglevel INFO & \
	  $(PY) manage.py runserver $(HOST):$(PORT) --noreload & \
	  wait -n'

# Three runs: the bulk in parallel; then, alone, the tests that restart PostgreSQL or stop Redis
# (beside other tests they would cut those tests' connections); then the browser tests in a
# process of their own, since Playwright's sync API refuses to start where an earlier test left
# an asyncio loop behind.
test: install
	$(VENV)/bin/pytest -p no:cacheprovider -n 2 -m "not browser and not disruptive" $(PYTEST_ARGS)
	$(VENV)/bin/pytest -p no:cacheprovider -m disruptive $(PYTEST_ARGS)
	$(VENV)/bin/pytest -p no:cacheprovider -m browser $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) var/broker var/celerybeat-schedule*
