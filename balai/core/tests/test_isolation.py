"""Every village-owned model, found automatically, is isolated per village:

- in the ORM: outside a scope its manager raises; inside village A's scope, B's rows are absent;
- in the back office: every URL that takes a `pk` of a village-owned model answers 404 to A's
  staff for B's object (GET, POST and htmx), and A's staff on B's host get 403, never data; no
  page, partial or export of A's (GET, or POST with B's ids) shows B's rows or links B's to A's;
- on the public site: another village's slug or id on A's host answers 404, never B's content;
- on kecamatan and kabupaten hosts: a kecamatan's staff never see a village of another
  kecamatan, and staff of one unit get 403 on any other unit's back office;
- in the API: every endpoint of the OpenAPI schema, called on A's host, returns none of B's data.

A new model with a `desa` foreign key, a new URL and a new API endpoint are picked up by these
tests without editing them; a model needs a way to be built (model_bakery by default, or an
entry in ISOLATION_RECIPES), a back-office view with a `pk` its `model=`."""

import html
import io
import random
import re
import zipfile
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django_scopes import ScopeError, scope, scopes_disabled
from model_bakery import baker
from PIL import Image

from balai.akun.models import Peran, User
from balai.core.tenancy import DESA, KABUPATEN, KECAMATAN, village_owned_models
from balai.core.tests import routes
from balai.kehadiran.models import Izin, Kehadiran, PengaturanKehadiran
from balai.lapak.models import Kategori, Pelapak, Produk
from balai.media.models import Gambar
from balai.media.services import simpan_gambar
from balai.pembangunan.models import Progres, Proyek
from balai.penduduk.models import Penduduk
from balai.ppid.models import InformasiPublik, Keberatan, Permohonan
from balai.publikasi.models import Dokumen
from balai.surat.models import LampiranSurat, PengaturanSurat, Surat, SuratMasuk
from balai.website.models import PengaturanSitus, Perangkat
from balai.wilayah.models import Desa

# Models that carry a `desa` link but are looked up before any tenant is known, with the reason.
UNSCOPED_BY_DESIGN = {
    User: "authentication finds users by username on any host; views filter by desa explicitly",
}


def _user_recipe(desa):
    user = baker.make(User, kabupaten=desa.kecamatan.kabupaten, kecamatan=desa.kecamatan, desa=desa)
    user.keanggotaan.create(peran=Peran.OPERATOR_DESA)
    return user


def _pengaturan_situs_recipe(desa):
    # The default greeting title is the same for every village; give this one its own.
    return baker.make(PengaturanSitus, desa=desa, judul_sambutan=f"Sambutan khusus {desa.slug}")


def _gambar_recipe(desa):
    # Pages show a picture's renditions: they must exist.
    png = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 90, 40)).save(png, "PNG")
    upload = SimpleUploadedFile("foto.png", png.getvalue())
    return simpan_gambar(desa=desa, actor=None, file=upload, alt=f"Gambar khusus {desa.slug}")


def _dokumen_recipe(desa):
    # Downloads open the stored file: it must exist.
    return baker.make(Dokumen, desa=desa, berkas=ContentFile(b"%PDF-1.4 uji", name="uji.pdf"))


def _proyek_recipe(desa):
    # Percent 0-100 and a plausible budget year are checks in the database.
    return baker.make(Proyek, desa=desa, tahun=2026, persen=40, anggaran=150_000_000, nama=f"Talud khusus {desa.slug}")


def _progres_recipe(desa):
    proyek = _proyek_recipe(desa)
    return baker.make(Progres, desa=desa, proyek=proyek, persen=50, tanggal=timezone.localdate())


# APBDes: a published budget with lines, kegiatan and realisation; a new year on each call, so
# a village may get several, and years apart from another village's (its name, "APBDes 2030", is
# the text the leak checks look for).
def _apbdes_recipe(desa):
    from balai.keuangan.models import Apbdes
    from balai.keuangan.tests.fabrik import apbdes_contoh

    tahun = 2016 + desa.pk * 7 % 70 + Apbdes.objects.filter(desa=desa).count()
    return apbdes_contoh(desa, tahun=tahun, label=f"khusus {desa.slug}")


