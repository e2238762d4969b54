from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Now
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.akun import services as akun_services
from balai.akun.access import per_host, staff_view
from balai.akun.models import PERAN_TINGKAT, Peran, TautanDuaLangkah, User
from balai.core import audit, dashboard, kalender, potongan
from balai.core.halaman import halaman_dari
from balai.core.models import HariLibur
from balai.core.tenancy import KABUPATEN, KECAMATAN
from balai.pemerintahan import services as pemerintahan_services
from balai.wilayah.models import Desa, Kecamatan
from balai.wilayah.selectors import jumlah_wilayah

from . import selectors, tabel_desa
from .forms import PERAN_DESA_CHOICES, AuditFilterForm, HariLiburForm, OperatorKecamatanForm, PenggunaForm, PeranForm

# --- village back office -------------------------------------------------------------------

LOG_PER_HALAMAN = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_view("desa")
def desa_dasbor(request):
    # The cards and widgets are kept per viewer (their rights, letters waiting for them) until
    # any of the village's data changes; the activity log is read live.
    isi = potongan.tampilkan(
        request,
        "dasbor",
        (request.user.pk, *sorted(request.user.peran)),
        "panel/partials/desa_dasbor_isi.html",
        lambda: {
            "wilayah": jumlah_wilayah(desa=request.desa),
            "jumlah_pengguna": User.objects.filter(desa=request.desa, is_active=True).count(),
            "widgets": dashboard.render_widgets(request),
        },
        kantor=True,
    )
    log = selectors.audit_entries(desa=request.desa)[:10] if request.user.punya_izin("audit.lihat") else None
    return render(request, "panel/desa_dasbor.html", {"isi": isi, "log": log})


@staff_view("desa", izin="desa.kelola")
def desa_pengguna(request):
    form = PenggunaForm(request.POST or None, peran_choices=PERAN_DESA_CHOICES)
    password = None
    if request.method == "POST" and form.is_valid():
        user, password = akun_services.buat_pengguna(
            actor=request.user, kabupaten=request.kabupaten, desa=request.desa, request=request, **form.cleaned_data
        )
        form = PenggunaForm(peran_choices=PERAN_DESA_CHOICES)
        messages.success(request, f"Akun {user.username} dibuat.")
    users = User.objects.filter(desa=request.desa).prefetch_related("keanggotaan").order_by("-is_active", "username")
    return render(
        request,
        "panel/pengguna.html",
        {
            "form": form,
            "users": users,
            "password_baru": password,
            "status_url": "panel:desa_pengguna_status",
            "peran_url": "panel:desa_pengguna_peran",
        },
    )


@staff_view("desa", izin="desa.kelola", model=User)
def desa_pengguna_status(request, pk):
    user = get_object_or_404(User, desa=request.desa, pk=pk)
    return _ubah_aktif_pengguna(request, user)


@staff_view("desa", izin="desa.kelola", model=User)
def desa_pengguna_peran(request, pk):
    return _atur_peran(request, get_object_or_404(User, desa=request.desa, pk=pk))


