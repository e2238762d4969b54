import re
from io import StringIO

from django.core.management import call_command
from django_scopes import scopes_disabled

from balai.akun.models import User
from balai.penduduk.models import Keluarga, Penduduk
from balai.wilayah.models import RT, RW, Dusun


def test_seed_demo_builds_every_village_and_prints_logins(db, settings):
    settings.BALAI_PUBLIC_PORT = 8000  # as `make demo` sets it
    out = StringIO()
    call_command("seed_demo", "--seed", "3", stdout=out)
    text = out.getvalue()
    assert "selakambang.localhost:8000" in text and "admin.kabupaten" in text
    # Accounts that must use 2FA get their one-time enrolment link, on the demo's port.
    assert re.search(r"admin\.kabupaten\s+http://localhost:8000/akun/2fa/tautan/[\w-]+/", text)
    assert re.search(r"op\.kaligondang\s+http://kec-kaligondang\.localhost:8000/akun/2fa/tautan/[\w-]+/", text)
    with scopes_disabled():
        assert Dusun.objects.values("desa").distinct().count() == 239
        assert RW.objects.count() >= 239 and RT.objects.count() >= RW.objects.count()
        assert Dusun.objects.filter(desa__slug="selakambang").count() == 6
        # The columns of the population books that OpenSID's sheet lacks are filled too.
        assert Keluarga.objects.filter(desa__slug="selakambang", tanggal_cetak_kk__isnull=False).exists()
        assert Penduduk.objects.filter(desa__slug="selakambang", bahasa=4).exists()
        # Every village has this month's activity score; seven kecamatan run Sipande.
        from balai.pengawasan.models import KecamatanSipande, SkorDesa

        assert SkorDesa.objects.values("desa").distinct().count() == 239
        assert KecamatanSipande.objects.count() == 7
        # The pembinaan checklist is partly done, the showcase nearly all; alerts are open since
        # a few days.
        from balai.pengawasan.models import CapaianPembinaan, PeringatanTercatat

        assert 239 < CapaianPembinaan.objects.count() < 239 * 6
        assert CapaianPembinaan.objects.filter(desa__slug="selakambang").count() == 5
        assert PeringatanTercatat.objects.filter(selesai__isnull=True).exists()
        # Development projects: a photo timeline in the showcase, projects in every village.
        from balai.pembangunan.models import FotoProgres, Proyek

        assert FotoProgres.objects.filter(desa__slug="selakambang").count() >= 10
        assert Proyek.objects.values("desa").distinct().count() == 239
    admin = User.objects.get(username="admin.kabupaten")
    password = next(line.split()[1] for line in text.splitlines() if line.strip().startswith("admin.kabupaten"))
    assert admin.check_password(password) and len(password) >= 12
    # A Layanan Mandiri resident of the showcase signs in with the printed NIK and PIN.
    assert re.search(r"NIK \d{16}  PIN \d{6} .* http://selakambang\.localhost:8000/mandiri/", text)
    call_command("seed_demo", "--seed", "3", stdout=StringIO())  # re-runnable
    assert not admin.__class__.objects.get(pk=admin.pk).check_password(password)  # fresh passwords each run
    # One kepala desa: the account holder, the official on the site (linked to the account) and
    # the name the books are signed with.
    from balai.website.models import Perangkat
    from balai.wilayah.models import Desa

    desa = Desa.objects.get(slug="selakambang")
    kades = User.objects.get(username="kades.selakambang")
    with scopes_disabled():
        kepala = Perangkat.objects.get(desa=desa, jabatan="Kepala Desa")
        sekdes = Perangkat.objects.get(desa=desa, jabatan="Sekretaris Desa")
    assert desa.nama_kepala and kades.get_full_name() == kepala.nama == desa.nama_kepala
    assert kepala.pengguna == kades and kades.punya_izin("surat.tandatangan")
    assert sekdes.pengguna == User.objects.get(username="sekdes.selakambang")
    assert sekdes.nama == sekdes.pengguna.get_full_name()
    # Attendance: a month and more for Selakambang's officials, with late days and approved leave.
    from balai.kehadiran.models import Izin, Kehadiran

    with scopes_disabled():
        assert Kehadiran.objects.filter(desa=desa).count() > 100
        assert Kehadiran.objects.filter(desa=desa, terlambat_menit__gt=0).exists()
        assert Kehadiran.objects.filter(desa=desa, pulang_cepat_menit__gt=0).exists()
        assert set(Izin.objects.filter(desa=desa, status="disetujui").values_list("jenis", flat=True)) == {
            "sakit", "cuti", "dinas_luar"
        }  # fmt: skip
    # The kecamatan's table of villages has a figure in every column for Kaligondang, and the
    # letters' median time is a real one (requests come before their signature).
    import datetime

    from balai.panel import tabel_desa

    bulan, _ = tabel_desa.bulan_dari("")
    lalu, _ = tabel_desa.bulan_dari((bulan.hari - datetime.timedelta(days=1)).strftime("%Y-%m"))
    kaligondang = Desa.objects.filter(kecamatan__slug="kaligondang")
    columns, rows = tabel_desa.tabel(kaligondang, bulan)
    rows += tabel_desa.tabel(kaligondang, lalu)[1]  # early in a month, last month has the figures
    assert len(rows) == 36
    for i, c in enumerate(columns):
        assert any(r.nilai[i] is not None for r in rows), c.key
    waktu = next(i for i, c in enumerate(columns) if c.key == "surat.waktu")
    assert all(r.nilai[waktu] is None or r.nilai[waktu] >= 0 for r in rows)