def _apbdes_child_recipe(model):
    return lambda desa: model.objects.filter(desa=desa, **_apbdes_child_filter(model, _apbdes_recipe(desa))).first()


def _apbdes_child_filter(model, apbdes):
    from balai.keuangan.models import Baris, Kegiatan

    if model is Kegiatan:
        return {"tahun": apbdes.tahun}
    if model is Baris:
        return {"apbdes": apbdes}
    return {"baris__apbdes": apbdes}


def _keuangan_recipes():
    from balai.keuangan.models import Apbdes, Baris, ImporApbdes, Kegiatan, Realisasi

    return {
        Apbdes: _apbdes_recipe,
        Kegiatan: _apbdes_child_recipe(Kegiatan),
        Baris: _apbdes_child_recipe(Baris),
        Realisasi: _apbdes_child_recipe(Realisasi),
        ImporApbdes: lambda desa: baker.make(
            ImporApbdes, desa=desa, tahun=2099 - desa.pk, jenis="xlsx", nama_berkas=f"uji-{desa.slug}.xlsx"
        ),
    }


def _informasi_publik_recipe(desa):
    # A published DIP entry with a file, so its download is shown on its own village's host.
    return baker.make(
        InformasiPublik,
        desa=desa,
        kategori="berkala",
        berkas=ContentFile(b"%PDF-1.4 uji", name="uji.pdf"),
        jenis_berkas="pdf",
        tautan="",
        uji_konsekuensi="",
        dasar_hukum="",
    )


def _permohonan_recipe(desa):
    # An open request: the deadline after its arrival, no answer yet (database constraints).
    hari = timezone.localdate()
    urut = random.randint(1, 9999)
    return baker.make(
        Permohonan,
        desa=desa,
        tahun=hari.year,
        urut=urut,
        nomor=f"PPID/{desa.kode}/{hari.year}/{urut:04d}",
        diterima=hari,
        tenggat=hari + timedelta(days=14),
        status="diproses",
        jawaban="",
        diperpanjang=None,
        berkas_identitas="",
    )


def _keberatan_recipe(desa):
    hari = timezone.localdate()
    urut = random.randint(1, 9999)
    return baker.make(
        Keberatan,
        desa=desa,
        permohonan=_permohonan_recipe(desa),
        tahun=hari.year,
        urut=urut,
        nomor=f"KEB/{desa.kode}/{hari.year}/{urut:04d}",
        diterima=hari,
        tenggat=hari + timedelta(days=42),
        status="diproses",
        putusan="",
    )


def _pelapak_recipe(desa):
    # The WhatsApp number has a format constraint; the seller is approved so its products show.
    return baker.make(
        Pelapak, desa=desa, whatsapp="6281234567890", status="disetujui", nama=f"Lapak khusus {desa.slug}"
    )


def _produk_recipe(desa):
    # A product on show: an approved seller, a kabupaten category, a price above zero.
    kategori, _ = Kategori.objects.get_or_create(
        kabupaten=desa.kecamatan.kabupaten, slug="uji", defaults={"nama": "Kategori uji"}
    )
    return baker.make(
        Produk, desa=desa, pelapak=_pelapak_recipe(desa), kategori=kategori, harga=15000, berat_gram=None,
        status="tayang", tayang_pada=timezone.now(),
    )  # fmt: skip


def _surat_recipe(desa):
    # A signed letter (its verification page shows it): numbered, its type a known one.
    penduduk = make_for_desa(Penduduk, desa)
    return baker.make(
        Surat, desa=desa, jenis="domisili", penduduk=penduduk, pemohon=None, penanda_tangan=None, menggantikan=None,
        status="ditandatangani", nomor_lengkap=f"470/{random.randrange(10**9)}/{desa.slug}/2026", isi_final="", data={},
        berkas_pdf=ContentFile(b"%PDF-1.4 uji", name="surat.pdf"),
    )  # fmt: skip


def _lampiran_surat_recipe(desa):
    surat = _surat_recipe(desa)
    return baker.make(
        LampiranSurat, desa=desa, surat=surat, jenis_berkas="pdf", berkas=ContentFile(b"%PDF-1.4 uji", name="l.pdf")
    )


