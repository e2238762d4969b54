"""Keys and certificates of the local signer: the kabupaten authority and one key per village.

ECDSA P-256 keys: small, quick to make and to sign with, and read by every current PDF reader."""

import datetime as dt

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings

CA_TAHUN = 20
DESA_TAHUN = 5


def _sandi() -> bytes:
    return settings.BALAI_TTE_SANDI.encode()


def kunci_baru():
    return ec.generate_private_key(ec.SECP256R1())


def kunci_ke_pem(kunci) -> str:
    return kunci.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_sandi()),
    ).decode()


def kunci_dari_pem(pem: str):
    return serialization.load_pem_private_key(pem.encode(), password=_sandi())


def sertifikat_dari_pem(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode())


def sertifikat_ke_pem(sertifikat: x509.Certificate) -> str:
    return sertifikat.public_bytes(serialization.Encoding.PEM).decode()


def _nama(nama: str, organisasi: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, nama[:64]),
        ]
    )


def buat_otoritas(nama_kabupaten: str, sekarang: dt.datetime):
    """A self-signed root that may issue end-entity certificates only (path length 0)."""
    kunci = kunci_baru()
    nama = _nama(f"Otoritas Sertifikat {nama_kabupaten}", f"Pemerintah {nama_kabupaten}")
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(nama)
        .issuer_name(nama)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - dt.timedelta(days=1))
        .not_valid_after(sekarang + dt.timedelta(days=365 * CA_TAHUN))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), critical=False)
        .sign(kunci, hashes.SHA256())
    )
    return kunci, sertifikat


def terbitkan_untuk_desa(nama_desa: str, nama_kabupaten: str, ca_kunci, ca_sertifikat, sekarang: dt.datetime):
    """A signing certificate for one village, issued by the kabupaten authority."""
    kunci = kunci_baru()
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(_nama(f"Pemerintah {nama_desa}", f"Pemerintah {nama_kabupaten}"))
        .issuer_name(ca_sertifikat.subject)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - dt.timedelta(days=1))
        .not_valid_after(sekarang + dt.timedelta(days=365 * DESA_TAHUN))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_sertifikat.public_key()), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), critical=False)
        .sign(ca_kunci, hashes.SHA256())
    )
    return kunci, sertifikat


def ke_asn1(pem: str) -> asn1_x509.Certificate:
    """The certificate in the form pyHanko works with."""
    return asn1_x509.Certificate.load(sertifikat_dari_pem(pem).public_bytes(serialization.Encoding.DER))
