"""Settings for the benchmarks: production settings plus a bench-only urlconf that adds the
bare baseline view. Never used by the application itself."""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

from balai.settings import *  # noqa: E402, F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
# Templates refer to static files by name; the bench does not need collectstatic's manifest.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR", "handlers": []}}
