"""Attendance pages: the official's own page and check-in, the office screen, leave requests,
the village's settings and recap (/admin-desa/kehadiran/...), and the kecamatan's recap of its
villages (/dasbor/kehadiran/)."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_scopes import scopes_disabled

from balai.akun.access import per_host, staff_view
from balai.core.tenancy import DESA, KECAMATAN
from balai.website.models import Perangkat
from balai.wilayah.models import Desa

from . import ekspor, grafik, selectors, services
from . import kode as kode_qr
from .forms import AbsenForm, IzinForm, PengaturanForm, PutusanForm
from .models import Izin

CATAT, KELOLA = "kehadiran.catat", "kehadiran.kelola"


def _tanpa_perangkat(request):
    return render(request, "kehadiran/tanpa_perangkat.html")


# --- the official ------------------------------------------------------------------------------


@staff_view(DESA, izin=CATAT)
def saya(request):
    """My day (check in/out), my month and my leave requests."""
    perangkat = services.perangkat_dari(request.user, request.desa)
    if perangkat is None:
        return _tanpa_perangkat(request)
    tahun, bulan = selectors.bulan_dari(request.GET.get("bulan"))
    desa = request.desa
    context = {
        "perangkat": perangkat,
        "aturan": services.pengaturan_desa(desa),
        "hari_ini": selectors.hari_ini(desa=desa, perangkat=perangkat),
        "riwayat": selectors.riwayat(desa=desa, perangkat=perangkat, tahun=tahun, bulan=bulan),
        "rekap": selectors.rekap_desa(desa=desa, tahun=tahun, bulan=bulan, perangkat=perangkat),
        "izin_list": selectors.izin_saya(desa=desa, perangkat=perangkat),
        **_navigasi_bulan(tahun, bulan),
    }
    return render(request, "kehadiran/saya.html", context)


def _aksi_berikutnya(hari_ini):
    if hari_ini is None:
        return services.MASUK
    if hari_ini.pulang is None:
        return services.PULANG
    return None


@staff_view(DESA, izin=CATAT)
def absen(request):
    """Where the screen's QR code leads: check the code at once (nothing is used up by opening
    the link), then record on the button press, with the location where the village asks."""
    perangkat = services.perangkat_dari(request.user, request.desa)
    if perangkat is None:
        return _tanpa_perangkat(request)
    desa = request.desa
    aturan = services.pengaturan_desa(desa)
    hari_ini = selectors.hari_ini(desa=desa, perangkat=perangkat)
    kode = request.POST.get("kode") if request.method == "POST" else request.GET.get("kode", "")
    form = AbsenForm(request.POST or None, initial={"aksi": _aksi_berikutnya(hari_ini), "kode": kode})
    galat = None
    if request.method == "POST":
        if form.is_valid():
            try:
                hasil = services.absen(
                    desa=desa,
                    perangkat=perangkat,
                    aksi=form.cleaned_data["aksi"],
                    kode=form.cleaned_data["kode"],
                    lokasi=form.lokasi(),
                    actor=request.user,
                    request=request,
                )
            except services.AbsenDitolak as exc:
                galat = str(exc)
            else:
                messages.success(request, _pesan_berhasil(form.cleaned_data["aksi"], hasil))
                return redirect("kehadiran:saya")
        else:
            galat = "Data absen tidak lengkap. Pindai lagi kode di layar kantor."
    elif aturan.wajib_qr and _aksi_berikutnya(hari_ini):
        try:
            kode_qr.baca(kode, desa.pk)
        except kode_qr.KodeDitolak as exc:
            galat = str(exc)
    context = {
        "form": form,
        "kode": kode,
        "aturan": aturan,
        "hari_ini": hari_ini,
        "aksi": form["aksi"].value() or _aksi_berikutnya(hari_ini),
        "galat": galat,
        "perangkat": perangkat,
    }
    return render(request, "kehadiran/absen.html", context, status=400 if galat and request.method == "POST" else 200)


def _pesan_berhasil(aksi, hasil):
    if aksi == services.MASUK:
        jam = timezone.localtime(hasil.masuk)
        telat = f" (terlambat {hasil.terlambat_menit} menit)" if hasil.terlambat else ""
        return f"Absen masuk tercatat pukul {jam:%H.%M}{telat}."
    jam = timezone.localtime(hasil.pulang)
    cepat = f" ({hasil.pulang_cepat_menit} menit sebelum jam pulang)" if hasil.pulang_cepat else ""
    return f"Absen pulang tercatat pukul {jam:%H.%M}{cepat}. Terima kasih."


# --- the office screen -------------------------------------------------------------------------


def _qr(request):
    teks, sisa = kode_qr.buat(request.desa.pk)
    url = request.build_absolute_uri(reverse("kehadiran:absen")) + "?kode=" + teks
    # Generated by segno from our own signed code, never user input.
    svg = segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#111827", omitsize=True)
    return {"qr_svg": mark_safe(svg), "sisa": sisa, "slot_detik": kode_qr.SLOT_DETIK}


@staff_view(DESA, izin=KELOLA)
def layar(request):
    """Full-screen page for the office's screen or tablet: the rotating code, today's board."""
    return render(request, "kehadiran/layar.html", {**_qr(request), **selectors.papan_hari_ini(desa=request.desa)})


@staff_view(DESA, izin=KELOLA)
def layar_kode(request):
    """The next code, fetched by layar.js when the current one's slot ends."""
    return render(
        request, "kehadiran/partials/layar_kode.html", {**_qr(request), **selectors.papan_hari_ini(desa=request.desa)}
    )