def _surat_masuk_recipe(desa):
    # The scan download needs a file; the agenda number must be unique per village and year.
    return baker.make(
        SuratMasuk, desa=desa, tahun=2026, nomor_agenda=random.randint(1, 10**6),
        jenis_berkas="pdf", berkas=ContentFile(b"%PDF-1.4 uji", name="m.pdf"), disposisi_kepada=None,
    )  # fmt: skip


def _pengaturan_surat_recipe(desa):
    # The default number format is the same for every village; give this one its own.
    return baker.make(PengaturanSurat, desa=desa, format_nomor=f"{{kode}}/{{nomor}}/{desa.slug}/{{tahun}}")


def _pengaturan_kehadiran_recipe(desa):
    # Checks in the database: a radius within bounds, a proof of presence.
    return PengaturanKehadiran.objects.create(desa=desa)


def _kehadiran_recipe(desa):
    # A day's record: check-out after check-in, each with its proof.
    masuk = timezone.now() - timedelta(hours=8)
    return baker.make(
        Kehadiran,
        desa=desa,
        perangkat=make_for_desa(Perangkat, desa),
        masuk=masuk,
        metode="qr",
        pulang=masuk + timedelta(hours=8),
        metode_pulang="qr",
    )


def _izin_recipe(desa):
    # A leave request waiting for a decision, over a range that runs forwards (also once
    # _publish moves `mulai` to tomorrow).
    hari = timezone.localdate()
    return baker.make(
        Izin,
        desa=desa,
        perangkat=make_for_desa(Perangkat, desa),
        mulai=hari,
        sampai=hari + timedelta(days=30),
        status="menunggu",
        lampiran="",
        lampiran_jenis="",
    )


# Builders for models model_bakery cannot fill on its own: {Model: callable(desa) -> instance}.
ISOLATION_RECIPES = {
    **_keuangan_recipes(),
    User: _user_recipe,
    PengaturanSitus: _pengaturan_situs_recipe,
    Gambar: _gambar_recipe,
    Dokumen: _dokumen_recipe,
    Proyek: _proyek_recipe,
    Progres: _progres_recipe,
    InformasiPublik: _informasi_publik_recipe,
    Permohonan: _permohonan_recipe,
    Keberatan: _keberatan_recipe,
    Pelapak: _pelapak_recipe,
    Produk: _produk_recipe,
    Surat: _surat_recipe,
    LampiranSurat: _lampiran_surat_recipe,
    SuratMasuk: _surat_masuk_recipe,
    PengaturanSurat: _pengaturan_surat_recipe,
    PengaturanKehadiran: _pengaturan_kehadiran_recipe,
    Kehadiran: _kehadiran_recipe,
    Izin: _izin_recipe,
}


def make_for_desa(model, desa):
    """An instance of `model` owned by `desa`, with village-owned parents from the same village."""
    if model in ISOLATION_RECIPES:
        return ISOLATION_RECIPES[model](desa)
    parents = {}
    for f in model._meta.concrete_fields:
        if f.is_relation and f.name != "desa" and not f.null and f.related_model in village_owned_models():
            parents[f.name] = make_for_desa(f.related_model, desa)
    return baker.make(model, desa=desa, **parents, **_numbers_within_validators(model))


def _numbers_within_validators(model):
    """model_bakery draws positive integers from 0 up, which breaks `nomor >= 1` constraints
    once in a few thousand runs: draw them within the field's own minimum instead."""
    values = {}
    for f in model._meta.concrete_fields:
        if isinstance(f, models.PositiveIntegerField | models.PositiveSmallIntegerField) and not f.choices:
            minimum = max((v.limit_value for v in f.validators if isinstance(v, MinValueValidator)), default=None)
            maximum = min((v.limit_value for v in f.validators if isinstance(v, MaxValueValidator)), default=None)
            if minimum is not None or maximum is not None:
                values[f.name] = random.randint(minimum or 0, 30000 if maximum is None else maximum)
    return values


SCOPED_MODELS = [m for m in village_owned_models() if m not in UNSCOPED_BY_DESIGN]


