"""The local signer: PAdES signatures with the village's key from `balai.tte.models.KunciDesa`."""

from functools import lru_cache
from io import BytesIO

from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import sertifikat
from .services import kunci_desa, siapkan_otoritas


@lru_cache(maxsize=256)
def _signer(kunci_pk: int, sertifikat_pem: str, kunci_pem: str, ca_pem: str) -> signers.SimpleSigner:
    """Decrypting a key costs a key derivation: keep the ready signer per key in the process."""
    kunci = sertifikat.kunci_dari_pem(kunci_pem)
    der = kunci.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    ca = sertifikat.ke_asn1(ca_pem)
    return signers.SimpleSigner(
        signing_cert=sertifikat.ke_asn1(sertifikat_pem),
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs([ca]),
    )


class PenandatanganLokal:
    field_name = "TandaTanganDesa"

    def tandatangani(self, desa, pdf: bytes, *, nama: str, alasan: str, lokasi: str) -> bytes:
        kunci = kunci_desa(desa)
        otoritas = siapkan_otoritas(desa.kecamatan.kabupaten)
        signer = _signer(kunci.pk, kunci.sertifikat_pem, kunci.kunci_pem, otoritas.sertifikat_pem)
        meta = signers.PdfSignatureMetadata(
            field_name=self.field_name,
            name=nama[:120],
            reason=alasan[:200],
            location=lokasi[:120],
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        keluar = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf), strict=False), meta, signer=signer)
        return keluar.getvalue()
