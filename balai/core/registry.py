"""The one way a module plugs into the rest of Balai: it declares what it adds in its
AppConfig, and the parts that show menus, dashboards, the sitemap, freshness, search, the
content check and the API read it from here. Nothing in `core` names a module.

    class PendudukConfig(AppConfig):
        name = "balai.penduduk"
        extensions = [
            MenuItem("desa", "Penduduk", "penduduk:daftar", grup="kependudukan", izin="penduduk.lihat"),
            Widget("desa", "penduduk/partials/widget.html", "balai.penduduk.selectors.widget_penduduk"),
        ]

Callables are given as dotted paths, so `apps.py` imports no models, and are imported on first
use. An app that is not installed declares nothing: no dead menu link, no widget."""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string


class _Lazy:
    """`target` is a dotted path (or, in tests, the callable itself), imported on first call."""

    target: object
    do_not_call_in_templates = True  # a template reads its fields (label, key), never calls it

    def __call__(self, *args, **kwargs):
        fn = import_string(self.target) if isinstance(self.target, str) else self.target
        return fn(*args, **kwargs)


# Groups of the back-office menu, in order. Modules to come have a place ready ("layanan":
# surat, PPID; "transparansi": APBDes, pembangunan); a group with no item is not shown.
MENU_GROUPS = {
    "": "",  # the dashboard, above every group
    "situs": "Situs",
    "publikasi": "Publikasi",
    "kependudukan": "Kependudukan",
    "layanan": "Layanan",
    "transparansi": "Transparansi",
    "laporan": "Laporan",
    "pantau": "Pemantauan",
    "pembinaan": "Pembinaan",
    "pengaturan": "Pengaturan",
}


@dataclass(frozen=True)
class MenuItem:
    """A link in a navigation. `area` is a back office ("desa", "kecamatan", "kabupaten"), a
    public site ("publik-desa", "publik-kecamatan", "publik-kabupaten") or Layanan Mandiri
    ("mandiri": pages of other modules for a signed-in resident). `izin`: the permission
    (or tuple of them) needed to see it; None: everyone of the area."""

    area: str
    label: str
    url_name: str
    grup: str = ""
    izin: str | tuple | None = None
    order: int = 100
    icon: str = "•"


@dataclass(frozen=True)
class Widget(_Lazy):
    """A section of a dashboard ("desa", "kecamatan", "kabupaten"), of a public page
    ("beranda-desa": the village front page) or of the signed-in person's account page ("akun":
    their own settings of a module, e.g. which mails they get). `target(request)` returns the template's context
    in a bounded number of queries."""

    area: str
    template: str
    target: object
    izin: str | tuple | None = None
    order: int = 100
    stylesheet: str | None = None  # a static path the markup needs, linked once per page
    # The markup depends on the site alone (no forms, no script nonce, nothing per person):
    # kept under the site's version for up to balai.core.dashboard.WIDGET_TTL seconds.
    cache: bool = False


@dataclass(frozen=True)
class FreshnessSource(_Lazy):
    """`target(desa_ids)` -> {desa_id: datetime of its latest public publication}, in a fixed
    number of queries whatever the number of villages; runs with scopes disabled and must
    filter by `desa_ids` itself."""

    target: object


# Parts of the village activity score (balai.pengawasan), in order; the kabupaten sets the
# weight of each. A module measures its part by declaring `ActivityMeasure`s.
SCORE_PARTS = {
    "konten": "Konten situs",
    "ppid": "Keterbukaan informasi (PPID)",
    "layanan": "Layanan warga",
    "register": "Pemutakhiran data penduduk",
    "transparansi": "Transparansi",
    "keamanan": "Keamanan digital",
    "pembinaan": "Pembinaan",
}


@dataclass(frozen=True)
class ActivityMeasure(_Lazy):
    """One measure of how a village uses Balai, for the activity score. `target(desa_ids, awal,
    akhir)` -> {desa_id: number} over the period [awal, akhir) (aware datetimes), in a fixed
    number of queries whatever the number of villages; runs with scopes disabled and filters by
    `desa_ids` itself. The number earns full marks at `penuh` and none at `nol`, linearly
    between (so `nol > penuh` means lower is better, as for days since the last publication);
    a village missing from the result earns none. `part` is a key of SCORE_PARTS."""

    key: str
    label: str
    part: str
    target: object
    penuh: float
    nol: float = 0
    satuan: str = ""
    order: int = 100


# Kinds of value a `VillageColumn` holds, which decide how a cell is shown and sorted.
JENIS_KOLOM = ("angka", "persen", "jam", "tanggal", "waktu", "yatidak", "teks")