def test_village_owned_models_are_found():
    names = {m._meta.label for m in village_owned_models()}
    assert {"wilayah.Dusun", "wilayah.RW", "wilayah.RT", "core.AuditEntry"} <= names


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m._meta.label)
def test_orm_scope_fails_closed_and_isolates(model, desa_a, desa_b):
    with scopes_disabled():
        mine, theirs = make_for_desa(model, desa_a), make_for_desa(model, desa_b)
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=theirs.pk).exists()
    with scope(desa=desa_a):
        assert list(model.objects.filter(pk__in=[mine.pk, theirs.pk])) == [mine]
        assert not model.objects.filter(pk=theirs.pk).exists()
        with pytest.raises(model.DoesNotExist):
            model.objects.get(pk=theirs.pk)
        assert model.objects.filter(pk=theirs.pk).update(desa=desa_a) == 0
        model.objects.filter(pk=theirs.pk).delete()
    with scopes_disabled():
        theirs.refresh_from_db()
        assert theirs.desa_id == desa_b.pk, "B's row must survive A's update and delete unchanged"


def _walk(patterns, prefix=""):
    yield from routes.walk(patterns, prefix)


class _Pattern:
    """A staff view found behind a URL (directly or per host), as `pattern.callback`."""

    def __init__(self, view):
        self.callback = view


def object_views(kind=DESA):
    """Every back-office URL pattern of `kind` that takes a `pk`, with the model its view declares."""
    return [(route, _Pattern(view)) for route, _kind, view in routes.staff_routes(kind) if "<int:pk>" in route]


@pytest.mark.parametrize("kind", [DESA, KECAMATAN])
def test_every_village_object_view_declares_its_model(kind):
    """A kecamatan's views see several villages: one with a pk must say of which model, so the
    pk of a village outside the kecamatan is proved to answer 404."""
    missing = [route for route, p in object_views(kind) if p.callback.model is None]
    if kind == DESA:
        assert object_views(), "expected back-office object views"
    assert not missing, f"views with a pk but no model=: {missing}"


@pytest.mark.parametrize("route,pattern", object_views(), ids=[r for r, _ in object_views()])
def test_back_office_object_of_other_village_is_404(route, pattern, desa_a, desa_b, make_user, client_for):
    model = pattern.callback.model
    with scopes_disabled():
        theirs = make_for_desa(model, desa_b)
    path = "/" + route.replace("<int:pk>", str(theirs.pk))
    admin_a = make_user(Peran.ADMIN_DESA, desa=desa_a)
    client = client_for(desa_a, admin_a)
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code == 404
    assert client.get(path, headers={"HX-Request": "true"}).status_code == 404
    # A's session presented on B's host: refused before any data is read.
    other_host = client_for(desa_b, admin_a)
    assert other_host.get(path).status_code == 403
    assert other_host.post(path, {}).status_code == 403
    with scopes_disabled():
        assert model._base_manager.filter(pk=theirs.pk).exists()


def list_views(kind=DESA):
    """Every back-office page of `kind` that takes no argument (dashboards, lists, exports)."""
    return sorted({route for route, _kind, _view in routes.staff_routes(kind) if "<" not in route})


def _distinctive_texts(obj):
    """The object's own text values long enough not to appear by chance (bakery fills them randomly)."""
    # Fields with choices hold shared codes ("menunggu", "terjadwal"), not the object's own text.
    text_fields = [
        f for f in obj._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField)) and not f.choices
    ]
    values = [str(obj)] + [getattr(obj, f.attname) for f in text_fields]
    return {v for v in values if isinstance(v, str) and len(v) >= 8 and not v.isdigit()}


def test_village_pages_never_show_another_villages_rows(desa_a, desa_b, make_user, client_for):
    """One object of every village-owned model in village B; no page of A's back office shows
    a link to any of them or their distinctive text."""
    with scopes_disabled():
        theirs = [make_for_desa(model, desa_b) for model in SCOPED_MODELS]
    leaks = set()
    for route, pattern in object_views():
        for obj in theirs:
            if isinstance(obj, pattern.callback.model):
                leaks.add("/" + route.replace("<int:pk>", str(obj.pk)))
    texts = {text for obj in theirs for text in _distinctive_texts(obj)}
    client = client_for(desa_a, make_user(Peran.ADMIN_DESA, desa=desa_a))
    assert list_views()
    for route in list_views():
        response = client.get("/" + route)
        assert response.status_code == 200, route
        body = response.content.decode(errors="replace")
        assert not [leak for leak in leaks if f'"{leak}"' in body], route
        assert not [text for text in texts if text in body], route


