import datetime

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils import timezone

from balai.core import sitecache
from balai.core.hitung import hitung_per_desa
from balai.wilayah.models import RT, RW, Dusun

from .forms import cari_nomor_penuh
from .kode import HIDUP, KEPALA_KELUARGA
from .models import ImporPenduduk, Keluarga, Penduduk, Peristiwa, RumahTangga, nama_memuat

# The columns of the resident list: plain values, not model instances (building a resident and
# its place for each of fifty rows cost more than the query that reads them). Places are named
# from the village's cached place names (`pilihan_tempat`), not joined on every page.
KOLOM_DAFTAR = ("id", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "shdk", "status_dasar", "dusun_id", "rt_id")


def daftar_penduduk(*, desa):
    """Residents of the village as dicts of KOLOM_DAFTAR, ready for the list page (one query
    for a page, with no join)."""
    return Penduduk.objects.filter(desa=desa).values(*KOLOM_DAFTAR).order_by("nama", "id")


def pilih_halaman(*, desa):
    """Residents of the village with nothing selected yet, for a search of the list: the filter
    narrows this and keyset.paginate picks a page's keys from it, then reads the rows from
    `daftar_penduduk`."""
    return Penduduk.objects.filter(desa=desa)


RINGKASAN_TTL = 60 * 10


def _kunci_ringkasan(desa_id):
    return f"penduduk:ringkasan:{desa_id}"


def ringkasan(*, desa):
    """Counts for the list page header and the dashboard card: one query over the village's
    register, then cached under the village's site version, which every change of the register
    bumps (a resident saved or deleted, a household formed or dissolved, an import: see
    balai.statistik.apps and balai.penduduk.apps). The ten-minute expiry is belt and braces."""
    return untuk_daftar(desa=desa)[0]


def untuk_daftar(*, desa):
    """(header counts, place choices) of the resident list, in one cache round trip when both
    are cached (see `ringkasan` and `pilihan_tempat`)."""
    key, key_tempat = _kunci_ringkasan(desa.pk), _kunci_pilihan(desa.pk)
    version, current, plain = sitecache.get_under_version(desa.pk, [key], plain=[key_tempat])
    figures = current.get(key)
    if figures is None:
        figures = _ringkasan(desa=desa)
        sitecache.set_under_version(key, version, figures, RINGKASAN_TTL)
    tempat = plain.get(key_tempat)
    if tempat is None:
        tempat = pilihan_tempat(desa=desa)
    return figures, tempat


def _ringkasan(*, desa):
    return Penduduk.objects.filter(desa=desa).aggregate(
        semua=Count("id"),
        hidup=Count("id", filter=Q(status_dasar=HIDUP)),
        laki=Count("id", filter=Q(status_dasar=HIDUP, jenis_kelamin=1)),
        perempuan=Count("id", filter=Q(status_dasar=HIDUP, jenis_kelamin=2)),
        keluarga=Count("keluarga", filter=Q(status_dasar=HIDUP, shdk=KEPALA_KELUARGA)),
        # Households with at least one living member.
        rumah_tangga=Count("rumah_tangga", filter=Q(status_dasar=HIDUP), distinct=True),
    )


PILIHAN_TTL = 60 * 10


def _kunci_pilihan(desa_id):
    return f"penduduk:tempat:{desa_id}"


def pilihan_tempat(*, desa):
    """The dusun, RW and RT of a village as (id, label) choices for the list filters, and the
    short names the lists' rows show ("nama_dusun": {id: name}, "rt_rw": {id: "003/001"}): three
    small queries without model instances, then cached per village until a dusun, RW or RT
    changes (signals in balai.penduduk.apps; the expiry is belt and braces for bulk loads)."""
    key = _kunci_pilihan(desa.pk)
    pilihan = cache.get(key)
    if pilihan is None:
        dusun = list(Dusun.objects.filter(desa=desa).order_by("nama").values_list("id", "nama"))
        rw = [
            (pk, f"RW {nomor:03d}")
            for pk, nomor in RW.objects.filter(desa=desa).order_by("nomor").values_list("id", "nomor")
        ]
        semua_rt = list(
            RT.objects.filter(desa=desa)
            .order_by("rw__nomor", "nomor")
            .values_list("id", "nomor", "rw__nomor", "rw__dusun__nama")
        )
        pilihan = {
            "dusun": dusun,
            "rw": rw,
            "rt": [(pk, f"RT {rt:03d} / RW {rw:03d} · Dusun {nama}") for pk, rt, rw, nama in semua_rt],
            "nama_dusun": dict(dusun),
            "rt_rw": {pk: f"{rt:03d}/{rw:03d}" for pk, rt, rw, _nama in semua_rt},
        }
        cache.set(key, pilihan, PILIHAN_TTL)
    return pilihan


