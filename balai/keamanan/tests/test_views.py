"""The pages: a village's own check and guide, the kabupaten's scores, queues and lists."""

from datetime import timedelta

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.core import audit
from balai.keamanan import selectors, services
from balai.keamanan.models import DomainBlokir, Izin, Penahanan, Temuan
from balai.website import services as website
from balai.website.models import Artikel


def _hold(desa, actor, isi="<p>Kedai Slot Gacor buka.</p>"):
    with scope(desa=desa):
        website.simpan_artikel(desa=desa, actor=actor, data={"judul": "Kedai", "isi": isi, "status": "terbit"})
    with scopes_disabled():
        return Penahanan.objects.filter(desa=desa).latest("pk")


def test_village_page_shows_its_check_and_only_its_own_findings(desa_a, desa_b, admin_a, operator_b, client_for):
    _hold(desa_b, operator_b)
    with scopes_disabled():
        Temuan.objects.create(
            desa=desa_b, halaman="/", aturan="istilah", keterangan="rahasia desa B", sidik="b", terakhir=timezone.now()
        )
        Temuan.objects.create(
            desa=desa_a, halaman="/x/", aturan="istilah", keterangan="temuan desa A", sidik="a", terakhir=timezone.now()
        )
    r = client_for(desa_a, admin_a).get("/admin-desa/keamanan/")
    body = r.content.decode()
    assert r.status_code == 200
    assert "Skor keamanan" in body and "temuan desa A" in body and "rahasia desa B" not in body and "Kedai" not in body
    assert "Verifikasi dua langkah" in body and str(admin_a) in body  # admin without 2FA is named, with what to click


def test_perangkat_sees_the_guide_but_not_account_names(desa_a, make_user, admin_a, client_for):
    perangkat = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    c = client_for(desa_a, perangkat)
    assert str(admin_a) not in c.get("/admin-desa/keamanan/").content.decode()
    guide = c.get("/admin-desa/keamanan/panduan/").content.decode()
    assert "Perangkat desa" in guide and "Verifikasi dua langkah" in guide
    assert "Operator desa" in c.get("/admin-desa/keamanan/panduan/?peran=operator_desa").content.decode()


def test_score_parts(desa_a, make_user, admin_a):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a, username="op2")
    TOTPDevice.objects.create(user=admin_a, name="hp", confirmed=True)
    TOTPDevice.objects.create(user=operator, name="hp", confirmed=True)
    lama = make_user(Peran.PERANGKAT_DESA, desa=desa_a, username="lama")
    type(lama).objects.filter(pk=lama.pk).update(date_joined=timezone.now() - timedelta(days=200), last_login=None)
    with scopes_disabled():
        for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
            entry = audit.record(action="akun.masuk", actor=operator, desa=desa_a, obj=operator)
            type(entry).objects.filter(pk=entry.pk).update(ip=ip)
        desa = type(desa_a).objects.select_related("kecamatan__kabupaten").get(pk=desa_a.pk)
    s = selectors.skor_keamanan([desa])[0]
    parts = {b.kunci: b for b in s.bagian}
    assert parts["2fa"].lulus
    assert not parts["akun_lama"].lulus and parts["akun_lama"].masalah == [str(lama)]
    assert not parts["akun_bersama"].lulus and parts["akun_bersama"].masalah == [str(operator)]
    assert not parts["segar"].lulus and parts["temuan"].lulus
    assert 0 < s.skor < 100


def test_kabupaten_page_weakest_first_in_bounded_queries(
    desa_a, desa_b, admin_kab, operator_b, client_for, django_assert_max_num_queries
):
    _hold(desa_b, operator_b)
    with scope(desa=desa_a):
        Artikel.objects.create(desa=desa_a, judul="x", slug="x", status="terbit", terbit_pada=timezone.now())
    c = client_for(None, admin_kab)
    c.get("/dasbor/keamanan/")
    with django_assert_max_num_queries(30):
        r = c.get("/dasbor/keamanan/")
    body = r.content.decode()
    assert r.status_code == 200 and body.index("Karangpetir") < body.index("Selakambang")


def test_review_release_and_false_positive_through_the_pages(desa_a, operator_a, admin_kab, client_for):
    hold = _hold(desa_a, operator_a)
    c = client_for(None, admin_kab)
    assert "Kedai" in c.get("/dasbor/keamanan/ditahan/").content.decode()
    page = c.get(f"/dasbor/keamanan/ditahan/{hold.pk}/").content.decode()
    assert "slot gacor" in page.lower() and "<p>Kedai" not in page  # raw text shown escaped
    r = c.post(f"/dasbor/keamanan/ditahan/{hold.pk}/", {"tindakan": "positif_palsu", "kunci": ""})
    assert "Isi frasa" in r.content.decode()
    r = c.post(
        f"/dasbor/keamanan/ditahan/{hold.pk}/",
        {"tindakan": "positif_palsu", "kunci": "Slot Gacor", "seluruh_kabupaten": "on"},
    )
    assert r.status_code == 302
    with scopes_disabled():
        assert Izin.objects.get().desa is None and Artikel.objects.get().status == "terbit"


def test_blocklist_editor_refuses_a_non_domain_with_the_reason(admin_kab, client_for):
    c = client_for(None, admin_kab)
    r = c.post("/dasbor/keamanan/daftar/", {"blokir-domain": "https://judi.com/daftar", "blokir-alasan": ""})
    assert r.status_code == 200 and "bukan domain" in r.content.decode()
    assert not DomainBlokir.objects.exists()
    assert (
        c.post("/dasbor/keamanan/daftar/", {"blokir-domain": "judi.example", "blokir-alasan": "iklan"}).status_code
        == 302
    )
    entry = DomainBlokir.objects.get()
    assert c.get(f"/dasbor/keamanan/daftar/blokir/{entry.pk}/hapus/").status_code == 405
    assert c.post(f"/dasbor/keamanan/daftar/blokir/{entry.pk}/hapus/").status_code == 302
    assert not DomainBlokir.objects.exists()


def test_finding_marked_with_an_audit_trail(desa_a, admin_kab, client_for):
    with scopes_disabled():
        t = Temuan.objects.create(
            desa=desa_a, halaman="/", aturan="skrip_asing", keterangan="skrip", sidik="s", terakhir=timezone.now()
        )
    c = client_for(None, admin_kab)
    assert "skrip" in c.get("/dasbor/keamanan/temuan/").content.decode()
    assert (
        c.post(
            f"/dasbor/keamanan/temuan/{t.pk}/tandai/", {"status": "positif_palsu", "catatan": "CDN resmi"}
        ).status_code
        == 302
    )
    with scopes_disabled():
        t.refresh_from_db()
        assert t.status == Temuan.Status.POSITIF_PALSU and t.ditangani_oleh == admin_kab
        from balai.core.models import AuditEntry

        assert AuditEntry.objects.filter(action="keamanan.temuan_positif_palsu", object_id=str(t.pk)).exists()


def test_village_staff_cannot_review(desa_a, operator_a, admin_a, client_for):
    hold = _hold(desa_a, operator_a)
    for user in (operator_a, admin_a):
        c = client_for(desa_a, user)
        assert c.get("/dasbor/keamanan/").status_code == 404  # wrong host kind
    assert client_for(None, None).get(f"/dasbor/keamanan/ditahan/{hold.pk}/").status_code == 302  # sign in first
    assert services.daftar_untuk(desa_a).blokir == frozenset()