# --- what every test below shares ------------------------------------------------------------------


def _body(response):
    """A response's text, exports included: streamed bodies joined, xlsx workbooks unzipped."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            raw = b"".join(book.read(name) for name in book.namelist())
    return raw.decode(errors="replace")


def _leaked(response, texts):
    body = _body(response)
    return sorted(text for text in texts if text in body or html.escape(text) in body)


@pytest.fixture
def both_villages(desa_a, desa_b):
    """One object of every village-owned model in A, then in B (so B's pks are above A's in
    every table), all published where a model knows publishing. Returns (A's, B's, B's texts)."""
    with scopes_disabled():
        mine = [make_for_desa(model, desa_a) for model in SCOPED_MODELS]
        theirs = [make_for_desa(model, desa_b) for model in SCOPED_MODELS]
        for obj in mine + theirs:
            _publish(obj)
    texts = {text for obj in theirs for text in _distinctive_texts(obj)}
    return mine, theirs, texts


def _publish(obj):
    """Make a built object visible on its village's public site, by the fields it has."""
    now = timezone.now()
    published = {
        "status": "terbit",
        "terbit": True,
        "aktif": True,
        "terbit_pada": now - timedelta(days=1),
        "mulai_tayang": now - timedelta(days=1),
        "berlaku_sampai": now + timedelta(days=30),
        "mulai": now + timedelta(days=1),
        "selesai": now + timedelta(days=2),
    }
    fields = {f.name: f for f in obj._meta.concrete_fields}
    values = {}
    if isinstance(fields.get("slug"), models.SlugField) and not obj.slug:
        values["slug"] = f"{obj._meta.model_name}-{obj.desa.slug}-{obj.pk}"
    for name, value in published.items():
        field = fields.get(name)
        if field is None or (field.choices and value not in {c for c, _label in field.choices}):
            continue
        if isinstance(value, bool) != isinstance(field, models.BooleanField):
            continue
        values[name] = value
    if values:
        type(obj)._base_manager.filter(pk=obj.pk).update(**values)
        for name, value in values.items():
            setattr(obj, name, value)


def _snapshot(objs):
    """The stored values of `objs`, to prove requests on another village's host left them alone."""
    with scopes_disabled():
        return {(type(o), o.pk): type(o)._base_manager.filter(pk=o.pk).values().first() for o in objs}


def _cross_village_links():
    """Rows of one village that point to a village-owned row of another village."""
    found = []
    with scopes_disabled():
        for model in SCOPED_MODELS:
            for f in model._meta.concrete_fields:
                if f.is_relation and f.name != "desa" and f.related_model in SCOPED_MODELS:
                    bad = model._base_manager.exclude(**{f"{f.name}__isnull": True}).exclude(
                        **{f"{f.name}__desa": models.F("desa")}
                    )
                    found += [f"{model._meta.label}.{f.name} #{pk}" for pk in bad.values_list("pk", flat=True)]
    return found


# --- back office: htmx partials and exports, by GET and by POST with B's ids ----------------------


def _foreign_ids(theirs):
    """Form data naming B's objects under every name a form could use for them: the model's
    name and every foreign key field that points to it."""
    data = {"format": "csv"}
    by_model = {type(o): o.pk for o in theirs}
    for model in SCOPED_MODELS:
        if model in by_model:
            data[model._meta.model_name] = by_model[model]
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model in by_model and f.name != "desa":
                data[f.name] = by_model[f.related_model]
    return data


def test_partials_and_exports_never_carry_another_villages_rows(both_villages, desa_a, make_user, client_for):
    """Every back-office page of A without a pk, as an htmx partial, as a CSV and XLSX export
    (GET), and POSTed with B's ids in every field: never B's text, never a 500, B's rows
    unchanged, and nothing of A's left pointing at B's."""
    _mine, theirs, texts = both_villages
    before = _snapshot(theirs)
    data = _foreign_ids(theirs)
    client = client_for(desa_a, make_user(Peran.ADMIN_DESA, desa=desa_a))
    wrong = []
    for route in list_views():
        path = "/" + route
        for how, response in (
            ("htmx", client.get(path, headers={"HX-Request": "true"})),
            ("csv", client.get(path, {"format": "csv"})),
            ("xlsx", client.get(path, {"format": "xlsx"})),
            ("post", client.post(path, data)),
            ("post xlsx", client.post(path, {**data, "format": "xlsx"})),
            ("post htmx", client.post(path, data, headers={"HX-Request": "true"})),
        ):
            if response.status_code >= 500 or _leaked(response, texts):
                wrong.append((route, how, response.status_code, _leaked(response, texts)))
    assert not wrong
    assert _snapshot(theirs) == before
    assert not _cross_village_links()


# --- public village pages with a slug or an id ---------------------------------------------------


def _public_param_routes():
    found = [(route, p) for route, p in routes.walk() if routes.is_public(route, p) and routes.params(route)]
    unknown = [route for route, _p in found if any(c not in ("int", "slug", "str") for c, _n in routes.params(route))]
    assert not unknown, f"public routes with parameters this test cannot fill: {unknown}"
    return [route for route, _p in found]


def _values(obj, route):
    """The route's parameters taken from `obj` and its parents (a photo's album slug), or None."""
    values = {}
    chain = [obj] + [
        getattr(obj, f.name)
        for f in obj._meta.concrete_fields
        if f.is_relation and f.name != "desa" and getattr(obj, f.attname) is not None
    ]
    for converter, name in routes.params(route):
        if converter == "int":
            # an id, or a number the object carries under the parameter's name (APBDes <tahun>)
            own = getattr(obj, name, None)
            values[name] = own if isinstance(own, int) and not isinstance(own, bool) else obj.pk
            continue
        found = next((getattr(o, name) for o in chain if isinstance(getattr(o, name, None), str)), None)
        if not found:
            return None
        values[name] = found
    return values


def _shows(response):
    """The page shows the object: a 200, or a redirect off the site for it (the lapak's order
    button leads to wa.me)."""
    return response.status_code == 200 or (
        response.status_code == 302 and response["Location"].startswith(("https://", "http://"))
    )


@pytest.mark.parametrize("route", _public_param_routes())
def test_public_page_of_another_village_is_404_here(route, both_villages, desa_a, desa_b, make_user, client_for):
    """B's slugs and ids, and A's slug with B's id, on A's host: 404 for visitors and for A's
    staff (who may preview drafts), never B's content. The same paths on B's host show B's
    object, so the test proves something."""
    mine, theirs, texts = both_villages
    paths, mixed = set(), set()
    for obj in theirs:
        values = _values(obj, route)
        if values:
            paths.add(routes.fill(route, values))
            own = next((m for m in mine if type(m) is type(obj)), None)
            own_values = own and _values(own, route)
            if own_values and len(values) > 1:
                for name in values:  # one parameter B's, the others A's
                    mixed.add(routes.fill(route, {**own_values, name: values[name]}))
    shown_on_b = {path for path in paths if _shows(client_for(desa_b).get(path))}
    assert shown_on_b, f"no object of village B is shown at {route} on its own host: publish it in _publish"
    wrong = []
    for client in (client_for(desa_a), client_for(desa_a, make_user(Peran.ADMIN_DESA, desa=desa_a))):
        for path in sorted(paths | mixed):
            response = client.get(path)
            must_be_404 = path in shown_on_b or path in mixed
            if (must_be_404 and response.status_code != 404) or response.status_code >= 500:
                wrong.append((path, response.status_code))
            elif _leaked(response, texts):
                wrong.append((path, _leaked(response, texts)))
    assert not wrong


def test_public_pages_show_only_this_villages_content(both_villages, desa_a, client_for):
    """Every public page without parameters, on A's village host and on its kecamatan's host,
    also searched for B's own words: none of B's text."""
    _mine, theirs, texts = both_villages
    q = next(t for t in sorted(texts) if " " not in t)
    pages = [route for route, p in routes.walk() if routes.is_public(route, p) and not routes.params(route)]
    assert "artikel/" in pages and "" in pages
    wrong = []
    for tenant in (desa_a, desa_a.kecamatan):
        client = client_for(tenant)
        for route in pages:
            for query in ({}, {"q": q}):
                response = client.get("/" + route, query)
                others = texts - {q}  # the search box shows what was asked
                if response.status_code >= 500 or _leaked(response, others):
                    wrong.append((str(tenant), route, query, response.status_code, _leaked(response, others)))
    assert not wrong


# --- kecamatan and kabupaten hosts ---------------------------------------------------------------


def test_kecamatan_staff_never_see_a_village_of_another_kecamatan(both_villages, desa_a, desa_b, make_user, client_for):
    """Village B lies in another kecamatan: none of its names, texts or links on any page of A's
    kecamatan back office (page, htmx partial, CSV and XLSX), and its pk in any drill-down
    URL of that back office answers 404."""
    _mine, theirs, texts = both_villages
    assert desa_a.kecamatan_id != desa_b.kecamatan_id
    texts = texts | {desa_b.nama, desa_b.kode}
    operator = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=desa_a.kecamatan)
    client = client_for(desa_a.kecamatan, operator)
    pages = list_views(KECAMATAN)
    assert "dasbor/" in pages
    wrong, seen_own_village = [], False
    for route in pages:
        path = "/" + route
        for response in (
            client.get(path),
            client.get(path, headers={"HX-Request": "true"}),
            client.get(path, {"format": "csv"}),
            client.get(path, {"format": "xlsx"}),
        ):
            seen_own_village |= desa_a.nama in _body(response)
            if response.status_code >= 400 or _leaked(response, texts):
                wrong.append((route, response.status_code, _leaked(response, texts)))
            if f'/dasbor/desa/{desa_b.pk}/"' in _body(response):
                wrong.append((route, "link to village B"))
    assert seen_own_village, "the kecamatan back office shows none of its own villages"
    for route, pattern in object_views(KECAMATAN):
        model = pattern.callback.model
        theirs_pk = desa_b.pk if model is Desa else next(o.pk for o in theirs if isinstance(o, model))
        path = routes.fill(route, {"pk": theirs_pk})
        for response in (client.get(path), client.post(path, {}), client.get(path, headers={"HX-Request": "true"})):
            if response.status_code != 404:
                wrong.append((route, response.status_code))
    assert not wrong


