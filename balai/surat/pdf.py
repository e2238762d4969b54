"""A letter as a PDF: WeasyPrint renders the document HTML (isi.dokumen_html), then the
village's key signs it (PAdES, balai.tte)."""

import hashlib

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from balai.tte.services import tandatangani_pdf

from . import isi, nomor
from .models import Surat


def render_html(html: str) -> bytes:
    # The renderer fetches nothing but the data: URIs we embed (logo, QR): a template can never
    # make the server read a local file or call another host.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def render(surat: Surat, *, teks=None, qr=True) -> bytes:
    """The unsigned PDF of `surat` (also for previews: `teks` is an unsaved template)."""
    return render_html(isi.dokumen_html(surat, nomor.pengaturan(surat.desa), teks=teks, qr=qr))


def tandatangani(surat: Surat, data: bytes) -> bytes:
    """The PDF signed in the village's name (PAdES, balai.tte: the village key under the
    kabupaten authority, or the national TTE service where the kabupaten plugs it in)."""
    ttd = surat.penanda_tangan
    return tandatangani_pdf(
        surat.desa,
        data,
        nama=ttd.nama if ttd else surat.desa.nama,
        alasan=f"{surat.spec.nama} {surat.nomor_lengkap}",
        lokasi=f"{surat.desa.get_jenis_display()} {surat.desa.nama}",
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
