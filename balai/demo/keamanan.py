"""Demo data of the judi-online guard: a kabupaten blocklist and allow-list, two texts held at
saving in the showcase village (an article with hidden slot links written by its operator, a
visitor's spam comment), an announcement with a blocklisted link held in a neighbour, findings
of a scan, and sign-ins of one neighbour's operator from three addresses in an hour (a shared
account on its security check)."""

from datetime import timedelta

from django.utils import timezone

from balai.akun.models import Peran, User
from balai.core import audit
from balai.core.models import AuditEntry
from balai.keamanan import services
from balai.keamanan.models import Pemindaian, Penahanan, Temuan
from balai.keamanan.pindai import TemuanHalaman
from balai.publikasi import services as publikasi
from balai.publikasi.models import Pengumuman
from balai.website import services as website
from balai.website.models import Artikel

BLOKIR = [("judiku-gacor.com", "Iklan slot yang disusupkan ke situs desa"), ("mahkota88.net", "Situs judi online")]
ARTIKEL_DISUSUPI = (
    "<p>Warga Dusun Krajan bergotong royong membersihkan saluran irigasi menjelang musim tanam.</p>"
    '<div style="position:absolute;left:-9999px"><a href="https://mahkota88.net/daftar">slot gacor</a> '
    '<a href="https://judiku-gacor.com/">situs slot maxwin</a></div>'
)


def seed(*, villages, showcase, rng, fake, stdout):
    if Penahanan.objects.filter(desa=showcase).exists():
        return
    kabupaten = showcase.kecamatan.kabupaten
    admin = User.objects.filter(kabupaten=kabupaten, keanggotaan__peran=Peran.ADMIN_KABUPATEN).first()
    for domain, alasan in BLOKIR:
        services.tambah_blokir(kabupaten=kabupaten, domain=domain, actor=admin, alasan=alasan)
    services.tambah_izin(kabupaten=kabupaten, nilai="Warung Kopi Slot", actor=admin, alasan="Nama usaha warga")
    operator = User.objects.filter(desa=showcase, keanggotaan__peran=Peran.OPERATOR_DESA).first()
    website.simpan_artikel(
        desa=showcase,
        actor=operator,
        data={
            "judul": "Kerja bakti saluran irigasi Dusun Krajan",
            "isi": ARTIKEL_DISUSUPI,
            "status": Artikel.Status.TERBIT,
        },
    )
    artikel = Artikel.objects.filter(desa=showcase, status=Artikel.Status.TERBIT).first()
    if artikel is not None:
        website.kirim_komentar(
            artikel=artikel, nama="Info Gacor", isi="s1ot g4c0r m4xw1n hari ini, d3po via dana 10rb", ip="203.0.113.9"
        )
    neighbours = [d for d in villages if d.kecamatan_id == showcase.kecamatan_id and d != showcase][:2]
    for desa in neighbours[:1]:
        op = User.objects.filter(desa=desa, keanggotaan__peran=Peran.OPERATOR_DESA).first()
        publikasi.simpan_pengumuman(
            desa=desa,
            actor=op,
            pengumuman=Pengumuman(
                judul="Info bantuan", isi='<p>Daftar bantuan di <a href="https://mahkota88.net/bansos">sini</a>.</p>'
            ),
        )
        _bersama(desa, op)
    _temuan(showcase, neighbours, kabupaten)
    stdout.write(f"Keamanan: {Penahanan.objects.count()} konten ditahan, {Temuan.objects.count()} temuan pemindaian.")


def _bersama(desa, user):
    """Three sign-ins from three addresses within an hour: a shared account."""
    if user is None:
        return
    for ip in ("36.72.10.4", "114.124.8.77", "182.1.33.250"):
        entry = audit.record(action="akun.masuk", actor=user, desa=desa, obj=user)
        AuditEntry.objects.filter(pk=entry.pk).update(ip=ip, waktu=timezone.now() - timedelta(hours=2))


def _temuan(showcase, neighbours, kabupaten):
    pemindaian = services.mulai_pemindaian(kabupaten=kabupaten, jumlah_desa=1 + len(neighbours))
    items = {
        showcase: [
            TemuanHalaman(
                "/",
                "skrip_asing",
                "skrip dari situs luar (cdn-statistik.example)",
                "https://cdn-statistik.example/s.js",
                "cdn-statistik.example",
            ),
        ],
    }
    if neighbours:
        items[neighbours[-1]] = [
            TemuanHalaman("/agenda/", "galat", "halaman tidak dapat dibuka (HTTP 500)", "HTTP 500", "HTTP 500")
        ]
    from balai.keamanan.pindai import HasilDesa

    for desa, found in items.items():
        services.catat_hasil(
            pemindaian=pemindaian, desa=desa, hasil=HasilDesa(desa.pk, halaman=12, galat=0, temuan=found)
        )
    services.selesaikan_pemindaian(pemindaian)
    Pemindaian.objects.filter(pk=pemindaian.pk).update(jumlah_desa=len(items), desa_selesai=len(items))
