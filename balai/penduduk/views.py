from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_scopes import scopes_disabled

from balai.akun.access import staff_view
from balai.core import keyset, potongan
from balai.core.halaman import halaman_dari

from . import ekspor, kode, privasi, selectors, services
from . import pindah_antar_desa as antar_desa
from .forms import (
    SEMUA_STATUS,
    AnggotaRumahTanggaForm,
    CariKeluargaForm,
    ImporForm,
    KedatanganForm,
    KelahiranForm,
    KeluargaForm,
    KematianForm,
    PendudukFilter,
    PendudukForm,
    PindahAntarDesaForm,
    PindahKeluarForm,
    RumahTanggaFilter,
    RumahTanggaForm,
    TolakPindahForm,
    cari_nomor_penuh,
)
from .impor import SIMPAN_UJI, bisa_dilanjutkan, kelompokkan_galat, templat_xlsx
from .models import ImporPenduduk, Keluarga, Penduduk, Peristiwa, PindahAntarDesa, RumahTangga, nama_memuat

PER_HALAMAN = 50


def _error_ke_form(form, exc):
    """A service's ValidationError onto the form: per field where the form has it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        target = (
            field if field in form.fields else ("no_kk" if field == "keluarga" and "no_kk" in form.fields else None)
        )
        for error in errors:
            form.add_error(target, error)


def _data_filter(request):
    """Filter values: from POST (the search form), or from GET without the search text, so a
    name or NIK never ends up in a URL, a browser history or an access log."""
    if request.method == "POST":
        return request.POST
    data = request.GET.copy()
    data.pop("q", None)
    return data


def _teks_cari(data):
    """The search text of a list without a filter form: PostgreSQL refuses NUL in text
    parameters (a 500), and a search needs no more than 100 characters."""
    return data.get("q", "").replace("\x00", "").strip()[:100]


def _boleh_kelola(user):
    return user.punya_izin("penduduk.kelola")


@staff_view("desa", izin="penduduk.lihat")
def daftar(request):
    data = _data_filter(request)
    if request.htmx and not request.htmx.boosted:
        return render(request, "penduduk/partials/tabel.html", _konteks_daftar(request, data))
    if not data:
        return _daftar_polos(request)
    return render(request, "penduduk/daftar.html", _konteks_daftar(request, data))


def _daftar_polos(request):
    """The plain list, as the register's first page: what operators open all day. Its content
    is the same for everyone of the village with the same rights until the register changes, so
    it is rendered once per site version (balai.core.potongan)."""
    varian = (_boleh_kelola(request.user), privasi.boleh_lihat_nik(request.user))
    isi = potongan.tampilkan(
        request, "penduduk-daftar", varian, "penduduk/partials/daftar_isi.html", lambda: _konteks_daftar(request, {})
    )
    return render(request, "penduduk/daftar.html", {"isi": isi})


def _konteks_daftar(request, data):
    # Counted once per register change (cached); a filtered list is not counted at all.
    ringkasan, tempat = selectors.untuk_daftar(desa=request.desa)
    filtr = PendudukFilter(data or None, desa=request.desa, user=request.user, tempat=tempat)
    tampil = selectors.daftar_penduduk(desa=request.desa)
    if filtr.mencari_nama():
        # Most entries of the name index fail a search: they are compared in the index alone,
        # and only the page's rows are read (keyset.paginate `rows`).
        qs, rows = filtr.filter(selectors.pilih_halaman(desa=request.desa)), tampil
    else:
        qs, rows = filtr.filter(tampil), None
    total = ringkasan["hidup"] if filtr.tanpa_saring() else None
    page = keyset.paginate(
        qs, data, fields=("nama", "id"), total=total, upper=ringkasan["semua"], per_page=PER_HALAMAN, rows=rows
    )
    return {
        "filter": filtr,
        "page": page,
        "tempat": tempat,
        "ringkasan": ringkasan,
        "boleh_ekspor": privasi.boleh_lihat_nik(request.user),
    }


@staff_view("desa", izin="penduduk.lihat", model=Penduduk)
def detail(request, pk):
    try:
        p = selectors.detail_penduduk(desa=request.desa, pk=pk)
    except Penduduk.DoesNotExist:
        raise Http404 from None
    services.catat_dilihat(desa=request.desa, actor=request.user, obj=p, request=request)
    lihat_khusus = privasi.boleh_lihat_nik(request.user)
    riwayat = list(selectors.riwayat(desa=request.desa, penduduk=p))
    datang = any(r.jenis == Peristiwa.Jenis.DATANG for r in riwayat)
    rows = [
        (f.verbose_name, kode.nama(jenis, getattr(p, f.name), "—"))
        for f, jenis in ((f, kode.jenis_field(f)) for f in Penduduk._meta.concrete_fields)
        if jenis and (lihat_khusus or f.name not in privasi.FIELD_KHUSUS)
    ]
    context = {
        "p": p,
        "kode_rows": rows,
        "riwayat": riwayat,
        # Only a resident who arrived has records elsewhere: a move between villages records
        # the arrival (DATANG) in the same transaction as the new record.
        "riwayat_sebelumnya": antar_desa.riwayat_sebelumnya(penduduk=p) if datang else [],
        "umur": services.umur(p.tanggal_lahir),
        "tempat": selectors.nama_tempat(desa=request.desa, penduduk=p),
        "lihat_khusus": lihat_khusus,
        "boleh_kelola": _boleh_kelola(request.user),
    }
    return render(request, "penduduk/detail.html", context)


def _form_penduduk(request, instance, *, judul, simpan, extra_form=None, catatan=None):
    form = PendudukForm(request.POST or None, instance=instance, desa=request.desa, user=request.user)
    if request.method == "POST" and form.is_valid() and (extra_form is None or extra_form.is_valid()):
        try:
            hasil = simpan(form.instance)
        except ValidationError as exc:
            _error_ke_form(form, exc)
            if extra_form is not None and hasattr(exc, "error_dict") and "tanggal" in exc.message_dict:
                extra_form.add_error("tanggal", exc.message_dict["tanggal"])
        else:
            p = hasil.penduduk if isinstance(hasil, Peristiwa) else hasil
            messages.success(request, f"Data {p.nama} disimpan.")
            return redirect("penduduk:detail", pk=p.pk)
    context = {"form": form, "extra_form": extra_form, "judul": judul, **(catatan or {})}
    return render(request, "penduduk/form.html", context)


# A resident who lived in the village before the register recorded them: no mutation (the
# Buku Mutasi counts births and arrivals, this is neither).
JUDUL_PENDUDUK_LAMA = "Tambah penduduk lama (sudah tinggal sebelum dicatat)"


@staff_view("desa", izin="penduduk.kelola")
def tambah(request):
    def simpan(p):
        return services.simpan_penduduk(desa=request.desa, actor=request.user, penduduk=p, request=request)

    catatan = {
        "catatan": "Untuk penduduk yang sudah tinggal di desa sebelum dicatat. Bayi baru lahir dan pendatang "
        "dicatat lewat Kelahiran, Datang dari desa lain, atau Pendatang dari luar kabupaten, agar masuk Buku Mutasi."
    }
    return _form_penduduk(
        request, Penduduk(desa=request.desa), judul=JUDUL_PENDUDUK_LAMA, simpan=simpan, catatan=catatan
    )


@staff_view("desa", izin="penduduk.kelola", model=Penduduk)
def ubah(request, pk):
    instance = get_object_or_404(Penduduk, desa=request.desa, pk=pk)

    def simpan(p):
        return services.simpan_penduduk(desa=request.desa, actor=request.user, penduduk=p, request=request)

    return _form_penduduk(request, instance, judul=f"Ubah data {instance.nama}", simpan=simpan)


@staff_view("desa", izin="penduduk.kelola")
def lahir(request):
    """A birth: first the KK (searched by its head's name or its number, or from the KK's
    page), then the short birth form with the KK's members as the parents to choose."""
    pk = request.GET.get("keluarga", "")
    keluarga = Keluarga.objects.filter(desa=request.desa, pk=pk).first() if pk.isdigit() else None
    if keluarga is None:
        cari = CariKeluargaForm(request.POST or None)
        hasil = None
        if request.method == "POST" and cari.is_valid():
            hasil = selectors.cari_keluarga(desa=request.desa, q=cari.cleaned_data["q"], user=request.user)
        return render(request, "penduduk/lahir_pilih_kk.html", {"cari": cari, "hasil": hasil})
    form = KelahiranForm(
        request.POST or None, instance=Penduduk(desa=request.desa), desa=request.desa, keluarga=keluarga
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            peristiwa = services.catat_lahir(
                desa=request.desa,
                actor=request.user,
                penduduk=form.instance,
                keluarga=keluarga,
                ibu=d["ibu"],
                ayah=d["ayah"],
                ibu_tidak_diketahui=d["ibu_tidak_diketahui"],
                keterangan=d["keterangan"],
                request=request,
            )
        except ValidationError as exc:
            _error_ke_form(form, exc)
        else:
            p = peristiwa.penduduk
            messages.success(request, f"Kelahiran {p.nama} dicatat di KK ini.")
            if not p.nama_ibu or not p.nama_ayah:
                kosong = " dan ".join(x for x, v in (("ibu", p.nama_ibu), ("ayah", p.nama_ayah)) if not v)
                messages.warning(
                    request, f"Data {kosong} {p.nama} belum tercatat. Lengkapi lewat Ubah data bila sudah diketahui."
                )
            if not p.nik:
                messages.info(request, f"{p.nama} belum punya NIK. Isi lewat Ubah data setelah KK baru terbit.")
            return redirect("penduduk:detail", pk=p.pk)
    anggota = list(selectors.anggota_keluarga(desa=request.desa, keluarga=keluarga))
    kepala = next((a for a in anggota if a.shdk == kode.KEPALA_KELUARGA and a.status_dasar == kode.HIDUP), None)
    context = {"form": form, "k": keluarga, "kepala": kepala}
    return render(request, "penduduk/lahir_form.html", context)


@staff_view("desa", izin="penduduk.kelola")
def datang(request):
    extra = KedatanganForm(request.POST or None, prefix="datang")

    def simpan(p):
        if not extra.is_valid():
            raise ValidationError({})
        d = extra.cleaned_data
        return services.catat_datang(
            desa=request.desa,
            actor=request.user,
            penduduk=p,
            tanggal=d["tanggal"],
            no_dokumen=d["no_dokumen"],
            asal=d["asal_tujuan"],
            alasan_pindah=d["alasan_pindah"],
            request=request,
        )

    return _form_penduduk(
        request,
        Penduduk(desa=request.desa),
        judul="Catat pendatang dari luar kabupaten",
        simpan=simpan,
        extra_form=extra,
        catatan={
            "catatan": "Datang dari desa lain di kabupaten ini? Datanya tidak perlu diketik ulang:",
            "catatan_url": reverse("penduduk:pindah_antar_desa_ajukan"),
            "catatan_link": "ajukan pindah antar desa dengan NIK-nya.",
        },
    )


def _akhiri_view(jenis, judul):
    form_class = KematianForm if jenis == Peristiwa.Jenis.MATI else PindahKeluarForm

    @staff_view("desa", izin="penduduk.kelola", model=Penduduk)
    def view(request, pk):
        p = get_object_or_404(Penduduk, desa=request.desa, pk=pk)
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            d = dict(form.cleaned_data)
            try:
                if jenis == Peristiwa.Jenis.MATI:
                    services.catat_mati(desa=request.desa, actor=request.user, penduduk=p, request=request, **d)
                else:
                    d["tujuan"] = d.pop("asal_tujuan")
                    services.catat_pindah_keluar(
                        desa=request.desa, actor=request.user, penduduk=p, request=request, **d
                    )
            except ValidationError as exc:
                _error_ke_form(form, exc)
            else:
                messages.success(request, f"{judul} {p.nama} dicatat.")
                # Memberships are kept as the record; the KK or household needs a new head.
                _peringatan_kepala(request, p)
                return redirect("penduduk:detail", pk=p.pk)
        context = {"form": form, "p": p, "judul": judul, "pindah": jenis != Peristiwa.Jenis.MATI}
        return render(request, "penduduk/peristiwa_form.html", context)

    return view


mati = _akhiri_view(Peristiwa.Jenis.MATI, "Kematian")
pindah = _akhiri_view(Peristiwa.Jenis.PINDAH_KELUAR, "Kepindahan")


# Pindah antar desa (within the kabupaten) ------------------------------------------------


@staff_view("desa", izin="penduduk.kelola")
def pindah_antar_desa(request):
    """Both sides of moves between villages: requests this village made (to receive a
    resident) and requests waiting for its confirmation (to let one go)."""
    context = {
        "diajukan": antar_desa.diajukan_desa(desa=request.desa),
        "masuk": antar_desa.masuk_untuk(desa=request.desa),
        "batas_hari": antar_desa.batas_hari().days,
        "tolak_form": TolakPindahForm(),
    }
    return render(request, "penduduk/pindah_antar_desa.html", context)


@staff_view("desa", izin="penduduk.kelola")
def pindah_antar_desa_ajukan(request):
    form = PindahAntarDesaForm(request.POST or None, desa=request.desa)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            p = antar_desa.ajukan(
                desa=request.desa,
                actor=request.user,
                nik=d["nik"],
                tanggal=d["tanggal"],
                shdk=d["shdk"],
                keluarga=d["no_kk"],
                no_kk_baru=d["no_kk_baru"].strip(),
                rt=d["rt"],
                no_dokumen=d["no_dokumen"],
                alasan_pindah=d["alasan_pindah"],
                keterangan=d["keterangan"],
                request=request,
            )
        except ValidationError as exc:
            _error_ke_form(form, exc)
        else:
            messages.success(
                request,
                f"Kepindahan {p.nama} dari {p.desa_asal.nama} diajukan. Data penduduk masuk ke register desa ini "
                "setelah desa asal mengonfirmasi.",
            )
            return redirect("penduduk:pindah_antar_desa")
    return render(request, "penduduk/pindah_antar_desa_form.html", {"form": form})


def _pindah_masuk(request, pk):
    """A request waiting for this village's decision, or 404 (the row belongs to the receiving
    village: read across the scope by desa_asal, as the list does)."""
    with scopes_disabled():
        p = PindahAntarDesa.objects.filter(desa_asal=request.desa, pk=pk).first()
    if p is None:
        raise Http404
    if request.method != "POST":
        return None, HttpResponseNotAllowed(["POST"])
    return p, None


@staff_view("desa", izin="penduduk.kelola", model=PindahAntarDesa)
def pindah_antar_desa_konfirmasi(request, pk):
    p, jawab = _pindah_masuk(request, pk)
    if jawab:
        return jawab
    try:
        antar_desa.konfirmasi(pindah=p, actor=request.user, desa_asal=request.desa, request=request)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, f"Kepindahan {p.nama} dikonfirmasi; ia tercatat pindah keluar dari desa ini.")
        _peringatan_kepala(request, p.penduduk_asal)
    return redirect("penduduk:pindah_antar_desa")


