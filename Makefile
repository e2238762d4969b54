# Balai: `make demo` sets up and serves the demo kabupaten; `make test` sets up and runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: demo serve test lint venv clean-demo

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Balai butuh Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

venv: $(BIN)/.installed

# A random SECRET_KEY for this machine, written once.
.env:
	@$(PYTHON) -c 'import secrets; print("SECRET_KEY=" + secrets.token_urlsafe(50))' > .env

demo: venv .env
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	BALAI_PUBLIC_PORT=$(PORT) $(BIN)/python manage.py seed_demo --seed 1
	$(MAKE) serve

# Web server and background task worker together; Ctrl+C stops both.
serve: .env
	@trap 'kill 0' INT TERM EXIT; \
	BALAI_SERVE_MEDIA=1 BALAI_PUBLIC_PORT=$(PORT) $(BIN)/python manage.py db_worker & \
	BALAI_SERVE_MEDIA=1 BALAI_PUBLIC_PORT=$(PORT) $(BIN)/python manage.py runserver 0.0.0.0:$(PORT)

test: venv
	mkdir -p var
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports

clean-demo:
	rm -f var/balai.sqlite3 var/balai.sqlite3-wal var/balai.sqlite3-shm
