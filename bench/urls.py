"""The application's URLs plus the baseline: a bare view returning a static page of a given size."""

from functools import lru_cache

from django.http import HttpResponse
from django.urls import path

from balai.urls import urlpatterns as app_urlpatterns


@lru_cache(maxsize=8)
def _page(size):
    head = b"<!doctype html><html lang=id><head><meta charset=utf-8><title>bare</title></head><body><p>"
    tail = b"</p></body></html>"
    return head + b"x" * max(0, size - len(head) - len(tail)) + tail


def bare(request):
    """No database, no template: the floor a Django view on this stack can reach."""
    size = min(int(request.GET.get("bytes", "20000")), 2_000_000)
    return HttpResponse(_page(size), content_type="text/html; charset=utf-8")


# /bench/kosong/ is the same view served without any middleware (bench/wsgi.py).
urlpatterns = [path("bench/bare/", bare), path("bench/kosong/", bare), *app_urlpatterns]
