"""PDF documents of the PPID service (the written answer, registers, the annual report),
rendered from templates with WeasyPrint. Nothing is fetched from the network: the templates
carry their own styles and no external resources."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML


def _tolak_url(url, *args, **kwargs):
    raise ValueError(f"Dokumen PDF tidak memuat sumber luar: {url}")


def render(template, context) -> bytes:
    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_tolak_url).write_pdf()


def response(template, context, filename):
    resp = HttpResponse(render(template, context), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp
