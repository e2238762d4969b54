"""The screen's code: signed per village, valid for its 30-second slot and a short grace."""

import pytest
from django.core import signing
from hypothesis import given
from hypothesis import strategies as st

from balai.kehadiran import kode

T0 = 1_780_000_000.0  # some moment; slots are counted from the epoch


def test_fresh_code_reads_back_with_its_village_slot_and_nonce():
    teks, sisa = kode.buat(7, sekarang=T0)
    dibaca = kode.baca(teks, 7, sekarang=T0 + 1)
    assert dibaca.desa_id == 7 and dibaca.slot == kode.slot_pada(T0) and len(dibaca.nonce) >= 8
    assert 1 <= sisa <= kode.SLOT_DETIK


def test_each_code_has_its_own_nonce():
    assert (
        kode.baca(kode.buat(7, sekarang=T0)[0], 7, sekarang=T0).nonce
        != kode.baca(kode.buat(7, sekarang=T0)[0], 7, sekarang=T0).nonce
    )


@given(st.floats(min_value=0, max_value=kode.SLOT_DETIK - 0.001))
def test_code_is_valid_until_its_slot_ends_plus_the_grace(offset):
    awal = kode.slot_pada(T0) * kode.SLOT_DETIK
    teks, _ = kode.buat(7, sekarang=awal + offset)
    batas = awal + kode.SLOT_DETIK + kode.TENGGANG_DETIK
    assert kode.baca(teks, 7, sekarang=batas - 0.01)
    with pytest.raises(kode.KodeDitolak, match="kedaluwarsa"):
        kode.baca(teks, 7, sekarang=batas)


def test_expired_code_says_how_old_it_is():
    teks, _ = kode.buat(7, sekarang=T0)
    with pytest.raises(kode.KodeDitolak, match=r"kedaluwarsa \(dibuat 5 menit lalu"):
        kode.baca(teks, 7, sekarang=kode.slot_pada(T0) * 30 + 300)


def test_another_villages_code_fails_its_signature():
    teks, _ = kode.buat(8, sekarang=T0)
    with pytest.raises(kode.KodeDitolak, match="bukan kode kantor desa ini"):
        kode.baca(teks, 7, sekarang=T0)


def test_a_code_signed_with_this_villages_salt_but_naming_another_is_refused():
    teks = signing.dumps({"d": 8, "s": kode.slot_pada(T0), "n": "abcdefghijkl"}, salt="balai.kehadiran.layar.desa-7")
    with pytest.raises(kode.KodeDitolak, match="bukan kode kantor desa ini"):
        kode.baca(teks, 7, sekarang=T0)


@pytest.mark.parametrize("teks", ["", "   ", "bukan-kode", "eyJkIjo3fQ:1abc:xyz"])
def test_garbage_is_refused_with_a_reason(teks):
    with pytest.raises(kode.KodeDitolak):
        kode.baca(teks, 7, sekarang=T0)


def test_a_tampered_slot_breaks_the_signature():
    teks, _ = kode.buat(7, sekarang=T0)
    data, sig = teks.rsplit(":", 1)
    payload = signing.b64_decode(data.encode()).replace(str(kode.slot_pada(T0)).encode(), b"9999999999")
    palsu = signing.b64_encode(payload).decode() + ":" + sig
    with pytest.raises(kode.KodeDitolak, match="tanda tangannya tidak cocok"):
        kode.baca(palsu, 7, sekarang=T0)


def test_code_from_the_future_is_refused():
    teks, _ = kode.buat(7, sekarang=T0 + 600)
    with pytest.raises(kode.KodeDitolak, match="belum berlaku"):
        kode.baca(teks, 7, sekarang=T0)