def _peringatan_kepala(request, p):
    """After a resident left: the KK or household they headed needs a new head."""
    if p.shdk == kode.KEPALA_KELUARGA and p.keluarga_id:
        messages.warning(
            request, f"{p.nama} adalah kepala keluarga KK-nya. Jadikan anggota lain yang masih hidup kepala keluarga."
        )
    rtm = selectors.rumah_tangga_dipimpin(desa=request.desa, penduduk=p)
    if rtm is not None:
        messages.warning(
            request,
            f"{p.nama} adalah kepala rumah tangga {rtm.no_rtm}. Jadikan anggota lain yang masih hidup "
            "kepala rumah tangga itu, atau bubarkan rumah tangganya.",
        )


@staff_view("desa", izin="penduduk.kelola", model=PindahAntarDesa)
def pindah_antar_desa_tolak(request, pk):
    p, jawab = _pindah_masuk(request, pk)
    if jawab:
        return jawab
    form = TolakPindahForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Tuliskan alasan penolakan; desa tujuan akan membacanya.")
        antar_desa.tolak(
            pindah=p, actor=request.user, desa_asal=request.desa, alasan=form.cleaned_data["alasan"], request=request
        )
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, f"Pengajuan pindah {p.nama} ditolak.")
    return redirect("penduduk:pindah_antar_desa")


