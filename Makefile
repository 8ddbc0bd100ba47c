# tracker: `make run` serves the demo case with a worker; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run prod serve worker test test-fast lint format bench demo clean

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

# As in production: DEBUG off and the secure settings (HTTPS redirect, HSTS, secure cookies; set
# BEHIND_PROXY=1 behind a TLS proxy that sends X-Forwarded-Proto), static files collected and
# served by WhiteNoise, gunicorn, and a Celery worker with its beat. Ctrl-C stops them all.
prod: install
	DEBUG=0 $(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=0 $(PY) manage.py migrate --noinput
	@echo "tracker: serving http://$(HOST):$(PORT)/ with gunicorn (Ctrl-C stops the server and the worker)"
	@DEBUG=0 bash -c 'trap "kill 0" INT TERM EXIT; \
	  $(VENV)/bin/celery -A tracker worker --beat --queues celery,feeds --concurrency 2 --loglevel INFO & \
	  $(VENV)/bin/gunicorn tracker.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} \
	    --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}" & \
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