def lupakan_pilihan_tempat(*, desa_id):
    cache.delete(_kunci_pilihan(desa_id))


def detail_penduduk(*, desa, pk):
    """A resident with their KK and household (their place is named by `nama_tempat`)."""
    return Penduduk.objects.filter(desa=desa, pk=pk).select_related("keluarga", "rumah_tangga").get()


def nama_tempat(*, desa, penduduk):
    """The resident's place ("RT 003 / RW 001 · Dusun Krajan", "Dusun Krajan" or ""), named from
    the village's cached place choices rather than three more joins on every record read."""
    pilihan = pilihan_tempat(desa=desa)
    if penduduk.rt_id is not None:
        return dict(pilihan["rt"]).get(penduduk.rt_id, "")
    if penduduk.dusun_id is not None:
        return f"Dusun {pilihan['nama_dusun'].get(penduduk.dusun_id, '')}"
    return ""


def riwayat(*, desa, penduduk):
    """Mutations oldest first, each with `oleh`: the username of whoever recorded it (the only
    part of the account a history shows)."""
    qs = Peristiwa.objects.filter(desa=desa, penduduk=penduduk)
    return qs.annotate(oleh=F("dicatat_oleh__username")).order_by("tanggal", "id")


def daftar_keluarga(*, desa):
    """Families as dicts of the columns the list shows (places by id, named from `pilihan_tempat`);
    their heads and member counts come per page from `kepala_dan_jumlah` (two queries per page,
    whatever the village's size)."""
    return (
        Keluarga.objects.filter(desa=desa).values("id", "no_kk", "alamat", "dusun_id", "rt_id").order_by("no_kk", "id")
    )


def kepala_dan_jumlah(*, desa, keluarga_ids):
    """{keluarga id: (head's name, living members)} for one page of families (one query)."""
    rows = (
        Penduduk.objects.filter(desa=desa, keluarga_id__in=keluarga_ids, status_dasar=HIDUP)
        .values_list("keluarga_id", "shdk", "nama")
        .order_by()
    )
    hasil = {}
    for keluarga_id, shdk, nama in rows:
        kepala, n = hasil.get(keluarga_id, ("", 0))
        hasil[keluarga_id] = (nama if shdk == KEPALA_KELUARGA else kepala, n + 1)
    return hasil


def anggota_keluarga(*, desa, keluarga):
    return Penduduk.objects.filter(desa=desa, keluarga=keluarga).order_by("status_dasar", "shdk", "tanggal_lahir")


def daftar_rumah_tangga(*, desa):
    """Households with their head and the head's place (one query per page)."""
    return (
        RumahTangga.objects.filter(desa=desa)
        .select_related("kepala__dusun", "kepala__rw", "kepala__rt")
        .only(
            "id",
            "no_rtm",
            "dibuat",
            "kepala__nama",
            "kepala__status_dasar",
            "kepala__dusun__nama",
            "kepala__rw__nomor",
            "kepala__rt__nomor",
        )
        .order_by("no_rtm", "id")
    )


def jumlah_anggota_rumah_tangga(*, desa, rumah_tangga_ids):
    """{rumah tangga id: (living members, their KKs)} for one page (one query, within the
    village's rows)."""
    rows = (
        Penduduk.objects.filter(desa=desa, status_dasar=HIDUP, rumah_tangga_id__in=rumah_tangga_ids)
        .values_list("rumah_tangga_id")
        .annotate(n=Count("id"), kk=Count("keluarga", distinct=True))
        .order_by()
    )
    return {rid: (n, kk) for rid, n, kk in rows}


def detail_rumah_tangga(*, desa, pk):
    return (
        RumahTangga.objects.filter(desa=desa, pk=pk).select_related("kepala__dusun", "kepala__rw", "kepala__rt").get()
    )


def anggota_rumah_tangga(*, desa, rumah_tangga):
    return (
        Penduduk.objects.filter(desa=desa, rumah_tangga=rumah_tangga)
        .select_related("keluarga")
        .only("id", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "shdk", "status_dasar", "keluarga__no_kk")
        .order_by("status_dasar", "keluarga_id", "shdk", "tanggal_lahir", "id")
    )