def _staff_paths(kind):
    return sorted({routes.fill(route) for route, _kind, _view in routes.staff_routes(kind)})


@pytest.mark.parametrize(
    "peran,unit,host",
    [
        (Peran.OPERATOR_KECAMATAN, "kecamatan", "other kecamatan"),
        (Peran.OPERATOR_KECAMATAN, "kecamatan", "kabupaten"),
        (Peran.OPERATOR_KECAMATAN, "kecamatan", "village"),
        (Peran.ADMIN_DESA, "village", "kecamatan"),
        (Peran.ADMIN_DESA, "village", "kabupaten"),
    ],
)
def test_staff_get_403_on_another_units_back_office(peran, unit, host, desa_a, desa_b, make_user, client_for):
    """Every back-office URL of a host that is not the account's own: 403 (GET, POST and
    htmx; a dummy pk of 1 is enough, the refusal comes before the view)."""
    user = make_user(peran, **({"desa": desa_a} if unit == "village" else {"kecamatan": desa_a.kecamatan}))
    tenant, kind = {
        "other kecamatan": (desa_b.kecamatan, KECAMATAN),
        "kecamatan": (desa_a.kecamatan, KECAMATAN),
        "kabupaten": (None, KABUPATEN),
        "village": (desa_a, DESA),
    }[host]
    client = client_for(tenant, user)
    wrong = []
    for path in _staff_paths(kind):
        answers = (
            client.get(path).status_code,
            client.post(path, {}).status_code,
            client.get(path, headers={"HX-Request": "true"}).status_code,
        )
        if answers != (403, 403, 403):
            wrong.append((path, answers))
    assert _staff_paths(kind)
    assert not wrong


