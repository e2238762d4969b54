"""Demo Layanan Mandiri accounts: a head of family in the showcase village who can sign in at
once (their PIN printed with the demo logins), a few more accounts there for the office list,
and one resident with a fresh PIN slip in a few other villages. PINs are new on every run.

The showcase resident has asked online for letters in several states (waiting, verified,
signed and ready to download, with a short exchange with the office); the other villages'
residents have one waiting request each. Attachments are small generated pictures."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Q
from django.utils import timezone
from PIL import Image

from balai.core.tenancy import host_desa, origin
from balai.mandiri import services
from balai.mandiri.models import AkunWarga
from balai.penduduk import kode
from balai.penduduk.models import Penduduk
from balai.surat import katalog
from balai.surat import services as surat_services
from balai.surat.models import Surat
from balai.website.models import Perangkat

DESA_LAIN = 3


def _kepala_keluarga(desa, jumlah):
    """Heads of KKs with three or more living members, by KK number (the same on every run)."""
    return list(
        Penduduk.objects.filter(desa=desa, status_dasar=kode.HIDUP, shdk=kode.KEPALA_KELUARGA)
        .exclude(nik="")
        .annotate(anggota=Count("keluarga__anggota", filter=Q(keluarga__anggota__status_dasar=kode.HIDUP)))
        .filter(anggota__gte=3)
        .order_by("keluarga__no_kk")[:jumlah]
    )


def seed(*, villages, showcase, rng, fake, stdout):
    """Returns the lines the demo prints with its logins."""
    lines = []
    orang = _kepala_keluarga(showcase, 4)
    if not orang:
        return lines
    for i, p in enumerate(orang):
        _akun, pin = services.terbitkan_pin(desa=showcase, actor=None, penduduk=p)
        # As if they had signed in before and chosen a PIN of their own (so the demo opens at
        # once; a fresh slip's PIN must be changed first, as the other villages' show).
        masuk = timezone.now() - datetime.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 23))
        AkunWarga.objects.filter(desa=showcase, penduduk=p).update(wajib_ganti_pin=False, terakhir_masuk=masuk)
        if i == 0:
            lines.append(_baris(showcase, p, pin, "warga, PIN siap dipakai"))
    _permohonan_showcase(showcase, orang[0])
    lain = sorted((d for d in villages if d.pk != showcase.pk), key=lambda d: d.kode)
    for desa in rng.sample(lain, min(DESA_LAIN, len(lain))):
        for p in _kepala_keluarga(desa, 1):
            _akun, pin = services.terbitkan_pin(desa=desa, actor=None, penduduk=p)
            lines.append(_baris(desa, p, pin, "warga, slip baru: ganti PIN saat masuk"))
            _ajukan(desa, p, p, "skck", {"keperluan": "Melamar pekerjaan"})
    return lines


def _gambar(nama):
    buf = io.BytesIO()
    Image.new("RGB", (64, 40), (40, 110, 90)).save(buf, "PNG")
    return SimpleUploadedFile(f"{nama}.png", buf.getvalue(), content_type="image/png")


def _ajukan(desa, penduduk, pemohon, jenis, isian):
    spec = katalog.jenis(jenis)
    return surat_services.ajukan_permohonan(
        desa=desa, jenis=spec, penduduk=penduduk, pemohon=pemohon, isian=isian,
        lampiran={nama: _gambar(f"lampiran-{n}") for n, nama in enumerate(spec.lampiran)},
        kanal=Surat.Kanal.MANDIRI, telepon="081234567890",
    )  # fmt: skip


def _permohonan_showcase(desa, kepala):
    """The showcase resident's requests, once (a second run leaves them as they are)."""
    if Surat.objects.filter(desa=desa, pemohon=kepala, kanal=Surat.Kanal.MANDIRI).exists():
        return
    anak = Penduduk.objects.filter(desa=desa, keluarga_id=kepala.keluarga_id, status_dasar=kode.HIDUP)
    anak = anak.exclude(pk=kepala.pk).order_by("tanggal_lahir").first() or kepala
    menunggu = _ajukan(desa, anak, kepala, "skck", {"keperluan": "Melamar pekerjaan di pabrik"})
    surat_services.kirim_pesan(
        surat=menunggu, teks="Apakah bisa selesai hari Jumat?", dari_warga=True, pengirim=kepala.nama
    )
    surat_services.kirim_pesan(
        surat=menunggu, teks="Bisa, Pak. Nanti kami kabari lewat WhatsApp.", dari_warga=False, pengirim="Operator desa"
    )
    kades = Perangkat.objects.filter(desa=desa, jabatan="Kepala Desa", pengguna__isnull=False).first()
    if kades is None:
        return
    diperiksa = _ajukan(desa, kepala, kepala, "domisili", {"keperluan": "Membuka rekening bank"})
    siap = _ajukan(
        desa,
        kepala,
        kepala,
        "sktm",
        {"penghasilan": 1500000, "jumlah_tanggungan": 3, "keperluan": "Keringanan biaya sekolah"},
    )
    for surat in (diperiksa, siap):
        surat_services.verifikasi_surat(surat=surat, actor=None, penanda_tangan=kades)
    # Signed without rendering: the PDF is made, signed and kept at the first download.
    surat_services.tandatangani_surat(surat=Surat.objects.get(pk=siap.pk), actor=kades.pengguna, terbitkan=False)


def _baris(desa, orang, pin, keterangan):
    return f"  NIK {orang.nik}  PIN {pin}  {orang.nama} · {keterangan} · {origin(host_desa(desa))}/mandiri/"
