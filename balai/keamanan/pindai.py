"""The scan of what visitors get: every village's public pages fetched as served (through the
real URL routing, middleware and page cache, as an anonymous visitor on the village's host),
checked like a text at saving, plus what no stored content explains: scripts that are neither
the site's own nor carry the page's nonce, frames from hosts other than the allowed video
hosts, and outbound links that appear in none of the village's stored public texts (content
injected around the editor: a hacked template, a compromised cache, a rogue proxy).

`pindai_desa(desa)` only reads and returns the findings (so several processes can scan at
once); `balai.keamanan.services_pindai.catat_hasil` records them."""

import hashlib
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from balai.core import html as core_html
from balai.core.registry import PublicTextSource, extensions

from . import deteksi

_SCRIPT = re.compile(r"<script\b([^>]{0,2000})>", re.I)
_IFRAME = re.compile(r"<iframe\b([^>]{0,2000})>", re.I)
_SRC = re.compile(r"\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_HOST = re.compile(r"(?:https?:)?//([a-z0-9.-]{1,253})", re.I)


@cache
def _pengaturan():
    with open(deteksi.DATA / "aturan.toml", "rb") as f:
        return tomllib.load(f)["pindai"]


@dataclass
class TemuanHalaman:
    halaman: str
    aturan: str
    keterangan: str
    kutipan: str = ""
    kunci: str = ""

    @property
    def sidik(self):
        return hashlib.sha256(f"{self.halaman}|{self.aturan}|{self.kunci or self.kutipan}".encode()).hexdigest()[:64]


@dataclass
class HasilDesa:
    desa_id: int
    halaman: int = 0
    galat: int = 0
    temuan: list = field(default_factory=list)


def halaman_publik(desa):
    """Paths of the village's public pages a scan reads: front page, news list, the newest
    articles, every published page, agenda and unduhan."""
    from balai.website.models import Artikel, Halaman

    paths = ["/", reverse("website:artikel_list"), reverse("publikasi:agenda"), reverse("publikasi:unduhan")]
    with scope(desa=desa):
        terbaru = Artikel.objects.filter(desa=desa, status=Artikel.Status.TERBIT).order_by("-terbit_pada", "-id")
        paths += [
            reverse("website:artikel_detail", args=[s])
            for s in terbaru.values_list("slug", flat=True)[: _pengaturan()["artikel_terbaru"]]
        ]
        paths += [
            reverse("website:halaman", args=[s])
            for s in Halaman.objects.filter(desa=desa, terbit=True).values_list("slug", flat=True)
        ]
    return paths


def host_tersimpan(desa):
    """Every host the village's stored public texts mention (PublicTextSource of every module)."""
    from django.apps import apps

    hosts = set()
    with scope(desa=desa):
        for source in extensions(PublicTextSource):
            model = apps.get_model(source.model)
            names = {f.name for f in model._meta.concrete_fields}
            fields = [f for f in source.fields if f in names]  # a declaration may name a field that is gone
            if "desa" not in names or not fields:
                continue
            for row in model.objects.filter(desa=desa).values_list(*fields).iterator(chunk_size=500):
                for value in row:
                    if value:
                        hosts.update(h.lower() for h in _HOST.findall(str(value)))
    return hosts


def _diizinkan(host, dikenal):
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in dikenal)


def periksa_halaman(path, body, *, daftar, dikenal, nonce_ok=True):
    """Findings on one served page."""
    found = []
    # The templates' own links (share buttons) are no finding; a stored link to a blocklisted
    # domain still is.
    templat = frozenset(_pengaturan()["host_templat"])
    putusan = deteksi.periksa(body, replace(daftar, izin_domain=daftar.izin_domain | templat))
    for t in putusan.temuan:
        found.append(TemuanHalaman(path, t.aturan, t.keterangan, t.kutipan, t.kunci))
    for attrs in _SCRIPT.findall(body):
        src = _SRC.search(attrs)
        if src is None:
            if "nonce=" not in attrs.lower():
                found.append(
                    TemuanHalaman(
                        path, "skrip_asing", "skrip sisipan tanpa nonce halaman", attrs.strip()[:200] or "<script>"
                    )
                )
            continue
        host = urlsplit(src.group(1)).hostname
        # Stored text never explains a script (the sanitiser drops them): only the site's own.
        if host and not _diizinkan(host, daftar.rumah):
            found.append(
                TemuanHalaman(path, "skrip_asing", f"skrip dari situs luar ({host})", src.group(1)[:200], host)
            )
    for attrs in _IFRAME.findall(body):
        src = _SRC.search(attrs)
        host = urlsplit(src.group(1)).hostname if src else None
        if host not in core_html.VIDEO_HOSTS:
            found.append(
                TemuanHalaman(
                    path,
                    "iframe_asing",
                    f"bingkai (iframe) dari {host or 'sumber tak dikenal'}",
                    (src.group(1) if src else attrs)[:200],
                    host or "",
                )
            )
    bacaan = deteksi.baca_html(body)
    for link in bacaan.tautan:
        if link.tag == "a" and link.host and not _diizinkan(link.host, dikenal):
            found.append(
                TemuanHalaman(
                    path,
                    "tautan_asing",
                    f"tautan ke {link.host} yang tidak ada di konten tersimpan",
                    link.url[:200],
                    link.host,
                )
            )
    return found


def pindai_desa(desa, *, daftar=None):
    """Fetch and check every public page of `desa` (a Desa with kecamatan loaded). Read-only."""
    from . import services

    hasil = HasilDesa(desa.pk)
    base = settings.BALAI_BASE_DOMAIN
    host = f"{desa.slug}.{base}"
    daftar = daftar or services.daftar_untuk(desa)
    try:
        paths = halaman_publik(desa)
        dikenal = (
            host_tersimpan(desa)
            | set(_pengaturan()["host_templat"])
            | set(daftar.rumah)
            | set(deteksi.aturan().tepercaya)
            | core_html.VIDEO_HOSTS
            | set(daftar.izin_domain)
            | {host}
        )
    except Exception as exc:  # the scan of the other villages goes on
        hasil.galat += 1
        hasil.temuan.append(TemuanHalaman("/", "galat", f"daftar halaman tidak dapat dibaca ({type(exc).__name__})"))
        return hasil
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    for path in paths:
        hasil.halaman += 1
        try:
            response = client.get(path)
        except Exception as exc:
            response, error = None, type(exc).__name__
        else:
            error = None if response.status_code == 200 else f"HTTP {response.status_code}"
        if error:
            hasil.galat += 1
            hasil.temuan.append(TemuanHalaman(path, "galat", f"halaman tidak dapat dibuka ({error})", error, error))
            continue
        body = response.content.decode(response.charset or "utf-8", "replace")
        hasil.temuan.extend(periksa_halaman(path, body, daftar=daftar, dikenal=dikenal))
    return hasil