def rumah_tangga_dipimpin(*, desa, penduduk):
    """The household `penduduk` heads, or None."""
    return RumahTangga.objects.filter(desa=desa, kepala=penduduk).first()


BATAS_CALON = 25


def cari_calon_anggota(*, desa, q, user, batas=BATAS_CALON):
    """Living residents matching a name or NIK, with their KK and household, for choosing a
    head or a member (one query). A NIK is matched as the resident list matches it: whole for
    roles that see masked numbers (forms.cari_nomor_penuh)."""
    q = (q or "").strip()
    if not q:
        return []
    qs = Penduduk.objects.filter(desa=desa, status_dasar=HIDUP)
    if q.isdigit():
        qs = qs.filter(nik=q) if cari_nomor_penuh(q, user) else qs.filter(nik__startswith=q)
    else:
        qs = qs.filter(nama_memuat(q))
    return list(
        qs.select_related("keluarga", "rumah_tangga", "dusun", "rw", "rt")
        .only(
            "id",
            "nik",
            "nama",
            "jenis_kelamin",
            "tanggal_lahir",
            "shdk",
            "keluarga__no_kk",
            "rumah_tangga__no_rtm",
            "dusun__nama",
            "rw__nomor",
            "rt__nomor",
        )
        .order_by("nama", "id")[:batas]
    )


def daftar_impor(*, desa):
    return ImporPenduduk.objects.filter(desa=desa).select_related("dibuat_oleh").order_by("-dibuat")[:20]


def widget_penduduk(request):
    """Dashboard card: the register in numbers and this month's mutations (two queries)."""
    desa = request.desa
    sejak = timezone.localdate() - datetime.timedelta(days=30)
    mutasi = dict(Peristiwa.objects.filter(desa=desa, tanggal__gte=sejak).values_list("jenis").annotate(n=Count("id")))
    return {"ringkasan": ringkasan(desa=desa), "mutasi": mutasi, "Jenis": Peristiwa.Jenis}


def cari_keluarga(*, desa, q, user, batas=BATAS_CALON):
    """KKs of the village by number (whole for roles that see masked numbers) or by the name of
    a living head, each with its head (two queries)."""
    q = (q or "").strip()
    if not q:
        return []
    qs = Keluarga.objects.filter(desa=desa)
    if q.isdigit():
        qs = qs.filter(no_kk=q) if cari_nomor_penuh(q, user) else qs.filter(no_kk__startswith=q)
    else:
        kepala = Penduduk.objects.filter(
            nama_memuat(q), desa=desa, shdk=KEPALA_KELUARGA, status_dasar=HIDUP, keluarga__isnull=False
        )
        qs = qs.filter(pk__in=kepala.values("keluarga_id"))
    keluarga = list(qs.select_related("dusun", "rw", "rt").order_by("no_kk")[:batas])
    kepala = kepala_dan_jumlah(desa=desa, keluarga_ids=[k.pk for k in keluarga])
    return [(k, kepala.get(k.pk, ("", 0))[0]) for k in keluarga]


def isi_register(*, desa):
    """How many residents (all statuses), KKs, households and events the village holds."""
    return {
        "penduduk": Penduduk.objects.filter(desa=desa).count(),
        "keluarga": Keluarga.objects.filter(desa=desa).count(),
        "rumah_tangga": RumahTangga.objects.filter(desa=desa).count(),
        "peristiwa": Peristiwa.objects.filter(desa=desa).count(),
    }


def ukuran_peristiwa(desa_ids, awal, akhir):
    """Activity measure: births, deaths and moves the village recorded in [awal, akhir) (one query)."""
    return hitung_per_desa(Peristiwa.objects.filter(dicatat__gte=awal, dicatat__lt=akhir), desa_ids)


def kolom_penduduk(desa_ids, awal, akhir):
    """Village column: living residents and families (a KK with a living head) of each village
    now, counted as the register's summary counts them (`ringkasan`); one query."""
    return hitung_per_desa(
        Penduduk.objects.all(),
        desa_ids,
        hidup=Count("id", filter=Q(status_dasar=HIDUP)),
        keluarga=Count("keluarga", filter=Q(status_dasar=HIDUP, shdk=KEPALA_KELUARGA)),
    )