def _atur_peran(request, user):
    """Give an account the roles ticked in the form (POST only; the lookup comes first so others'
    ids are 404)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PeranForm(request.POST, peran_choices=[p for p in Peran if p in PERAN_TINGKAT[user.tingkat]])
    if user == request.user:
        messages.error(request, "Peran akun Anda sendiri tidak dapat diubah dari sini.")
    elif not form.is_valid():
        messages.error(request, f"Peran {user.username} tidak diubah: pilih minimal satu peran.")
    else:
        akun_services.atur_peran(actor=request.user, user=user, peran=form.cleaned_data["peran"], request=request)
        messages.success(request, f"Peran {user.username} sekarang: {user.nama_peran}.")
    return _ke_daftar_pengguna(request, user)


def _ke_daftar_pengguna(request, user):
    """Back to the list the account is shown on: the village's, or the kabupaten's."""
    if request.tenant.kind == "desa":
        return redirect("panel:desa_pengguna")
    if user.desa_id:
        return redirect("panel:desa_detail", pk=user.desa_id)
    return redirect("panel:kab_pengguna")


def _ubah_aktif_pengguna(request, user):
    """Switch an account on or off (POST only; the lookup comes first so others' ids are 404)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if user == request.user:
        messages.error(request, "Anda tidak dapat menonaktifkan akun Anda sendiri.")
    else:
        akun_services.atur_pengguna_aktif(actor=request.user, user=user, aktif=not user.is_active, request=request)
        messages.success(request, f"Akun {user.username} {'diaktifkan' if user.is_active else 'dinonaktifkan'}.")
    back = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return _ke_daftar_pengguna(request, user)


@staff_view("desa", izin="audit.lihat")
def desa_log(request):
    akun = User.objects.filter(desa=request.desa).order_by("username").values_list("username", flat=True)
    pilihan = [(u, u) for u in akun] + [("sistem", "sistem (otomatis)")]
    return _log_page(request, selectors.audit_entries(desa=request.desa), pengguna_choices=pilihan)


def _log_page(request, qs, *, show_desa=False, pengguna_choices=None):
    """The audit log page: filters (period, account, object type, action) and 50 rows a page."""
    form = AuditFilterForm(
        request.GET or None,
        pengguna_choices=pengguna_choices,
        jenis_choices=selectors.jenis_objek_choices(qs),
        tindakan_choices=sorted(audit.labels().items(), key=lambda c: c[1]),
    )
    if form.is_bound and form.is_valid():
        qs = selectors.saring_audit(
            qs, pengguna_persis=pengguna_choices is not None, **{k: v for k, v in form.cleaned_data.items() if v}
        )
    elif form.is_bound:
        qs = qs.none()
    page = halaman_dari(qs, LOG_PER_HALAMAN, request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "form": form,
        "page": page,
        "entries": page.object_list,
        "show_desa": show_desa,
        "query": query.urlencode(),
    }
    return render(request, "panel/log.html", context)


# --- kecamatan and kabupaten ---------------------------------------------------------------


def _punya_2fa():
    return Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))


def _tautan_2fa_sampai():
    """Expiry of the user's enrolment link still waiting to be used, or None."""
    return Subquery(
        TautanDuaLangkah.objects.filter(user=OuterRef("pk"), dipakai__isnull=True, berlaku_sampai__gt=Now())
        .order_by("-berlaku_sampai")
        .values("berlaku_sampai")[:1]
    )


def _bulan_diminta(request):
    bulan, salah = tabel_desa.bulan_dari(request.GET.get("bulan"))
    if salah:
        messages.warning(request, salah)
    return bulan


