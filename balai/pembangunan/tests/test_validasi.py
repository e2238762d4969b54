"""Bad input on the project form: a clear Indonesian message at the field, nothing stored."""

import pytest
from django_scopes import scope

from balai.pembangunan.forms import ProgresForm, ProyekForm
from balai.pembangunan.models import Proyek

pytestmark = pytest.mark.django_db

BAIK = {
    "nama": "Saluran drainase RT 03",
    "tahun": "2026",
    "status": "rencana",
    "sumber_dana": "DDS",
    "anggaran": "Rp 85.500.000",
    "volume": "120,5",
    "satuan": "m",
    "terbit": "on",
}


def _form(desa, **changes):
    data = {**BAIK, **changes}
    with scope(desa=desa):
        form = ProyekForm(data, instance=Proyek(desa=desa), desa=desa)
        form.is_valid()
        return form


def test_form_baik_membaca_rupiah_dan_koma(desa_a):
    form = _form(desa_a, lat="-7,391234", lng="109.362345")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["anggaran"] == 85_500_000
    assert str(form.cleaned_data["volume"]) == "120.5"
    assert str(form.cleaned_data["lat"]) == "-7.391234"


@pytest.mark.parametrize(
    "changes,field,words",
    [
        ({"anggaran": "-5.000.000"}, "anggaran", "tidak boleh negatif"),
        ({"anggaran": "seratus juta"}, "anggaran", "angka rupiah"),
        ({"lat": "7.391234", "lng": "109.36"}, "lat", "di luar wilayah kabupaten"),
        ({"lat": "-7.39", "lng": "110.9"}, "lng", "di luar wilayah kabupaten"),
        ({"lat": "-7.39"}, "lng", "bersama-sama"),
        ({"lat": "abc", "lng": "109.3"}, "lat", "angka"),
        ({"volume": "-2"}, "volume", "0"),
        ({"mulai": "2026-08-01", "rencana_selesai": "2026-07-01"}, None, "tidak boleh sebelum"),
    ],
)
def test_form_menolak_dengan_pesan_jelas(desa_a, changes, field, words):
    form = _form(desa_a, **changes)
    assert not form.is_valid()
    errors = form.errors.get(field or "__all__") or sum(form.errors.values(), [])
    assert any(words in e for e in errors), form.errors


def test_batas_peta_dari_pengaturan(desa_a, settings):
    settings.BALAI_PETA_BATAS = [-8.0, 110.0, -7.0, 111.0]  # another kabupaten's box
    assert _form(desa_a, lat="-7.5", lng="110.5").is_valid()
    assert not _form(desa_a, lat="-7.39", lng="109.36").is_valid()


@pytest.mark.parametrize(
    "persen,words", [("-1", "paling sedikit 0"), ("101", "paling banyak 100"), ("lima", "angka 0 sampai 100")]
)
def test_form_progres_menolak_persen(persen, words):
    form = ProgresForm({"tanggal": "2026-08-01", "persen": persen})
    assert not form.is_valid()
    assert words in form.errors["persen"][0]


def test_form_progres_menolak_tanggal_masa_depan():
    form = ProgresForm({"tanggal": "2099-01-01", "persen": "10"})
    assert not form.is_valid()
    assert "masa depan" in form.errors["tanggal"][0]