# --- the API --------------------------------------------------------------------------------------


def test_every_api_endpoint_answers_only_for_this_village(both_villages, desa_a, make_user, client_for):
    """Every operation of the OpenAPI schema, called on A's host by a visitor and by A's staff,
    with B's ids for any path parameter: never B's data, never a 500."""
    mine, theirs, texts = both_villages
    own_texts = {t for obj in mine for t in _distinctive_texts(obj)}
    schema = client_for(desa_a).get("/api/v1/openapi.json").json()
    operations = [(path, method) for path, ops in schema["paths"].items() for method in ops]
    assert operations
    ids = {type(o).__name__.lower(): o.pk for o in theirs}
    wrong, own_data_seen = [], False
    for client in (client_for(desa_a), client_for(desa_a, make_user(Peran.ADMIN_DESA, desa=desa_a))):
        for path, method in operations:
            url = re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m[1].removesuffix("_id"), theirs[0].pk)), path)
            if method == "get":
                response = client.get(url)
            else:
                response = getattr(client, method)(url, data="{}", content_type="application/json")
            own_data_seen |= bool(_leaked(response, own_texts))
            if response.status_code >= 500 or _leaked(response, texts):
                wrong.append((method, url, response.status_code, _leaked(response, texts)))
            if "{" in path and response.status_code < 300:
                wrong.append((method, url, "answered for another village's id"))
    assert own_data_seen, "no API endpoint returned any of village A's own data"
    assert not wrong