# Keluarga ---------------------------------------------------------------------------------


@staff_view("desa", izin="penduduk.lihat")
def keluarga_daftar(request):
    qs = selectors.daftar_keluarga(desa=request.desa)
    data = _data_filter(request)
    q = _teks_cari(data)
    if q.isdigit():
        qs = qs.filter(no_kk=q) if cari_nomor_penuh(q, request.user) else qs.filter(no_kk__startswith=q)
    elif q:
        qs = qs.filter(nama_memuat(q, "anggota__"), anggota__shdk=kode.KEPALA_KELUARGA).distinct()
    page = keyset.paginate(qs, data, fields=("no_kk", "id"), per_page=PER_HALAMAN)
    kepala = selectors.kepala_dan_jumlah(desa=request.desa, keluarga_ids=[k["id"] for k in page])
    rows = [(k, *kepala.get(k["id"], ("", 0))) for k in page]
    tempat = selectors.pilihan_tempat(desa=request.desa)
    return render(request, "penduduk/keluarga_daftar.html", {"page": page, "rows": rows, "tempat": tempat, "q": q})


@staff_view("desa", izin="penduduk.lihat", model=Keluarga)
def keluarga_detail(request, pk):
    k = get_object_or_404(Keluarga.objects.select_related("dusun", "rw", "rt"), desa=request.desa, pk=pk)
    anggota = list(selectors.anggota_keluarga(desa=request.desa, keluarga=k))
    services.catat_dilihat(desa=request.desa, actor=request.user, obj=k, request=request)
    boleh_kelola = _boleh_kelola(request.user)
    return render(request, "penduduk/keluarga_detail.html", {"k": k, "anggota": anggota, "boleh_kelola": boleh_kelola})


