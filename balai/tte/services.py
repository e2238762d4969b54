"""Electronic signatures on issued documents, behind one interface.

`tandatangani_pdf(desa, pdf, ...)` signs a PDF (PAdES) in the name of a village with the signer
named by `BALAI_TTE_PENANDATANGAN`. The local signer (`balai.tte.lokal`) holds a key per village,
issued by the kabupaten's own authority; a kabupaten with access to the national TTE service
plugs in a class with the same `tandatangani` method. `periksa_pdf` tells whether a PDF still
carries an intact signature that chains to the kabupaten authority."""

import datetime as dt
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_scopes import scopes_disabled
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from balai.core import audit

from . import sertifikat
from .models import KunciDesa, Otoritas

AUDIT_LABELS = {
    "tte.otoritas_dibuat": "Otoritas sertifikat kabupaten dibuat",
    "tte.kunci_desa_dibuat": "Kunci tanda tangan elektronik desa dibuat",
}


class Penandatangan(Protocol):
    def tandatangani(self, desa, pdf: bytes, *, nama: str, alasan: str, lokasi: str) -> bytes: ...


@cache
def penandatangan() -> Penandatangan:
    return import_string(settings.BALAI_TTE_PENANDATANGAN)()


def tandatangani_pdf(desa, pdf: bytes, *, nama: str, alasan: str, lokasi: str) -> bytes:
    """`pdf` signed for `desa`: `nama` is who signs (shown by PDF readers), `alasan` why."""
    return penandatangan().tandatangani(desa, pdf, nama=nama, alasan=alasan, lokasi=lokasi)


def siapkan_otoritas(kabupaten) -> Otoritas:
    """The kabupaten's authority, created on first use (safe when two processes race)."""
    ada = Otoritas.objects.filter(kabupaten=kabupaten).first()
    if ada:
        return ada
    kunci, cert = sertifikat.buat_otoritas(f"Kabupaten {kabupaten.nama}", timezone.now())
    try:
        with transaction.atomic():
            otoritas = Otoritas.objects.create(
                kabupaten=kabupaten,
                sertifikat_pem=sertifikat.sertifikat_ke_pem(cert),
                kunci_pem=sertifikat.kunci_ke_pem(kunci),
            )
    except IntegrityError:
        return Otoritas.objects.get(kabupaten=kabupaten)
    audit.record(action="tte.otoritas_dibuat", obj=otoritas, label=str(cert.subject.rfc4514_string())[:200])
    return otoritas


def kunci_desa(desa) -> KunciDesa:
    """The village's signing key, issued on first use; renewed once it has less than 30 days left."""
    with scopes_disabled():
        ada = KunciDesa.objects.filter(desa=desa).first()
        if ada and ada.berlaku_sampai > timezone.now() + dt.timedelta(days=30):
            return ada
        kabupaten = desa.kecamatan.kabupaten
        otoritas = siapkan_otoritas(kabupaten)
        kunci, cert = sertifikat.terbitkan_untuk_desa(
            str(desa),
            f"Kabupaten {kabupaten.nama}",
            sertifikat.kunci_dari_pem(otoritas.kunci_pem),
            sertifikat.sertifikat_dari_pem(otoritas.sertifikat_pem),
            timezone.now(),
        )
        nilai = {
            "sertifikat_pem": sertifikat.sertifikat_ke_pem(cert),
            "kunci_pem": sertifikat.kunci_ke_pem(kunci),
            "berlaku_sampai": cert.not_valid_after_utc,
        }
        try:
            with transaction.atomic():
                if ada:
                    KunciDesa.objects.filter(pk=ada.pk).update(**nilai)
                    hasil = KunciDesa.objects.get(pk=ada.pk)
                else:
                    hasil = KunciDesa.objects.create(desa=desa, **nilai)
        except IntegrityError:
            return KunciDesa.objects.get(desa=desa)
    audit.record(action="tte.kunci_desa_dibuat", desa=desa, obj=hasil)
    return hasil


@dataclass(frozen=True)
class HasilPeriksa:
    ada_tanda_tangan: bool
    utuh: bool = False  # the signed bytes are unchanged
    terpercaya: bool = False  # the certificate chains to the kabupaten authority
    mencakup_seluruh: bool = False  # nothing was appended after signing
    penanda: str = ""
    waktu: dt.datetime | None = None

    @property
    def sah(self) -> bool:
        return self.ada_tanda_tangan and self.utuh and self.terpercaya and self.mencakup_seluruh


def periksa_pdf(pdf: bytes, kabupaten) -> HasilPeriksa:
    """Check the last signature of `pdf` against `kabupaten`'s authority."""
    try:
        tanda = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # an unreadable file carries no signature anyone could check
        return HasilPeriksa(ada_tanda_tangan=False)
    if not tanda:
        return HasilPeriksa(ada_tanda_tangan=False)
    otoritas = Otoritas.objects.filter(kabupaten=kabupaten).first()
    akar = [sertifikat.ke_asn1(otoritas.sertifikat_pem)] if otoritas else []
    konteks = ValidationContext(trust_roots=akar, allow_fetching=False)
    terakhir = tanda[-1]
    status = validate_pdf_signature(terakhir, konteks)
    return HasilPeriksa(
        ada_tanda_tangan=True,
        utuh=bool(status.intact and status.valid),
        terpercaya=bool(status.trusted),
        mencakup_seluruh=status.coverage.name == "ENTIRE_FILE",
        penanda=terakhir.signer_cert.subject.human_friendly,
        waktu=status.signer_reported_dt,
    )
