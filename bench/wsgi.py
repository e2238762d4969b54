"""WSGI entry point of the benchmarks: the application, plus /bench/kosong/ answered by a Django
handler with no middleware at all (URL resolution and the bare view only): the floor of the
whole stack, measured in the same processes as the pages."""

import os

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

_app = get_wsgi_application()
_kosong = WSGIHandler()
_kosong._middleware_chain = convert_exception_to_response(_kosong._get_response)


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith("/bench/kosong/"):
        return _kosong(environ, start_response)
    return _app(environ, start_response)