# --- leave requests ------------------------------------------------------------------------------


@staff_view(DESA, izin=CATAT)
def izin_ajukan(request):
    perangkat = services.perangkat_dari(request.user, request.desa)
    if perangkat is None:
        return _tanpa_perangkat(request)
    form = IzinForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ajukan_izin(
                desa=request.desa,
                actor=request.user,
                perangkat=perangkat,
                izin=form.instance,
                lampiran=form.cleaned_data.get("lampiran_berkas"),
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Pengajuan terkirim; Anda akan melihat putusannya di halaman ini.")
            return redirect("kehadiran:saya")
    return render(request, "kehadiran/izin_form.html", {"form": form, "perangkat": perangkat})


@staff_view(DESA, izin=KELOLA)
def izin_daftar(request):
    """Requests of the village: those waiting for my decision first, then the latest."""
    status = request.GET.get("status") if request.GET.get("status") in Izin.Status.values else None
    context = {
        "untuk_saya": selectors.izin_untuk_diputus(desa=request.desa, user=request.user),
        "izin_list": selectors.izin_desa(desa=request.desa, status=status)[:100],
        "status": status,
        "Status": Izin.Status,
    }
    return render(request, "kehadiran/izin_daftar.html", context)


def _izin_terlihat(request, pk):
    """A request of this village the user may see: their own, or any with kehadiran.kelola."""
    izin = get_object_or_404(
        Izin.objects.select_related("perangkat__pengguna", "diputus_oleh"), desa=request.desa, pk=pk
    )
    if izin.perangkat.pengguna_id != request.user.pk and not request.user.punya_izin(KELOLA):
        raise Http404
    return izin


@staff_view(DESA, izin=CATAT, model=Izin)
def izin_detail(request, pk):
    izin = _izin_terlihat(request, pk)
    boleh = services.boleh_memutus(request.user, izin) and izin.status == Izin.Status.MENUNGGU
    form = PutusanForm(request.POST or None) if boleh else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.putuskan_izin(
                desa=request.desa,
                actor=request.user,
                izin=izin,
                setujui=form.cleaned_data["keputusan"] == "setujui",
                catatan=form.cleaned_data["catatan"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Putusan tersimpan.")
            return redirect("kehadiran:izin_daftar")
    elif request.method == "POST" and form is None:
        messages.error(request, "Pengajuan ini tidak dapat Anda putus.")
        return redirect("kehadiran:izin_detail", pk=izin.pk)
    return render(request, "kehadiran/izin_detail.html", {"izin": izin, "form": form})


@staff_view(DESA, izin=CATAT, model=Izin)
def izin_batal(request, pk):
    izin = _izin_terlihat(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.batalkan_izin(desa=request.desa, actor=request.user, izin=izin, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("kehadiran:izin_detail", pk=izin.pk)
    messages.success(request, "Pengajuan dibatalkan.")
    return redirect("kehadiran:saya")


@staff_view(DESA, izin=CATAT, model=Izin)
def izin_lampiran(request, pk):
    """The attachment, to the requester and to those who manage attendance, as a download."""
    izin = _izin_terlihat(request, pk)
    if not izin.lampiran:
        raise Http404
    try:
        berkas = izin.lampiran.open("rb")
    except FileNotFoundError:
        raise Http404
    jenis = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}[izin.lampiran_jenis]
    response = FileResponse(
        berkas, as_attachment=True, filename=f"lampiran-izin-{izin.pk}.{izin.lampiran_jenis}", content_type=jenis
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- settings and recap ----------------------------------------------------------------------------


@staff_view(DESA, izin=KELOLA)
def pengaturan(request):
    instance = services.pengaturan_desa(request.desa)
    form = PengaturanForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_pengaturan(desa=request.desa, actor=request.user, pengaturan=form.instance, request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Pengaturan kehadiran disimpan.")
            return redirect("kehadiran:pengaturan")
    return render(request, "kehadiran/pengaturan.html", {"form": form})


def _navigasi_bulan(tahun, bulan):
    sebelum = (tahun, bulan - 1) if bulan > 1 else (tahun - 1, 12)
    sesudah = (tahun, bulan + 1) if bulan < 12 else (tahun + 1, 1)
    return {
        "bulan_ini": f"{tahun}-{bulan:02d}",
        "judul_bulan": selectors.nama_bulan(tahun, bulan),
        "bulan_sebelum": f"{sebelum[0]}-{sebelum[1]:02d}",
        "bulan_sesudah": f"{sesudah[0]}-{sesudah[1]:02d}",
    }


def _unduh(request, rekap, *, desa=None, kecamatan=None):
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return ekspor.xlsx_response(rekap, desa=desa, kecamatan=kecamatan)
    if fmt == "pdf":
        kepala = selectors.kepala_desa(desa=desa) if desa is not None else None
        return ekspor.pdf_response(rekap, desa=desa, kecamatan=kecamatan, penanda_tangan=kepala)
    return None


@staff_view(DESA, izin=KELOLA)
def rekap(request):
    tahun, bulan = selectors.bulan_dari(request.GET.get("bulan"))
    data = selectors.rekap_desa(desa=request.desa, tahun=tahun, bulan=bulan)
    response = _unduh(request, data, desa=request.desa)
    if response is not None:
        return response
    context = {"rekap": data, "grafik": grafik.batang_bertumpuk(data), **_navigasi_bulan(tahun, bulan)}
    return render(request, "kehadiran/rekap.html", context)


@staff_view(DESA, izin=KELOLA, model=Perangkat)
def rekap_orang(request, pk):
    """One official's days, for those who manage attendance."""
    perangkat = get_object_or_404(Perangkat, desa=request.desa, pk=pk)
    tahun, bulan = selectors.bulan_dari(request.GET.get("bulan"))
    context = {
        "perangkat": perangkat,
        "riwayat": selectors.riwayat(desa=request.desa, perangkat=perangkat, tahun=tahun, bulan=bulan),
        "rekap": selectors.rekap_desa(desa=request.desa, tahun=tahun, bulan=bulan, perangkat=perangkat),
        **_navigasi_bulan(tahun, bulan),
    }
    return render(request, "kehadiran/rekap_orang.html", context)


# --- the kecamatan ---------------------------------------------------------------------------------


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def kecamatan_rekap(request):
    tahun, bulan = selectors.bulan_dari(request.GET.get("bulan"))
    with scopes_disabled():
        data = selectors.rekap_kecamatan(kecamatan=request.kecamatan, tahun=tahun, bulan=bulan)
    response = _unduh(request, data, kecamatan=request.kecamatan)
    if response is not None:
        return response
    context = {"rekap": data, "grafik": grafik.batang_bertumpuk(data), **_navigasi_bulan(tahun, bulan)}
    return render(request, "kehadiran/kecamatan_rekap.html", context)


@staff_view(KECAMATAN, izin="kecamatan.pantau", model=Desa)
def kecamatan_rekap_desa(request, pk):
    """One village's recap on the kecamatan host; a village of another kecamatan is 404."""
    desa = get_object_or_404(Desa, kecamatan=request.kecamatan, pk=pk)
    tahun, bulan = selectors.bulan_dari(request.GET.get("bulan"))
    with scopes_disabled():
        data = selectors.rekap_desa(desa=desa, tahun=tahun, bulan=bulan)
        response = _unduh(request, data, desa=desa)
    if response is not None:
        return response
    context = {"rekap": data, "desa": desa, "grafik": grafik.batang_bertumpuk(data), **_navigasi_bulan(tahun, bulan)}
    return render(request, "kehadiran/kecamatan_rekap_desa.html", context)


dasbor_rekap = per_host(kecamatan=kecamatan_rekap)
dasbor_rekap_desa = per_host(kecamatan=kecamatan_rekap_desa)