@staff_view("desa", izin="penduduk.kelola", model=Keluarga)
def keluarga_form(request, pk=None):
    instance = get_object_or_404(Keluarga, desa=request.desa, pk=pk) if pk else Keluarga(desa=request.desa)
    form = KeluargaForm(request.POST or None, instance=instance, desa=request.desa, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            k = services.simpan_keluarga(desa=request.desa, actor=request.user, keluarga=form.instance, request=request)
        except ValidationError as exc:
            _error_ke_form(form, exc)
        else:
            messages.success(request, "Data keluarga disimpan.")
            return redirect("penduduk:keluarga_detail", pk=k.pk)
    return render(request, "penduduk/keluarga_form.html", {"form": form, "instance": instance})


# Rumah tangga -----------------------------------------------------------------------------


def _pesan(exc):
    return " ".join(exc.messages)


@staff_view("desa", izin="penduduk.lihat")
def rumah_tangga_daftar(request):
    data = _data_filter(request)
    filtr = RumahTanggaFilter(data or None, desa=request.desa)
    qs = filtr.filter(selectors.daftar_rumah_tangga(desa=request.desa))
    page = halaman_dari(qs, PER_HALAMAN, data.get("hal"))
    jumlah = selectors.jumlah_anggota_rumah_tangga(desa=request.desa, rumah_tangga_ids=[r.pk for r in page])
    rows = [(r, *jumlah.get(r.pk, (0, 0))) for r in page]
    context = {"page": page, "rows": rows, "filter": filtr, "boleh_kelola": _boleh_kelola(request.user)}
    return render(request, "penduduk/rumah_tangga_daftar.html", context)


@staff_view("desa", izin="penduduk.lihat", model=RumahTangga)
def rumah_tangga_detail(request, pk):
    try:
        r = selectors.detail_rumah_tangga(desa=request.desa, pk=pk)
    except RumahTangga.DoesNotExist:
        raise Http404 from None
    anggota = list(selectors.anggota_rumah_tangga(desa=request.desa, rumah_tangga=r))
    services.catat_dilihat(desa=request.desa, actor=request.user, obj=r, request=request)
    hidup = [p for p in anggota if p.status_dasar == kode.HIDUP]
    context = {
        "r": r,
        "anggota": anggota,
        "jumlah_hidup": len(hidup),
        "jumlah_kk": len({p.keluarga_id for p in hidup if p.keluarga_id}),
        "boleh_kelola": _boleh_kelola(request.user),
    }
    return render(request, "penduduk/rumah_tangga_detail.html", context)


@staff_view("desa", izin="penduduk.kelola")
def rumah_tangga_tambah(request):
    """One form: the number, whether the head's KK joins, a search, and a button per resident
    found that makes them the head (so a search keeps what was typed)."""
    form = RumahTanggaForm(request.POST or None, desa=request.desa)
    q = _teks_cari(request.POST)
    if request.method == "POST" and request.POST.get("kepala") and form.is_valid():
        d = form.cleaned_data
        try:
            r = services.bentuk_rumah_tangga(
                desa=request.desa,
                actor=request.user,
                kepala=d["kepala"],
                no_rtm=d["no_rtm"],
                sekeluarga=d["sekeluarga"],
                request=request,
            )
        except ValidationError as exc:
            # Errors about the head go above the form: its field is the hidden button value.
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for field, pesan in errors.items():
                for error in pesan:
                    form.add_error("no_rtm" if field == "no_rtm" else None, error)
        else:
            messages.success(request, f"Rumah tangga {r.no_rtm} dibentuk.")
            return redirect("penduduk:rumah_tangga_detail", pk=r.pk)
    calon = selectors.cari_calon_anggota(desa=request.desa, q=q, user=request.user)
    return render(
        request,
        "penduduk/rumah_tangga_form.html",
        {"form": form, "q": q, "calon": calon, "batas": selectors.BATAS_CALON},
    )


@staff_view("desa", izin="penduduk.kelola", model=RumahTangga)
def rumah_tangga_anggota(request, pk):
    """Search residents of the village and add one of them, or their whole KK."""
    r = get_object_or_404(RumahTangga, desa=request.desa, pk=pk)
    q = _teks_cari(request.POST)
    if request.method == "POST" and ("penduduk" in request.POST or "keluarga" in request.POST):
        form = AnggotaRumahTanggaForm(request.POST, desa=request.desa)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            masuk = services.tambah_anggota_rumah_tangga(
                desa=request.desa,
                actor=request.user,
                rumah_tangga=r,
                penduduk=form.cleaned_data["penduduk"],
                keluarga=form.cleaned_data["keluarga"],
                request=request,
            )
        except ValidationError as exc:
            messages.error(request, _pesan(exc))
        else:
            nama = ", ".join(p.nama for p in masuk)
            messages.success(request, f"Ditambahkan ke rumah tangga {r.no_rtm}: {nama}.")
            return redirect("penduduk:rumah_tangga_detail", pk=r.pk)
    calon = selectors.cari_calon_anggota(desa=request.desa, q=q, user=request.user)
    context = {"r": r, "q": q, "calon": calon, "batas": selectors.BATAS_CALON}
    return render(request, "penduduk/rumah_tangga_anggota.html", context)


def _aksi_anggota(request, pk, layanan, berhasil):
    """A button on a member's row: POST `penduduk`, then back to the household page."""
    r = get_object_or_404(RumahTangga, desa=request.desa, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AnggotaRumahTanggaForm(request.POST, desa=request.desa)
    try:
        if not form.is_valid() or form.cleaned_data["penduduk"] is None:
            raise ValidationError([e for errors in form.errors.values() for e in errors] or "Pilih anggotanya.")
        p = form.cleaned_data["penduduk"]
        layanan(desa=request.desa, actor=request.user, rumah_tangga=r, penduduk=p, request=request)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, berhasil.format(nama=p.nama, no=r.no_rtm))
    return redirect("penduduk:rumah_tangga_detail", pk=r.pk)


@staff_view("desa", izin="penduduk.kelola", model=RumahTangga)
def rumah_tangga_keluarkan(request, pk):
    return _aksi_anggota(
        request, pk, services.keluarkan_anggota_rumah_tangga, "{nama} dikeluarkan dari rumah tangga {no}."
    )


@staff_view("desa", izin="penduduk.kelola", model=RumahTangga)
def rumah_tangga_kepala(request, pk):
    return _aksi_anggota(request, pk, services.ganti_kepala_rumah_tangga, "{nama} sekarang kepala rumah tangga {no}.")


@staff_view("desa", izin="penduduk.kelola", model=RumahTangga)
def rumah_tangga_bubarkan(request, pk):
    r = get_object_or_404(RumahTangga, desa=request.desa, pk=pk)
    if request.method == "POST":
        try:
            services.bubarkan_rumah_tangga(desa=request.desa, actor=request.user, rumah_tangga=r, request=request)
        except ValidationError as exc:
            messages.error(request, _pesan(exc))
            return redirect("penduduk:rumah_tangga_detail", pk=r.pk)
        messages.success(
            request, f"Rumah tangga {r.no_rtm} dibubarkan; anggotanya tidak lagi tercatat di rumah tangga."
        )
        return redirect("penduduk:rumah_tangga_daftar")
    jumlah = selectors.jumlah_anggota_rumah_tangga(desa=request.desa, rumah_tangga_ids=[r.pk]).get(r.pk, (0, 0))
    return render(request, "penduduk/rumah_tangga_bubarkan.html", {"r": r, "jumlah": jumlah[0]})


# Import / export --------------------------------------------------------------------------


def _lama(durasi):
    jam = int(durasi.total_seconds() // 3600)
    return f"{jam // 24} hari" if jam % 24 == 0 else f"{jam} jam"


@staff_view("desa", izin="penduduk.kelola")
def impor(request):
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.mulai_impor(
            desa=request.desa,
            actor=request.user,
            berkas=form.cleaned_data["berkas"],
            mode=form.cleaned_data["mode"],
            request=request,
        )
        return redirect("penduduk:impor_detail", pk=job.pk)
    context = {
        "form": form,
        "jobs": selectors.daftar_impor(desa=request.desa),
        "simpan_uji": _lama(SIMPAN_UJI),
        "boleh_kosongkan": request.user.punya_izin("desa.kelola"),
    }
    return render(request, "penduduk/impor.html", context)


@staff_view("desa", izin="penduduk.kelola")
def impor_templat(request):
    """An empty OpenSID sheet (header row) with an instructions sheet."""
    return HttpResponse(
        templat_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="templat-impor-penduduk-opensid.xlsx"'},
    )


@staff_view("desa", izin="penduduk.kelola", model=ImporPenduduk)
def impor_detail(request, pk):
    job = get_object_or_404(ImporPenduduk, desa=request.desa, pk=pk)
    context = {
        "job": job,
        "galat": kelompokkan_galat(job.galat),
        "peringatan": job.peringatan,
        "berjalan": job.status in (ImporPenduduk.Status.MENUNGGU, ImporPenduduk.Status.BERJALAN),
        "bisa_lanjut": bisa_dilanjutkan(job),
        "baris_buruk": max(job.baris_total - job.baris_valid, 0),
        "simpan_uji": _lama(SIMPAN_UJI),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "penduduk/partials/impor_status.html", context)
    return render(request, "penduduk/impor_detail.html", context)


@staff_view("desa", izin="penduduk.kelola", model=ImporPenduduk)
def impor_lanjut(request, pk):
    """Import a file that a check has read, without uploading it again."""
    job = get_object_or_404(ImporPenduduk, desa=request.desa, pk=pk)
    return _impor_lanjut(request, job)


@require_POST
def _impor_lanjut(request, job):
    try:
        baru = services.lanjutkan_impor(desa=request.desa, actor=request.user, uji=job, mode=request.POST.get("mode"))
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("penduduk:impor_detail", pk=job.pk)
    return redirect("penduduk:impor_detail", pk=baru.pk)


@staff_view("desa", izin="desa.kelola")
def kosongkan(request):
    """Empty the village's register (a fresh start before importing from OpenSID), after the
    village's name is typed; an export is offered first."""
    jumlah = selectors.isi_register(desa=request.desa)
    salah = False
    if request.method == "POST":
        ketik = " ".join(request.POST.get("konfirmasi", "").split())
        if ketik.casefold() == request.desa.nama.casefold():
            dihapus = services.kosongkan_register(desa=request.desa, actor=request.user, request=request)
            messages.success(
                request,
                f"Register dikosongkan: {dihapus['penduduk']} penduduk, {dihapus['keluarga']} KK, "
                f"{dihapus['rumah_tangga']} rumah tangga dan {dihapus['peristiwa']} peristiwa dihapus.",
            )
            return redirect("penduduk:impor")
        salah = True
    return render(request, "penduduk/kosongkan.html", {"jumlah": jumlah, "salah": salah})


@staff_view("desa", izin="penduduk.kelola")
def ekspor_view(request):
    if not privasi.boleh_lihat_nik(request.user):
        # The export holds every NIK and KK number in full, which this role sees masked.
        raise PermissionDenied(
            "Ekspor data penduduk berisi NIK dan nomor KK lengkap, yang untuk peran Anda disamarkan. "
            "Ekspor hanya dapat dilakukan oleh admin atau operator desa."
        )
    data = None
    if request.method == "POST":
        # The whole register unless a status is chosen: an export is also the village's backup.
        data = request.POST.copy()
        data.setdefault("status_dasar", SEMUA_STATUS)
    filtr = PendudukFilter(data, desa=request.desa, user=request.user, initial={"status_dasar": SEMUA_STATUS})
    fmt = request.POST.get("format")
    if fmt not in ("csv", "xlsx"):
        return render(request, "penduduk/ekspor.html", {"filter": filtr})
    qs = filtr.filter(Penduduk.objects.filter(desa=request.desa))
    services.catat_ekspor(desa=request.desa, actor=request.user, jumlah=qs.count(), format=fmt, request=request)
    nama = f"penduduk-{request.desa.slug}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(ekspor.csv_stream(qs), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{nama}"'
        return response
    return FileResponse(
        ekspor.xlsx_file(qs),
        as_attachment=True,
        filename=nama,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# Kecamatan: moves the sending village left waiting ----------------------------------------


@staff_view("kecamatan", izin="kecamatan.pantau")
def kecamatan_pindah(request):
    """Moves between villages waiting for a village of this kecamatan, oldest first; those
    waiting BALAI_PINDAH_ANTAR_DESA_HARI days or more are marked and may be confirmed here.
    Names and villages only: the register stays with the villages."""
    context = {
        "rows": antar_desa.menunggu_di_kecamatan(kecamatan=request.kecamatan),
        "batas_hari": antar_desa.batas_hari().days,
    }
    return render(request, "penduduk/kecamatan_pindah.html", context)


@staff_view("kecamatan", izin="kecamatan.pantau", model=PindahAntarDesa)
def kecamatan_pindah_konfirmasi(request, pk):
    """POST only; the lookup comes first, so another kecamatan's moves are 404 whatever the method."""
    with scopes_disabled():
        p = PindahAntarDesa.objects.filter(desa_asal__kecamatan=request.kecamatan, pk=pk).first()
    if p is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        antar_desa.konfirmasi(pindah=p, actor=request.user, kecamatan=request.kecamatan, request=request)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, f"Kepindahan {p.nama} dikonfirmasi oleh kecamatan.")
    return redirect("penduduk_kecamatan:pindah")
