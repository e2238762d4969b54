"""The monthly recap: working days from the shared calendar, each classified once; the
village's and the kecamatan's pages, XLSX and PDF, in a bounded number of queries."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from balai.core.kalender import hari_kerja_dalam, lupakan_libur_tambahan
from balai.core.models import HariLibur
from balai.kehadiran import selectors
from balai.kehadiran.models import Izin, Kehadiran, Metode

from .conftest import waktu

# December 2025: 23 weekdays; Christmas (Thursday 25th, national) and a cuti bersama (Friday 26th,
# the kabupaten's table) leave 21 working days.
DES = (2025, 12)
SETELAH = waktu(2026, 1, 5, 9)


@pytest.fixture
def cuti_bersama(db):
    HariLibur.objects.create(tanggal=date(2025, 12, 26), nama="Cuti bersama Natal")
    lupakan_libur_tambahan()


def _hadir(desa, p, tanggal, *, telat=0, cepat=0, pulang=True):
    return Kehadiran(
        desa=desa,
        perangkat=p,
        tanggal=tanggal,
        masuk=waktu(tanggal.year, tanggal.month, tanggal.day, 7, 30 + telat // 2),
        metode=Metode.QR,
        terlambat_menit=telat,
        pulang=waktu(tanggal.year, tanggal.month, tanggal.day, 15, 30) if pulang else None,
        metode_pulang=Metode.QR if pulang else "",
        pulang_cepat_menit=cepat,
    )


def _izin(desa, p, jenis, mulai, sampai, status=Izin.Status.DISETUJUI):
    return Izin(
        desa=desa,
        perangkat=p,
        jenis=jenis,
        mulai=mulai,
        sampai=sampai,
        alasan="x",
        status=status,
        diajukan_oleh=p.pengguna,
        diputus_oleh=p.pengguna if status != Izin.Status.MENUNGGU else None,
        diputus_pada=SETELAH if status != Izin.Status.MENUNGGU else None,
        catatan_putusan="x" if status == Izin.Status.DITOLAK else "",
    )


def test_a_month_with_a_holiday_and_a_cuti_bersama(desa_a, kaur_a, cuti_bersama):
    d = lambda n: date(2025, 12, n)  # noqa: E731
    with scopes_disabled():
        Kehadiran.objects.bulk_create(
            [_hadir(desa_a, kaur_a, d(n)) for n in (1, 2, 3, 4, 5, 8, 9, 10, 11, 15, 16, 17)]
            + [_hadir(desa_a, kaur_a, d(12), telat=20), _hadir(desa_a, kaur_a, d(19), cepat=30)]
            + [_hadir(desa_a, kaur_a, d(25)), _hadir(desa_a, kaur_a, d(27))]  # holiday, Saturday: not counted
        )
        Izin.objects.bulk_create(
            [
                _izin(desa_a, kaur_a, "sakit", d(22), d(23)),
                _izin(desa_a, kaur_a, "cuti", d(24), d(30)),  # over Christmas, the cuti bersama and a weekend
                _izin(desa_a, kaur_a, "izin", d(31), d(31), status=Izin.Status.DITOLAK),
                _izin(desa_a, kaur_a, "dinas_luar", d(18), d(18), status=Izin.Status.MENUNGGU),
            ]
        )
    with scope(desa=desa_a):
        rekap = selectors.rekap_desa(desa=desa_a, tahun=2025, bulan=12, sekarang=SETELAH)
    b = rekap.baris[0]
    assert len(rekap.hari_kerja) == 21 and date(2025, 12, 26) not in rekap.hari_kerja
    assert (b.hadir, b.terlambat, b.pulang_cepat) == (14, 1, 1)
    assert (b.sakit, b.cuti, b.izin, b.dinas_luar) == (2, 3, 0, 0)  # cuti: 24, 29, 30
    assert b.tanpa_keterangan == 2  # the 18th (request still waiting) and the 31st (refused)
    assert b.hadir + b.izin + b.sakit + b.cuti + b.dinas_luar + b.tanpa_keterangan == 21
    assert rekap.total.hadir == 14 and b.persen_hadir == 67


def test_today_counts_only_once_the_working_day_is_over(desa_a, kaur_a):
    pagi, sore = waktu(2026, 11, 30, 9), waktu(2026, 11, 30, 16)  # a Monday
    with scope(desa=desa_a):
        assert (
            date(2026, 11, 30) not in selectors.rekap_desa(desa=desa_a, tahun=2026, bulan=11, sekarang=pagi).hari_kerja
        )
        assert date(2026, 11, 30) in selectors.rekap_desa(desa=desa_a, tahun=2026, bulan=11, sekarang=sore).hari_kerja
        assert selectors.rekap_desa(desa=desa_a, tahun=2027, bulan=1, sekarang=sore).hari_kerja == []


hari_desember = st.sampled_from([date(2025, 12, n) for n in range(1, 32)])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    hadir=st.sets(hari_desember, max_size=31),
    cuti=st.lists(st.tuples(st.sampled_from(Izin.Jenis.values), hari_desember, st.integers(0, 6)), max_size=4),
)
def test_every_working_day_is_counted_exactly_once(desa_a, kaur_a, cuti_bersama, hadir, cuti):
    with scopes_disabled():
        Kehadiran.objects.all().delete()
        Izin.objects.all().delete()
        Kehadiran.objects.bulk_create([_hadir(desa_a, kaur_a, h, telat=5 * (h.day % 3)) for h in hadir])
        Izin.objects.bulk_create([_izin(desa_a, kaur_a, j, m, m + timedelta(days=n)) for j, m, n in cuti])
    with scope(desa=desa_a):
        b = selectors.rekap_desa(desa=desa_a, tahun=2025, bulan=12, sekarang=SETELAH).baris[0]
    kerja = set(hari_kerja_dalam(date(2025, 12, 1), date(2025, 12, 31)))
    assert b.hadir + b.izin + b.sakit + b.cuti + b.dinas_luar + b.tanpa_keterangan == b.hari_kerja == 21
    assert b.hadir == len(hadir & kerja)
    assert b.terlambat <= b.hadir and b.pulang_cepat <= b.hadir


@pytest.fixture
def bulan_penuh(desa_a, kaur_a, kepala_a, orang):
    """Three officials with a month each, plus ten more, to prove the page's queries don't grow."""
    semua = [kaur_a, kepala_a] + [orang(desa_a, jabatan=f"Kadus {i}") for i in range(10)]
    with scopes_disabled():
        Kehadiran.objects.bulk_create(
            [_hadir(desa_a, p, h) for p in semua for h in hari_kerja_dalam(date(2025, 12, 1), date(2025, 12, 20))]
        )
        Izin.objects.bulk_create([_izin(desa_a, p, "cuti", date(2025, 12, 22), date(2025, 12, 24)) for p in semua])
    return semua


def test_village_recap_page_in_bounded_queries(client_for, desa_a, admin_a, bulan_penuh, django_assert_max_num_queries):
    client = client_for(desa_a, admin_a)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("kehadiran:rekap") + "?bulan=2025-12")
    assert response.status_code == 200
    assert "Sutrisno" in response.text and "<svg" in response.text and "k-hadir" in response.text


def test_xlsx_export(client_for, desa_a, admin_a, bulan_penuh):
    response = client_for(desa_a, admin_a).get(reverse("kehadiran:rekap") + "?bulan=2025-12&format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="rekap-kehadiran-desa-selakambang-2025-12.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    kepala = next(r for r in rows if r and r[1] == "Sutrisno")
    assert kepala[3] == 15 and kepala[8] == 3  # hadir (1–19 Dec), cuti (22–24 Dec)
    assert rows[-1][1] == "Jumlah" and rows[-1][3] == 15 * 12


def test_pdf_has_the_table_and_the_kepala_desas_signature_block(client_for, desa_a, admin_a, bulan_penuh):
    with scopes_disabled():
        kepala = bulan_penuh[1]
        kepala.nip = "197001011990031001"
        kepala.save()
    response = client_for(desa_a, admin_a).get(reverse("kehadiran:rekap") + "?bulan=2025-12&format=pdf")
    assert response["Content-Type"] == "application/pdf"
    teks = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "REKAP KEHADIRAN PERANGKAT DESA SELAKAMBANG" in teks and "Desember 2025" in teks
    assert "Tanpa keterangan" in teks and "Kadus 3" in teks
    assert "Kepala Desa Selakambang" in teks and "Sutrisno" in teks and "NIP. 197001011990031001" in teks


def test_official_sees_their_own_history(client_for, desa_a, kaur_a, bulan_penuh):
    response = client_for(desa_a, kaur_a.pengguna).get(reverse("kehadiran:saya") + "?bulan=2025-12")
    assert response.status_code == 200
    assert "Riwayat Desember 2025" in response.text and "Hari Raya Natal" in response.text
    assert "Cuti" in response.text and "Kadus 3" not in response.text


def test_official_may_not_open_the_village_recap(client_for, desa_a, kaur_a):
    assert client_for(desa_a, kaur_a.pengguna).get(reverse("kehadiran:rekap")).status_code == 403


# --- the kecamatan -----------------------------------------------------------------------------


@pytest.fixture
def pemantau(make_user, kaligondang):
    return make_user("operator_kecamatan", kecamatan=kaligondang)


def test_kecamatan_sees_its_villages_recap(
    client_for, kaligondang, pemantau, desa_a, bulan_penuh, django_assert_max_num_queries
):
    client = client_for(kaligondang, pemantau)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("kehadiran:dasbor") + "?bulan=2025-12")
    assert response.status_code == 200 and "Selakambang" in response.text and "12 perangkat" in response.text
    detail = client.get(reverse("kehadiran:dasbor_desa", args=[desa_a.pk]) + "?bulan=2025-12")
    assert detail.status_code == 200 and "Sutrisno" in detail.text
    pdf = client.get(reverse("kehadiran:dasbor_desa", args=[desa_a.pk]) + "?bulan=2025-12&format=pdf")
    assert "Kepala Desa Selakambang" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_kecamatan_cannot_open_a_village_outside_it(client_for, kaligondang, pemantau, desa_b):
    client = client_for(kaligondang, pemantau)
    assert client.get(reverse("kehadiran:dasbor_desa", args=[desa_b.pk])).status_code == 404
    response = client.get(reverse("kehadiran:dasbor"))
    assert desa_b.nama not in response.text


def test_village_host_has_no_kecamatan_recap(client_for, desa_a, admin_a):
    assert client_for(desa_a, admin_a).get(reverse("kehadiran:dasbor")).status_code == 404