def _tabel_desa(request, villages, *, nama_wilayah, slug, dasar=None):
    """The table of `villages` for the month asked (?bulan=), sorted as asked (?urut=&arah=):
    its template context, or the xlsx download when ?format=xlsx. `dasar`: the query the sort
    links keep besides the month."""
    bulan = _bulan_diminta(request)
    urut = request.GET.get("urut", "")
    arah = request.GET.get("arah") if request.GET.get("arah") in tabel_desa.ARAH else "naik"
    columns, rows = tabel_desa.tabel(villages, bulan, urut=urut, arah=arah, cache=True)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(tabel_desa.xlsx(columns, rows, bulan, nama_wilayah), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="desa-{slug}-{bulan.kode}.xlsx"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("halaman", None)
    return {
        "columns": columns,
        "rows": rows,
        "bulan": bulan,
        "bulan_ini": timezone.localdate().strftime("%Y-%m"),
        "urut": urut if urut == "nama" or any(c.key == urut for c in columns) else "",
        "arah": arah,
        "query": query.urlencode(),
        "dasar": urlencode({**(dasar or {}), "bulan": bulan.kode}),
    }


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def kecamatan_dasbor(request):
    """Every village of the kecamatan in one table, one column per module's figure, for a month;
    sorted on the server (?urut=<column>&arah=naik|turun) and exportable (?format=xlsx)."""
    kec = request.kecamatan
    tabel = _tabel_desa(
        request, Desa.objects.filter(kecamatan=kec).order_by("kode"), nama_wilayah=str(kec), slug=kec.slug
    )
    if isinstance(tabel, HttpResponse):
        return tabel
    context = {
        **tabel,
        "widgets": dashboard.render_widgets(request),
        "ambang": request.kabupaten.ambang_kesegaran_hari,
    }
    return render(request, "panel/kecamatan_dasbor.html", context)


@staff_view(KECAMATAN, izin="kecamatan.pantau", model=Desa)
def kecamatan_desa(request, pk):
    """One village of the kecamatan, read only: its figures from the dashboard's columns and
    each module's section. A village of another kecamatan is 404."""
    desa = get_object_or_404(Desa.objects.select_related("kecamatan"), kecamatan=request.kecamatan, pk=pk)
    bulan = _bulan_diminta(request)
    columns, rows = tabel_desa.tabel([desa], bulan)
    context = {
        "desa": desa,
        "bulan": bulan,
        "bulan_ini": timezone.localdate().strftime("%Y-%m"),
        "angka": list(zip(columns, rows[0].nilai, strict=True)),
        "bagian": tabel_desa.bagian(request, desa, bulan),
    }
    return render(request, "panel/kecamatan_desa.html", context)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def kecamatan_log(request):
    return _log_page(request, selectors.audit_entries(kecamatan=request.kecamatan), show_desa=True)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kabupaten_dasbor(request):
    context = {
        "summary": selectors.ringkasan_kabupaten(kabupaten=request.kabupaten),
        "per_kecamatan": selectors.per_kecamatan(kabupaten=request.kabupaten),
        "widgets": dashboard.render_widgets(request),
    }
    return render(request, "panel/kabupaten_dasbor.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_desa(request):
    kecamatan = Kecamatan.objects.filter(kabupaten=request.kabupaten, slug=request.GET.get("kecamatan", "")).first()
    q = request.GET.get("q", "").strip()
    qs = selectors.direktori_desa(kabupaten=request.kabupaten, kecamatan=kecamatan, q=q)
    tabel = {}
    if kecamatan is not None and request.GET.get("angka") == "1":
        # On request, the kecamatan's own table of figures, the same as on its dashboard (one
        # kecamatan at a time: a bounded number of villages, a fixed number of queries).
        tabel = _tabel_desa(
            request,
            Desa.objects.filter(kecamatan=kecamatan).order_by("kode"),
            nama_wilayah=str(kecamatan),
            slug=kecamatan.slug,
            dasar={"kecamatan": kecamatan.slug, "angka": "1"},
        )
        if isinstance(tabel, HttpResponse):
            return tabel
    page = halaman_dari(qs, 50, request.GET.get("halaman"))
    page.object_list = selectors.baris_desa(page.object_list, kabupaten=request.kabupaten)
    context = {
        **tabel,
        "page": page,
        "kecamatan_cocok": [] if kecamatan else selectors.kecamatan_cocok(kabupaten=request.kabupaten, q=q),
        "kecamatan_list": Kecamatan.objects.filter(kabupaten=request.kabupaten),
        "kecamatan": kecamatan,
        "q": request.GET.get("q", ""),
    }
    partial = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    template = "panel/partials/desa_rows.html" if partial else "panel/kab_desa.html"
    return render(request, template, context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_desa_aktif(request, pk):
    """Switch a village site on or off, after a confirmation page that names the village.

    The form posts the state wanted (`aktif=1|0`) rather than "toggle", so a double click or a
    resent form cannot flip the site back."""
    desa = get_object_or_404(Desa.objects.select_related("kecamatan"), kecamatan__kabupaten=request.kabupaten, pk=pk)
    if request.method == "POST" and request.POST.get("aktif") in ("0", "1"):
        aktif = request.POST["aktif"] == "1"
        if aktif == desa.aktif:
            messages.info(request, f"Situs {desa} sudah {'aktif' if aktif else 'nonaktif'}; tidak ada yang diubah.")
        else:
            pemerintahan_services.atur_desa_aktif(desa=desa, actor=request.user, aktif=aktif, request=request)
            if aktif:
                messages.success(request, f"Situs {desa} diaktifkan kembali dan dapat dibuka warga.")
            else:
                messages.success(
                    request, f"Situs {desa} dinonaktifkan. Warga kini melihat halaman “situs sedang tidak aktif”."
                )
        return redirect("panel:desa_detail", pk=desa.pk)
    return render(request, "panel/kab_desa_aktif.html", {"desa": desa, "aktif_baru": not desa.aktif})


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_desa_detail(request, pk):
    desa = get_object_or_404(Desa.objects.select_related("kecamatan"), kecamatan__kabupaten=request.kabupaten, pk=pk)
    form = PenggunaForm(request.POST or None, peran_choices=PERAN_DESA_CHOICES)
    password = tautan = None
    if request.method == "POST" and form.is_valid():
        user, password = akun_services.buat_pengguna(
            actor=request.user, kabupaten=request.kabupaten, desa=desa, request=request, **form.cleaned_data
        )
        form = PenggunaForm(peran_choices=PERAN_DESA_CHOICES)
        messages.success(request, f"Akun {user.username} untuk {desa} dibuat.")
        if user.wajib_2fa:
            tautan = akun_services.buat_tautan_2fa(actor=request.user, user=user, request=request)
    users = (
        User.objects.filter(desa=desa)
        .prefetch_related("keanggotaan")
        .annotate(punya_2fa=_punya_2fa(), tautan_2fa_sampai=_tautan_2fa_sampai())
        .order_by("-is_active", "username")
    )
    return render(
        request,
        "panel/kab_desa_detail.html",
        {
            "desa": desa,
            "form": form,
            "users": users,
            "password_baru": password,
            "tautan_2fa_baru": tautan,
            "status_url": "panel:kab_pengguna_status",
            "peran_url": "panel:kab_pengguna_peran",
            "show_2fa": True,
        },
    )


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_pengguna(request):
    form = OperatorKecamatanForm(request.POST or None, kabupaten=request.kabupaten)
    password = tautan = None
    if request.method == "POST" and form.is_valid():
        user, password = akun_services.buat_pengguna(
            actor=request.user, kabupaten=request.kabupaten, request=request, **form.cleaned_data
        )
        form = OperatorKecamatanForm(kabupaten=request.kabupaten)
        messages.success(request, f"Akun {user.username} dibuat.")
        if user.wajib_2fa:
            tautan = akun_services.buat_tautan_2fa(actor=request.user, user=user, request=request)
    qs = (
        User.objects.filter(kabupaten=request.kabupaten)
        .select_related("desa", "kecamatan")
        .prefetch_related("keanggotaan")
        .annotate(punya_2fa=_punya_2fa(), tautan_2fa_sampai=_tautan_2fa_sampai())
        .order_by("desa__nama", "kecamatan__nama", "username")
    )
    filter_2fa = request.GET.get("2fa", "")
    if filter_2fa == "ada":
        qs = qs.filter(punya_2fa=True, is_active=True)
    elif filter_2fa == "belum":
        qs = qs.filter(punya_2fa=False, is_active=True)
    else:
        filter_2fa = ""
    page = halaman_dari(qs, 100, request.GET.get("halaman"))
    context = {
        "form": form,
        "page": page,
        "filter_2fa": filter_2fa,
        "password_baru": password,
        "tautan_2fa_baru": tautan,
        "status_url": "panel:kab_pengguna_status",
        "peran_url": "panel:kab_pengguna_peran",
        "show_2fa": True,
    }
    return render(request, "panel/kab_pengguna.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
@require_POST
def kab_pengguna_2fa(request, pk):
    """Give an account with a lost authenticator a fresh start (never one's own)."""
    user = get_object_or_404(User, kabupaten=request.kabupaten, pk=pk)
    if user == request.user:
        messages.error(request, "Verifikasi dua langkah akun Anda sendiri tidak dapat direset dari sini.")
    else:
        akun_services.reset_2fa(actor=request.user, user=user, request=request)
        # A new authenticator is a first enrolment again: it needs a link.
        return _tampilkan_tautan_2fa(request, user, direset=True)
    return _ke_daftar_pengguna(request, user)


def _tampilkan_tautan_2fa(request, user, *, direset=False):
    tautan = akun_services.buat_tautan_2fa(actor=request.user, user=user, request=request)
    kembali = reverse("panel:desa_detail", args=[user.desa_id]) if user.desa_id else reverse("panel:kab_pengguna")
    context = {
        "pengguna": user,
        "tautan": tautan,
        "direset": direset,
        "kembali": kembali,
        "jam_berlaku": settings.BALAI_TAUTAN_2FA_JAM,
    }
    return render(request, "panel/tautan_2fa.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
@require_POST
def kab_pengguna_tautan_2fa(request, pk):
    """Issue a one-time link with which the account's owner enrols a first authenticator."""
    user = get_object_or_404(User, kabupaten=request.kabupaten, pk=pk, is_active=True)
    if user == request.user or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        messages.error(request, f"Akun {user.username} sudah memakai verifikasi dua langkah.")
        return redirect("panel:kab_pengguna")
    return _tampilkan_tautan_2fa(request, user)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_pengguna_status(request, pk):
    return _ubah_aktif_pengguna(request, get_object_or_404(User, kabupaten=request.kabupaten, pk=pk))


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_pengguna_peran(request, pk):
    return _atur_peran(request, get_object_or_404(User, kabupaten=request.kabupaten, pk=pk))


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kabupaten_log(request):
    return _log_page(request, selectors.audit_entries(kabupaten_wide=True), show_desa=True)


dasbor = per_host(kecamatan=kecamatan_dasbor, kabupaten=kabupaten_dasbor)
desa_detail = per_host(kecamatan=kecamatan_desa, kabupaten=kab_desa_detail)
log = per_host(kecamatan=kecamatan_log, kabupaten=kabupaten_log)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_kalender(request):
    """The working-day calendar of the kabupaten: national holidays as the package knows them,
    and the cuti bersama and regional holidays the kabupaten adds."""
    tahun = _tahun_diminta(request)
    form = HariLiburForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        libur = pemerintahan_services.catat_hari_libur(**form.cleaned_data, actor=request.user, request=request)
        messages.success(request, f"{libur.nama} ({libur.tanggal:%d-%m-%Y}) dicatat; tenggat hari kerja menghitungnya.")
        return redirect(f"{reverse('panel:kab_kalender')}?tahun={libur.tanggal.year}")
    context = {"form": form, "tahun": tahun, "hari_libur": kalender.libur_setahun(tahun)}
    return render(request, "panel/kab_kalender.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_kalender_hapus(request, pk):
    libur = get_object_or_404(HariLibur, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    pemerintahan_services.hapus_hari_libur(libur=libur, actor=request.user, request=request)
    messages.success(request, f"{libur.nama} ({libur.tanggal:%d-%m-%Y}) dihapus dari kalender.")
    return redirect(f"{reverse('panel:kab_kalender')}?tahun={libur.tanggal.year}")


def _tahun_diminta(request):
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return min(max(tahun, 2000), 2100)