@dataclass(frozen=True)
class VillageColumn(_Lazy):
    """One column of the table of villages on the kecamatan dashboard (and its xlsx export and
    the read-only page of one village): a figure per village, from the module that owns it.
    `target(desa_ids, awal, akhir)` -> {desa_id: value} for the month [awal, akhir) (aware
    datetimes; `akhir` is never later than now), in a fixed number of queries whatever the
    number of villages; runs with scopes disabled and filters by `desa_ids` itself. Where a
    figure is also an `ActivityMeasure`, the target is the measure's own function, so the table
    and the score never disagree. Several columns may share one target that returns
    {desa_id: {field: value}}; `field` picks theirs and the target runs once for all of them.
    A village missing from the result has the value `kosong`: None (no value, shown as "—",
    sorted last) unless missing means none was counted (0). `kind` is one of JENIS_KOLOM;
    `keterangan` says in a sentence what is counted."""

    key: str
    label: str
    target: object
    kind: str = "angka"
    field: str = ""
    kosong: object = None
    keterangan: str = ""
    sort: bool = True
    order: int = 100


@dataclass(frozen=True)
class VillageSection(_Lazy):
    """A read-only section of the kecamatan's page of one of its villages. `target(*, desa,
    awal, akhir)` -> the template's context (None: nothing to show), read inside the village's
    own scope in a bounded number of queries; never names of residents, NIK or KK. `izin`: the
    permission (or tuple) the viewer needs besides the page's own."""

    label: str
    template: str
    target: object
    izin: str | tuple | None = None
    order: int = 100


@dataclass(frozen=True)
class AlertSource(_Lazy):
    """Something about a village the kecamatan and kabupaten should act on (a stale site, an
    overdue information request, a security finding). `target(desa_ids)` -> [(desa_id, message),
    ...] in a fixed number of queries; runs with scopes disabled. `label` names the kind."""

    key: str
    label: str
    target: object


@dataclass(frozen=True)
class SitemapSource(_Lazy):
    """`target(*, desa)` -> [(path, last modified), ...] of the module's public pages."""

    target: object


@dataclass(frozen=True)
class SearchSource(_Lazy):
    """One kind of public content the village site search (/cari/) looks through.
    `target(*, desa, q)` gets a cleaned search text (balai.core.pencarian.bersihkan) and returns
    a queryset of published items only, best match first, each with `judul`,
    `get_absolute_url()` and optionally `ringkasan_cari` and `tanggal_cari`. `key` names the
    kind in the URL (?jenis=), `label` on the page."""

    key: str
    label: str
    target: object
    order: int = 100


@dataclass(frozen=True)
class PublicTextSource:
    """Fields of `model` ("app_label.Model") whose text becomes public on a village site: what
    a content check must read before it is published."""

    model: str
    fields: tuple


@dataclass(frozen=True)
class ContentCheck(_Lazy):
    """The check every public text goes through before it is published (one per project; see
    balai.core.konten, which modules call). `target(*, desa, obj, teks, actor, terbitkan,
    request)` -> a verdict with `.tahan` and `.pesan(ditolak=False)` (why it is held, or with
    `ditolak` why it is refused), or None when the text passes."""

    target: object


@dataclass(frozen=True)
class AuditLabels:
    """Dotted path to the module's {audit action code: readable Indonesian label}."""

    labels: str


@dataclass(frozen=True)
class ApiRouter:
    """A django-ninja Router (dotted path to the object) mounted under /api/v1/<prefix>."""

    prefix: str
    router: str


@dataclass(frozen=True)
class DipEntry:
    """One item of public information a module publishes, as the village's Daftar Informasi
    Publik (PPID) lists it: `url` is a path on the village site, `tanggal` when it was made or
    last changed (None: always current)."""

    judul: str
    url: str
    ringkasan: str = ""
    tanggal: object = None


@dataclass(frozen=True)
class DipSource(_Lazy):
    """Public information a module publishes, listed in the village's Daftar Informasi Publik
    by itself. `kategori`: "berkala", "serta_merta" or "setiap_saat"; `target(*, desa)` ->
    [DipEntry, ...] in a bounded number of queries. `wajib`: the key of the PPID checklist item
    (balai.ppid.wajib) the entries fulfil, if any; `terbaru`: dotted path to
    `fn(desa_ids)` -> {desa_id: date of the newest entry} in a fixed number of queries, so
    completeness can be counted for all villages at once (needed when `wajib` is set)."""

    kategori: str
    target: object
    wajib: str = ""
    terbaru: object = None
    order: int = 100

    def terbaru_per_desa(self, desa_ids):
        fn = import_string(self.terbaru) if isinstance(self.terbaru, str) else self.terbaru
        return fn(desa_ids)


def boleh(user, izin):
    """Whether `user` may see a declaration that needs `izin` (a permission name, a tuple of
    names any of which will do, or None: everyone); anonymous visitors hold none."""
    if izin is None:
        return True
    needed = (izin,) if isinstance(izin, str) else izin
    return getattr(user, "is_authenticated", False) and user.punya_izin(*needed)


@cache
def _all():
    found = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, "extensions", ()))
    return tuple(found)


def extensions(kind, area=None):
    """Every declared extension of `kind` (of `area`, where the kind has areas), in order."""
    found = [e for e in _all() if isinstance(e, kind) and (area is None or getattr(e, "area", None) == area)]
    if found and hasattr(found[0], "order"):
        found.sort(key=lambda e: (e.order, getattr(e, "label", "")))
    return found


def reset():
    """Forget the collected declarations (tests that add an app's extensions)."""
    _all.cache_clear()
