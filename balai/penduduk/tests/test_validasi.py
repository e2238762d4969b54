import datetime

from hypothesis import given
from hypothesis import strategies as st
from stdnum.id import nik as stdnum_nik

from balai.penduduk import kode, validasi
from balai.penduduk.privasi import samarkan

tanggal = st.dates(min_value=datetime.date(1920, 1, 1), max_value=datetime.date(2025, 12, 31))


def buat_nik(wilayah, lahir, perempuan, urut):
    day = lahir.day + (40 if perempuan else 0)
    return f"{wilayah}{day:02d}{lahir.month:02d}{lahir.year % 100:02d}{urut:04d}"


@given(lahir=tanggal, perempuan=st.booleans(), urut=st.integers(0, 9999))
def test_well_formed_nik_agrees_with_its_record(lahir, perempuan, urut):
    nik = buat_nik("330304", lahir, perempuan, urut)
    jk = kode.PEREMPUAN if perempuan else kode.LAKI_LAKI
    assert validasi.galat_nik(nik, tanggal_lahir=lahir, jenis_kelamin=jk) is None
    assert stdnum_nik.is_valid(nik)  # agrees with python-stdnum
    other = kode.LAKI_LAKI if perempuan else kode.PEREMPUAN
    assert "jenis kelamin" in validasi.galat_nik(nik, tanggal_lahir=lahir, jenis_kelamin=other)


@given(lahir=tanggal, lain=tanggal, perempuan=st.booleans())
def test_nik_date_part_must_match_birth_date(lahir, lain, perempuan):
    nik = buat_nik("330304", lahir, perempuan, 1)
    pesan = validasi.galat_nik(nik, tanggal_lahir=lain)
    same = (lahir.day, lahir.month, lahir.year % 100) == (lain.day, lain.month, lain.year % 100)
    assert (pesan is None) == same
    if not same:
        assert "Tanggal lahir pada NIK" in pesan


@given(st.text(max_size=20))
def test_arbitrary_text_never_crashes_and_agrees_with_stdnum(text):
    pesan = validasi.galat_nik(text)
    if pesan is None and text[:2] not in PROVINSI_BARU:
        assert stdnum_nik.is_valid(text)


# Provinces younger than python-stdnum's table: Kalimantan Utara and the Papua provinces of 2022.
PROVINSI_BARU = {"65", "92", "93", "95", "96"}


def test_every_province_of_today_is_known_including_the_new_ones():
    assert len(validasi.KODE_PROVINSI) == 38
    for provinsi in ("65", "96", "94"):  # Tarakan, Sorong, Nabire: NIKs issued there are accepted
        assert validasi.galat_nik(f"{provinsi}71014107900001") is None
    assert not stdnum_nik.is_valid("6571014107900001")  # the table we no longer depend on lacks it
    assert "provinsi 20" in validasi.galat_nik("2071014107900001")


def test_messages_say_what_is_wrong():
    assert "16 angka" in validasi.galat_nik("3303")
    assert "provinsi 99" in validasi.galat_nik("9903040703850001")
    assert "tidak lengkap" in validasi.galat_nik("3300040703850001")
    assert "bukan tanggal" in validasi.galat_nik("3303043213850001")
    # A resident who moved in keeps a NIK from another region (Jakarta): fine.
    assert validasi.galat_nik("3171011708450001", tanggal_lahir=datetime.date(1945, 8, 17)) is None
    assert validasi.galat_no_kk("330304010120").startswith("Nomor KK harus 16 angka")


def test_masking_keeps_only_the_ends():
    assert samarkan("3303040703850012") == "3303••••••••0012"
    assert samarkan("") == ""