class _Forms(HTMLParser):
    """The fields of a page's POST forms as a browser would send them, empty text filled in."""

    def __init__(self):
        super().__init__()
        self.data, self._in_post, self._select = {}, False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_post = (a.get("method") or "").lower() == "post"
        if not self._in_post or not a.get("name"):
            if tag == "option" and self._select and a.get("value") and self._select not in self.data:
                self.data[self._select] = a["value"]
            return
        name, kind = a["name"], (a.get("type") or "text").lower()
        if tag == "select":
            self._select = name
        elif tag == "textarea":
            self.data.setdefault(name, "Isi uji isolasi")
        elif tag == "input" and kind not in ("file", "submit", "button", "image", "reset"):
            if kind in ("checkbox", "radio"):
                self.data.setdefault(name, a.get("value", "on"))
            elif a.get("value"):
                self.data.setdefault(name, a["value"])
            else:
                filler = {
                    "number": "7",
                    "date": "2020-01-02",
                    "datetime-local": "2030-01-02T08:00",
                    "email": "u@contoh.id",
                }
                self.data.setdefault(name, filler.get(kind, "Uji isolasi"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post = False
        if tag == "select":
            self._select = None


def test_forms_refuse_another_villages_ids(both_villages, desa_a, make_user, client_for):
    """Every back-office form of A (new and edit pages), filled in as a browser would and sent
    with B's ids in every field that names a village-owned object: nothing of A's ends up
    pointing at B's rows, B's rows stay unchanged, and no answer is a 500 or shows B's text."""
    mine, theirs, texts = both_villages
    before = _snapshot(theirs)
    foreign = _foreign_ids(theirs)
    foreign.pop("format")
    client = client_for(desa_a, make_user(Peran.ADMIN_DESA, desa=desa_a))
    paths = ["/" + route for route in list_views()]
    for route, pattern in object_views():
        own = next((o for o in mine if isinstance(o, pattern.callback.model)), None)
        if own is not None and not route.endswith(("hapus/", "status/", "bubarkan/")):
            paths.append(routes.fill(route, {"pk": own.pk}))
    wrong, sent = [], 0
    for path in paths:
        page = client.get(path)
        if page.status_code != 200 or page.streaming:
            continue
        forms = _Forms()
        forms.feed(_body(page))
        if not forms.data:
            continue
        data = {**forms.data, **{k: v for k, v in foreign.items() if k in forms.data}}
        response = client.post(path, data)
        sent += 1
        if response.status_code >= 500 or _leaked(response, texts):
            wrong.append((path, response.status_code, _leaked(response, texts)))
    assert sent > 10, "expected back-office forms to fill in"
    assert not wrong
    assert _snapshot(theirs) == before
    assert not _cross_village_links()
