"""The audit log as its readers use it: readable actions, filters, pages, phone layout, access."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.izin import PERAN_IZIN
from balai.akun.models import PERAN_DESA, Peran
from balai.core import audit
from balai.core.models import AuditEntry

BALAI = Path(audit.__file__).resolve().parent.parent

# Actions whose code is put together at run time, written out in full.
DYNAMIC_ACTIONS = [
    *(f"{p}.{v}" for p in ("agenda", "pengumuman", "dokumen") for v in ("dibuat", "diubah", "dihapus")),
    *(f"galeri.album_{v}" for v in ("dibuat", "diubah", "dihapus")),
    *(f"wilayah.{m}_{v}" for m in ("dusun", "rw", "rt") for v in ("dibuat", "diubah", "dihapus")),
    *(f"{p}.{v}" for p in ("halaman", "perangkat", "menu_situs", "kategori") for v in ("dibuat", "diubah", "dihapus")),
    "situs.pengaturan.dibuat",
    "situs.pengaturan.diubah",
    *(f"{m}.dilihat" for m in ("penduduk", "keluarga", "rumahtangga")),
]


def recorded_action_literals():
    """Every action code written literally where the code records one (action=..., aksi=...,
    and returned from a helper that picks the action)."""
    line_pattern = re.compile(r'\b(?:action|aksi)\s*=|return "')
    code_pattern = re.compile(r'"([a-z_]+\.[a-z0-9_.]+)"')
    found = set()
    for path in BALAI.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        if "audit" not in text:
            continue
        for line in text.splitlines():
            if line_pattern.search(line) and "startswith" not in line:
                # Prefixes completed at run time ("galeri.album_") are in DYNAMIC_ACTIONS.
                found.update(c for c in code_pattern.findall(line) if not c.endswith(("_", ".")))
    return found


def test_every_recorded_action_has_a_readable_label():
    literals = recorded_action_literals()
    assert {"penduduk.impor_diperiksa", "akun.gagal_masuk", "artikel.dijadwalkan", "desa.dinonaktifkan"} <= literals
    labels = audit.labels()
    missing = sorted(a for a in literals | set(DYNAMIC_ACTIONS) if a not in labels)
    assert not missing, f"audit actions without a label: {missing}"
    assert all(label and label[0].isupper() for label in labels.values())


def test_an_unlabelled_action_still_reads_as_words():
    assert audit.label("uji.sesuatu_terjadi") == "Uji: sesuatu terjadi"


def test_operator_and_village_heads_read_the_log_others_do_not(client_for, make_user, desa_a):
    membaca = {Peran.ADMIN_DESA, Peran.OPERATOR_DESA, Peran.KEPALA_DESA, Peran.SEKDES}
    assert {p for p in PERAN_DESA if "audit.lihat" in PERAN_IZIN[p]} == membaca
    for peran in Peran:
        if peran in (Peran.ADMIN_KABUPATEN, Peran.OPERATOR_KECAMATAN):
            continue
        status = client_for(desa_a, make_user(peran, desa=desa_a)).get("/admin-desa/log/").status_code
        assert status == (200 if peran in membaca else 403), peran


def test_log_shows_readable_actions_and_object_types(client_for, admin_a, desa_a):
    client = client_for(desa_a, admin_a)
    client.post("/admin-desa/wilayah/dusun/tambah/", {"nama": "Krajan"})
    audit.record(action="penduduk.impor_diperiksa", actor=admin_a, desa=desa_a, label="berkas.xlsx")
    body = client.get("/admin-desa/log/").content.decode()
    assert "Dusun ditambah" in body and "Berkas impor penduduk diperiksa" in body
    assert ">penduduk.impor_diperiksa<" not in body and "<code>" not in body
    assert "(Dusun)" in body  # the object's kind, by its model's name


def _entry(desa, action, actor_label, when, object_type=""):
    with scopes_disabled():
        e = audit.record(action=action, desa=desa, label=f"Objek-{action}")
        AuditEntry.objects.filter(pk=e.pk).update(waktu=when, actor_label=actor_label, object_type=object_type)


def test_log_filters_by_days_account_object_type_and_action(client_for, admin_a, operator_a, desa_a):
    now = timezone.localtime()
    _entry(desa_a, "artikel.diubah", operator_a.username, now - timedelta(days=10), "website.artikel")
    _entry(desa_a, "penduduk.diubah", admin_a.username, now - timedelta(days=2), "penduduk.penduduk")
    _entry(desa_a, "akun.masuk", admin_a.username, now, "akun.user")
    client = client_for(desa_a, operator_a)
    day = (now - timedelta(days=2)).date().isoformat()
    body = client.get(f"/admin-desa/log/?dari={day}&sampai={day}").content.decode()
    assert "Objek-penduduk.diubah" in body and "Objek-artikel.diubah" not in body and "Objek-akun.masuk" not in body
    body = client.get(f"/admin-desa/log/?pengguna={operator_a.username}").content.decode()
    assert "Objek-artikel.diubah" in body and "Objek-penduduk.diubah" not in body
    page = client.get("/admin-desa/log/?jenis=penduduk.penduduk")
    body = page.content.decode()
    assert "Objek-penduduk.diubah" in body and "Objek-artikel.diubah" not in body
    assert '<option value="penduduk.penduduk" selected>Penduduk</option>' in body
    body = client.get("/admin-desa/log/?tindakan=akun.masuk").content.decode()
    assert "Objek-akun.masuk" in body and "Objek-penduduk.diubah" not in body
    # Bad input is explained on the form, never a server error.
    bad = client.get(f"/admin-desa/log/?dari=kemarin&sampai={day}")
    assert bad.status_code == 200 and "Masukkan tanggal yang valid" in bad.content.decode()
    backwards = client.get(f"/admin-desa/log/?dari={now.date().isoformat()}&sampai={day}").content.decode()
    assert "tidak boleh sebelum" in backwards


def test_log_pages_through_every_entry(client_for, admin_a, desa_a, django_assert_max_num_queries):
    with scopes_disabled():
        AuditEntry.objects.bulk_create(
            [AuditEntry(action="akun.masuk", desa=desa_a, actor_label=f"orang{i:03d}") for i in range(120)]
        )
    client = client_for(desa_a, admin_a)
    with django_assert_max_num_queries(20):
        first = client.get("/admin-desa/log/").content.decode()
    assert "Halaman 1 dari 3" in first and "120 catatan" in first
    last = client.get("/admin-desa/log/?halaman=3").content.decode()
    assert "orang000" in last and "orang119" not in last
    for odd in ("99999999999999999999", "-1", "abc"):
        assert client.get(f"/admin-desa/log/?halaman={odd}").status_code == 200
    # Filters stay on when moving between pages.
    filtered = client.get("/admin-desa/log/?tindakan=akun.masuk").content.decode()
    assert "tindakan=akun.masuk&amp;halaman=2" in filtered


def test_log_rows_are_cards_on_a_phone(client_for, admin_a, desa_a):
    audit.record(action="akun.masuk", actor=admin_a, desa=desa_a)
    body = client_for(desa_a, admin_a).get("/admin-desa/log/").content.decode()
    assert 'class="stack log"' in body and 'data-label="Tindakan"' in body


@pytest.mark.parametrize("tenant", ["kabupaten", "kecamatan"])
def test_region_logs_filter_by_typed_account(tenant, client_for, make_user, kaligondang, desa_a, admin_a):
    audit.record(action="akun.masuk", actor=admin_a, desa=desa_a, label="Objek-A")
    audit.record(action="akun.keluar", desa=desa_a, label="Objek-B")
    if tenant == "kabupaten":
        client = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    else:
        client = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))
    body = client.get(f"/dasbor/log/?pengguna={admin_a.username[:4]}").content.decode()
    assert "Objek-A" in body and "Objek-B" not in body


def test_log_rows_show_changes_escaped_with_dashes_for_nothing(client_for, admin_a, desa_a):
    with scopes_disabled():
        audit.record(
            action="penduduk.diubah",
            actor=admin_a,
            desa=desa_a,
            label="<b>Warga</b>",
            changes={"nama": ["<i>lama</i>", None], "persen": [12.5, 40], "berkas": "buku.pdf"},
        )
    for path in ("/admin-desa/", "/admin-desa/log/"):
        body = client_for(desa_a, admin_a).get(path).content.decode()
        assert "<strong>nama</strong>: &lt;i&gt;lama&lt;/i&gt; → —</div>" in body
        assert "<strong>persen</strong>: 12,5 → 40</div>" in body  # numbers as Indonesian readers write them
        assert "<strong>berkas</strong>: buku.pdf</div>" in body
        assert "&lt;b&gt;Warga&lt;/b&gt;" in body and "<b>Warga" not in body
