import random
from decimal import Decimal
from io import StringIO

from django.db.models import Sum
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.demo import keuangan
from balai.keuangan.models import Apbdes, Baris, Kegiatan, Realisasi


def test_apbdes_demo_seimbang_dan_wajar(desa_a, desa_b, make_user, django_capture_on_commit_callbacks):
    make_user(Peran.OPERATOR_DESA, desa=desa_a)
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        keuangan.seed(villages=[desa_a, desa_b], showcase=desa_a, rng=random.Random(4), fake=None, stdout=StringIO())
        keuangan.seed(villages=[desa_a, desa_b], showcase=desa_a, rng=random.Random(4), fake=None, stdout=StringIO())
        assert Apbdes.objects.filter(versi=0).count() == 4  # two years, two villages, once
        for a in Apbdes.objects.filter(aktif=True):
            total = dict(Baris.objects.filter(apbdes=a).values_list("jenis").annotate(t=Sum("anggaran")))
            masuk = Baris.objects.filter(apbdes=a, kode__startswith="6.1").aggregate(t=Sum("anggaran"))["t"]
            keluar = Baris.objects.filter(apbdes=a, kode__startswith="6.2").aggregate(t=Sum("anggaran"))["t"] or 0
            assert total["4"] + masuk - keluar == total["5"]  # a balanced budget: SiLPA of the plan is zero
            dd = Baris.objects.get(apbdes=a, kode="4.2.1").anggaran
            assert Decimal("0.9e9") <= dd <= Decimal("1.4e9")
            assert set(Kegiatan.objects.filter(desa=a.desa, tahun=a.tahun).values_list("bidang", flat=True)) == {
                "1",
                "2",
                "3",
                "4",
                "5",
            }
        perubahan = Apbdes.objects.get(desa=desa_a, versi=1)
        assert perubahan.terbit and perubahan.aktif
        assert Realisasi.objects.filter(desa=desa_a, baris__apbdes=perubahan, bulan__isnull=False).exists()
        lalu = Apbdes.objects.filter(desa=desa_b, tahun=perubahan.tahun).get()
        assert {r.semester for r in Realisasi.objects.filter(baris__apbdes=lalu)} == {1, 2}
