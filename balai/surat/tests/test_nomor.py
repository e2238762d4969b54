import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction
from django_scopes import scope, scopes_disabled

from balai.surat import nomor, services
from balai.surat.models import FORMAT_NOMOR_BAKU, PengaturanSurat, PenghitungNomor, Surat, SuratMasuk


def test_default_format():
    class D:
        kode = "33.03.04.2006"

    hasil = nomor.susun(FORMAT_NOMOR_BAKU, kode="474.1", nomor=7, desa=D, tanggal=datetime.date(2026, 12, 4))
    assert hasil == "474.1/007/2006/XII/2026"


@pytest.mark.parametrize(
    "teks, alasan",
    [
        ("{kode}/{tahun}", "{nomor}"),
        ("{nomor}/{kode.__class__}/{tahun}", "Kurung kurawal"),
        ("{nomor}/{rahasia}/{tahun}", "tidak dikenal"),
        ("{nomor:>10}/{tahun}", "Kurung kurawal"),
        ("{nomor}", "{tahun}"),
    ],
)
def test_bad_formats_are_refused(teks, alasan):
    with pytest.raises(ValidationError) as e:
        nomor.periksa_format(teks)
    assert any(alasan in m for m in e.value.messages)


@pytest.mark.django_db
def test_numbers_reset_yearly_and_per_type_when_chosen(desa_a):
    with scope(desa=desa_a), transaction.atomic():
        tahun_ini = datetime.date(2026, 5, 1)
        assert [nomor.ambil_nomor(desa=desa_a, jenis="skck", tanggal=tahun_ini) for _ in range(3)] == [1, 2, 3]
        assert nomor.ambil_nomor(desa=desa_a, jenis="domisili", tanggal=tahun_ini) == 4  # shared
        assert nomor.ambil_nomor(desa=desa_a, jenis="skck", tanggal=datetime.date(2027, 1, 2)) == 1
        PengaturanSurat.objects.create(desa=desa_a, penomoran=PengaturanSurat.Penomoran.PER_JENIS)
        assert nomor.ambil_nomor(desa=desa_a, jenis="skck", tanggal=tahun_ini) == 1
        assert nomor.ambil_nomor(desa=desa_a, jenis="usaha", tanggal=tahun_ini) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_signatures_get_fifty_consecutive_numbers(desa_a, ajukan, desa_a_perangkat_ttd):
    kades_user, kades = desa_a_perangkat_ttd
    letters = []
    for _ in range(50):
        s = ajukan()
        with scope(desa=desa_a):
            Surat.objects.filter(pk=s.pk).update(status=Surat.Status.DIVERIFIKASI, penanda_tangan=kades)
        letters.append(s.pk)
    barrier = threading.Barrier(50)
    errors = []

    def sign(pk):
        try:
            with scope(desa=desa_a):
                surat = Surat.objects.get(pk=pk)
                barrier.wait(timeout=30)
                services.tandatangani_surat(surat=surat, actor=kades_user, terbitkan=False)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=sign, args=(pk,)) for pk in letters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    with scopes_disabled():
        numbers = sorted(Surat.objects.filter(desa=desa_a).values_list("nomor", flat=True))
        full = set(Surat.objects.filter(desa=desa_a).values_list("nomor_lengkap", flat=True))
        assert PenghitungNomor.objects.get(desa=desa_a).terakhir == 50
    assert numbers == list(range(1, 51)) and len(full) == 50


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_arrivals_get_twenty_consecutive_agenda_numbers(desa_a, operator_a):
    """Incoming mail recorded at the same moment (two clerks, one counter) never shares an agenda
    number and leaves no gap, including the year's first letter, whose counter row is created then."""
    n = 20
    barrier = threading.Barrier(n)
    errors = []
    hari = datetime.date(2026, 3, 2)

    def catat(i):
        try:
            with scope(desa=desa_a):
                barrier.wait(timeout=30)
                services.catat_surat_masuk(
                    desa=desa_a, actor=operator_a, tanggal_terima=hari, nomor_surat=f"005/{i}/2026",
                    tanggal_surat=hari, pengirim="Camat Kaligondang", perihal=f"Undangan {i}",
                )  # fmt: skip
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=catat, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    with scopes_disabled():
        numbers = sorted(SuratMasuk.objects.filter(desa=desa_a, tahun=2026).values_list("nomor_agenda", flat=True))
        assert PenghitungNomor.objects.get(desa=desa_a, kunci=nomor.SURAT_MASUK, tahun=2026).terakhir == n
    assert numbers == list(range(1, n + 1))
