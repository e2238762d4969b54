import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from openpyxl import Workbook

from balai.akun.access import can_use_host, pending_step, per_host, staff_view
from balai.core.registry import SCORE_PARTS
from balai.core.spreadsheet import xlsx_row
from balai.core.tenancy import DESA, KABUPATEN, KECAMATAN
from balai.wilayah.models import Desa, Kecamatan

from . import bukti_ekspor, pembinaan, selectors, services
from .forms import (
    BuktiForm,
    ButirPembinaanForm,
    CapaianForm,
    JawabUsulanForm,
    PanduanForm,
    PengaturanSkorForm,
    PengingatForm,
    SiaranForm,
    SurelPeringatanForm,
    UsulanForm,
)
from .models import ButirPembinaan, Panduan, Usulan
from .peringatan import atur_surel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kecamatan_dipilih(request):
    slug = request.GET.get("kecamatan", "")
    return Kecamatan.objects.filter(kabupaten=request.kabupaten, slug=slug).first() if slug else None


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def skor(request):
    kecamatan = _kecamatan_dipilih(request)
    bulan = selectors.bulan_terakhir(kabupaten=request.kabupaten)
    baris = selectors.peringkat(kabupaten=request.kabupaten, bulan=bulan, kecamatan=kecamatan) if bulan else []
    atur = services.pengaturan(request.kabupaten)
    tren = selectors.tren(kabupaten=request.kabupaten, kecamatan=kecamatan)
    context = {
        "bulan": bulan,
        "baris": baris,
        "bagian": SCORE_PARTS,
        "atur": atur,
        "aktif": sum(1 for s in baris if s.total >= atur.ambang_aktif),
        "kecamatan": kecamatan,
        "kecamatan_list": Kecamatan.objects.filter(kabupaten=request.kabupaten),
        "tren": tren,
        "grafik": selectors.grafik_tren(tren),
    }
    return render(request, "pengawasan/skor.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def skor_unduh(request):
    kecamatan = _kecamatan_dipilih(request)
    bulan = selectors.bulan_terakhir(kabupaten=request.kabupaten)
    baris = selectors.peringkat(kabupaten=request.kabupaten, bulan=bulan, kecamatan=kecamatan) if bulan else []
    ambang = services.pengaturan(request.kabupaten).ambang_aktif
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Skor aktivitas desa")
    judul = f"Skor aktivitas desa, {bulan:%m/%Y}" if bulan else "Skor aktivitas desa: belum ada yang dihitung"
    ws.append(xlsx_row(ws, [judul, f"desa aktif: skor >= {ambang}"]))
    ws.append(xlsx_row(ws, ["Peringkat", "Kode", "Desa", "Kecamatan", "Skor", "Aktif", *SCORE_PARTS.values()]))
    for i, s in enumerate(baris, 1):
        bagian = [s.bagian.get(p) if s.bagian.get(p) is not None else "-" for p in SCORE_PARTS]
        aktif = "ya" if s.total >= ambang else "tidak"
        ws.append(xlsx_row(ws, [i, s.desa.kode, s.desa.nama, s.desa.kecamatan.nama, s.total, aktif, *bagian]))
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="skor-aktivitas-desa.xlsx"'
    return response


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def skor_pengaturan(request):
    atur = services.pengaturan(request.kabupaten)
    form = PengaturanSkorForm(request.POST or None, initial=PengaturanSkorForm.awal(atur))
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_pengaturan(
                kabupaten=request.kabupaten,
                bobot=form.bobot(),
                ambang_aktif=form.cleaned_data["ambang_aktif"],
                actor=request.user,
                request=request,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request, "Bobot disimpan. Skor dihitung ulang dengan bobot baru pada perhitungan berikutnya."
            )
            return redirect("pengawasan:skor")
    # Parts added after the weights were saved count 0 until the kabupaten gives them a weight.
    belum_diatur = [label for part, label in SCORE_PARTS.items() if part not in atur.bobot]
    context = {"form": form, "bagian": SCORE_PARTS, "belum_diatur": belum_diatur}
    return render(request, "pengawasan/pengaturan.html", context)


def _rincian(request, desa):
    bulan = selectors.bulan_terakhir(kabupaten=request.kabupaten)
    atur = services.pengaturan(request.kabupaten)
    context = {
        "desa": desa,
        "rincian": selectors.rincian(desa=desa, bulan=bulan, bobot=atur.bobot) if bulan else None,
        "atur": atur,
    }
    return render(request, "pengawasan/rincian.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola", model=Desa)
def rincian_kabupaten(request, pk):
    return _rincian(request, get_object_or_404(Desa, kecamatan__kabupaten=request.kabupaten, pk=pk))


@staff_view(KECAMATAN, izin="kecamatan.pantau", model=Desa)
def rincian_kecamatan(request, pk):
    # Only the kecamatan's own villages: any other id is "not found", never a hint it exists.
    return _rincian(request, get_object_or_404(Desa, kecamatan=request.tenant.kecamatan, pk=pk))


def _sipande(request, kecamatan):
    bulan = selectors.bulan_terakhir(kabupaten=request.kabupaten)
    status, ambang = selectors.status_sipande(kabupaten=request.kabupaten, bulan=bulan, kecamatan=kecamatan)
    context = {"status": status, "ambang": ambang, "bulan": bulan, "satu_kecamatan": kecamatan is not None}
    return render(request, "pengawasan/sipande.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def sipande_kabupaten(request):
    return _sipande(request, None)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def sipande_kecamatan(request):
    return _sipande(request, request.tenant.kecamatan)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def sipande_atur(request, pk):
    kecamatan = get_object_or_404(Kecamatan, kabupaten=request.kabupaten, pk=pk)
    if request.method != "POST" or request.POST.get("punya") not in ("0", "1"):
        raise Http404
    punya = request.POST["punya"] == "1"
    services.atur_sipande(kecamatan=kecamatan, punya=punya, actor=request.user, request=request)
    messages.success(request, f"Kecamatan {kecamatan.nama} {'memakai' if punya else 'tidak lagi memakai'} Sipande.")
    return redirect("pengawasan:sipande")


sipande = per_host(kecamatan=sipande_kecamatan, kabupaten=sipande_kabupaten)
rincian = per_host(kecamatan=rincian_kecamatan, kabupaten=rincian_kabupaten)


# --- usulan layanan: villages propose, support; the kabupaten answers -------------------------
# Proposals are kabupaten-wide (every village reads them), so their URLs carry `nomor`, the
# proposal's public number, not a village object's `pk`.


@staff_view(DESA)
def usulan_desa(request):
    form = UsulanForm(request.POST or None)
    if request.method == "POST":
        if not request.user.punya_izin("usulan.ajukan"):
            raise PermissionDenied
        if form.is_valid():
            usulan, baru = services.ajukan_usulan(
                desa=request.desa, actor=request.user, request=request, **form.cleaned_data
            )
            if baru:
                messages.success(request, f"Usulan “{usulan.judul}” diajukan ke kabupaten.")
            else:
                messages.info(
                    request, f"Usulan serupa sudah ada: “{usulan.judul}”. Desa Anda dicatat sebagai pendukungnya."
                )
            return redirect("pengawasan:usulan_desa_detail", nomor=usulan.pk)
    context = {
        "form": form,
        "daftar": selectors.daftar_usulan(kabupaten=request.kabupaten, status=request.GET.get("status", "")),
        "didukung": selectors.didukung_oleh(desa=request.desa),
        "status": request.GET.get("status", ""),
        "status_choices": Usulan.Status.choices,
    }
    return render(request, "pengawasan/usulan_desa.html", context)


@staff_view(DESA)
def usulan_desa_detail(request, nomor):
    usulan = get_object_or_404(Usulan, kabupaten=request.kabupaten, pk=nomor)
    if request.method == "POST":
        if not request.user.punya_izin("usulan.ajukan"):
            raise PermissionDenied
        services.dukung_usulan(usulan=usulan, desa=request.desa, actor=request.user, request=request)
        messages.success(request, "Dukungan desa Anda dicatat.")
        return redirect("pengawasan:usulan_desa_detail", nomor=usulan.pk)
    context = {"usulan": usulan, "didukung": usulan.pk in selectors.didukung_oleh(desa=request.desa)}
    return render(request, "pengawasan/usulan_detail.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def usulan_kabupaten(request):
    context = {
        "daftar": selectors.daftar_usulan(kabupaten=request.kabupaten, status=request.GET.get("status", "")),
        "status": request.GET.get("status", ""),
        "status_choices": Usulan.Status.choices,
    }
    return render(request, "pengawasan/usulan_kabupaten.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def usulan_jawab(request, nomor):
    usulan = get_object_or_404(Usulan, kabupaten=request.kabupaten, pk=nomor)
    form = JawabUsulanForm(request.POST or None, instance=usulan)
    if request.method == "POST" and form.is_valid():
        try:
            services.jawab_usulan(usulan=usulan, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Jawaban untuk “{usulan.judul}” disimpan; semua desa dapat membacanya.")
            return redirect("pengawasan:usulan")
    pendukung = usulan.dukungan.select_related("pendukung__kecamatan").order_by("waktu")
    return render(request, "pengawasan/usulan_jawab.html", {"usulan": usulan, "form": form, "pendukung": pendukung})


# --- siaran ---------------------------------------------------------------------------------------


def _siaran(request, dari_kecamatan):
    form = SiaranForm(request.POST or None, kabupaten=request.kabupaten, dari_kecamatan=dari_kecamatan)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            untuk = data.pop("untuk_kecamatan", None)
            services.kirim_siaran(
                kabupaten=request.kabupaten,
                dari_kecamatan=dari_kecamatan,
                untuk_kecamatan=untuk,
                actor=request.user,
                request=request,
                **data,
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Siaran tampil di kantor belakang desa sampai tanggal yang dipilih.")
            return redirect("pengawasan:siaran")
    daftar = selectors.siaran_terkirim(kabupaten=request.kabupaten, dari_kecamatan=dari_kecamatan)
    return render(request, "pengawasan/siaran.html", {"form": form, "daftar": daftar})


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def siaran_kabupaten(request):
    return _siaran(request, None)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def siaran_kecamatan(request):
    return _siaran(request, request.tenant.kecamatan)


# --- panduan (pembinaan) -----------------------------------------------------------------------


@staff_view(DESA)
def panduan_desa(request):
    daftar = selectors.panduan_untuk(kabupaten=request.kabupaten, user=request.user)
    context = {
        "daftar": daftar,
        "bisa_ubah": False,
        "url_baca": "pengawasan:panduan_desa_baca",
        # The village reads its own pembinaan checklist; its kecamatan and the kabupaten tick it.
        "periksa": pembinaan.daftar_periksa(desa=request.desa),
    }
    return render(request, "pengawasan/panduan_daftar.html", context)


@staff_view(DESA)
def panduan_desa_baca(request, nomor):
    panduan = get_object_or_404(selectors.panduan_untuk(kabupaten=request.kabupaten, user=request.user), pk=nomor)
    return render(request, "pengawasan/panduan_baca.html", {"panduan": panduan})


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def panduan_kecamatan(request):
    daftar = selectors.panduan_untuk(kabupaten=request.kabupaten, user=request.user)
    context = {"daftar": daftar, "bisa_ubah": False, "url_baca": "pengawasan:panduan_baca"}
    return render(request, "pengawasan/panduan_daftar.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def panduan_kabupaten(request):
    daftar = Panduan.objects.filter(kabupaten=request.kabupaten)
    context = {"daftar": daftar, "bisa_ubah": True, "url_baca": "pengawasan:panduan_baca"}
    return render(request, "pengawasan/panduan_daftar.html", context)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def panduan_kecamatan_baca(request, nomor):
    panduan = get_object_or_404(selectors.panduan_untuk(kabupaten=request.kabupaten, user=request.user), pk=nomor)
    return render(request, "pengawasan/panduan_baca.html", {"panduan": panduan})


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def panduan_kabupaten_baca(request, nomor):
    panduan = get_object_or_404(Panduan, kabupaten=request.kabupaten, pk=nomor)
    return render(request, "pengawasan/panduan_baca.html", {"panduan": panduan, "bisa_ubah": True})


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def panduan_ubah(request, nomor=None):
    panduan = (
        get_object_or_404(Panduan, kabupaten=request.kabupaten, pk=nomor)
        if nomor
        else Panduan(kabupaten=request.kabupaten)
    )
    form = PanduanForm(request.POST or None, instance=panduan)
    if request.method == "POST" and form.is_valid():
        services.simpan_panduan(panduan=form.save(commit=False), actor=request.user, request=request)
        messages.success(request, f"Panduan “{panduan.judul}” disimpan.")
        return redirect("pengawasan:panduan_baca", nomor=panduan.pk)
    return render(request, "pengawasan/panduan_ubah.html", {"form": form, "panduan": panduan})


siaran = per_host(kecamatan=siaran_kecamatan, kabupaten=siaran_kabupaten)
panduan = per_host(kecamatan=panduan_kecamatan, kabupaten=panduan_kabupaten)
panduan_baca = per_host(kecamatan=panduan_kecamatan_baca, kabupaten=panduan_kabupaten_baca)


# --- alerts and reminders ---------------------------------------------------------------------


def _peringatan(request, kecamatan):
    daftar = selectors.peringatan(kabupaten=request.kabupaten, kecamatan=kecamatan)
    return render(request, "pengawasan/peringatan.html", {"daftar": daftar, "form": PengingatForm()})


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def peringatan_kabupaten(request):
    return _peringatan(request, None)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def peringatan_kecamatan(request):
    return _peringatan(request, request.tenant.kecamatan)


def _ingatkan(request, desa, dari_kecamatan):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PengingatForm(request.POST)
    if form.is_valid():
        pengingat = services.ingatkan_desa(
            desa=desa,
            pesan=form.cleaned_data["pesan"],
            actor=request.user,
            dari_kecamatan=dari_kecamatan,
            request=request,
        )
        surel = f", surel ke {pengingat.email_terkirim} alamat" if pengingat.email_terkirim else ""
        messages.success(request, f"{desa} diingatkan: tampil di dasbor desa{surel}.")
    else:
        messages.error(request, "Tulis pesan pengingat untuk desa.")
    return redirect("pengawasan:peringatan")


@staff_view(KABUPATEN, izin="kabupaten.kelola", model=Desa)
def ingatkan_kabupaten(request, pk):
    return _ingatkan(request, get_object_or_404(Desa, kecamatan__kabupaten=request.kabupaten, pk=pk), False)


@staff_view(KECAMATAN, izin="kecamatan.pantau", model=Desa)
def ingatkan_kecamatan(request, pk):
    return _ingatkan(request, get_object_or_404(Desa, kecamatan=request.tenant.kecamatan, pk=pk), True)


peringatan = per_host(kecamatan=peringatan_kecamatan, kabupaten=peringatan_kabupaten)
ingatkan = per_host(kecamatan=ingatkan_kecamatan, kabupaten=ingatkan_kabupaten)


@never_cache
@login_required
def surel_peringatan(request):
    """The signed-in officer's own choice of the daily alert mail (a section of the account
    page, declared as an "akun" Widget)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not can_use_host(request.user, request.tenant):
        raise PermissionDenied("Akun Anda tidak terdaftar untuk situs ini.")
    step = pending_step(request)
    if step:
        return redirect(step)
    if not request.user.punya_izin("kabupaten.kelola", "kecamatan.pantau"):
        raise PermissionDenied("Peran Anda tidak menerima surel peringatan.")
    form = SurelPeringatanForm(request.POST)
    form.is_valid()  # a checkbox: absent means no
    surel = bool(form.cleaned_data.get("surel"))
    atur_surel(user=request.user, surel=surel, request=request)
    if surel:
        messages.success(request, "Surel peringatan harian akan dikirim bila ada peringatan baru.")
    else:
        messages.success(request, "Surel peringatan harian dihentikan untuk akun Anda.")
    return redirect("akun:ganti_sandi")


# --- pembinaan checklist -----------------------------------------------------------------------


def _pembinaan(request, kecamatan):
    pembinaan.pastikan_butir_awal(kabupaten=request.kabupaten)
    context = {
        "data": pembinaan.ringkasan(kabupaten=request.kabupaten, kecamatan=kecamatan),
        "kecamatan": kecamatan,
        "satu_kecamatan": request.tenant.kind == KECAMATAN,
        "kecamatan_list": Kecamatan.objects.filter(kabupaten=request.kabupaten)
        if request.tenant.kind == KABUPATEN
        else [],
    }
    return render(request, "pengawasan/pembinaan.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def pembinaan_kabupaten(request):
    return _pembinaan(request, _kecamatan_dipilih(request))


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def pembinaan_kecamatan(request):
    return _pembinaan(request, request.tenant.kecamatan)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def pembinaan_butir(request, nomor=None):
    """The kabupaten's checklist items: the list, and the form for a new one or one to edit."""
    pembinaan.pastikan_butir_awal(kabupaten=request.kabupaten)
    butir = (
        get_object_or_404(ButirPembinaan, kabupaten=request.kabupaten, pk=nomor)
        if nomor
        else ButirPembinaan(kabupaten=request.kabupaten)
    )
    form = ButirPembinaanForm(request.POST or None, instance=butir)
    if request.method == "POST" and form.is_valid():
        try:
            pembinaan.simpan_butir(butir=form.save(commit=False), actor=request.user, request=request)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, f"Butir “{butir.judul}” disimpan.")
            return redirect("pengawasan:pembinaan_butir")
    context = {"form": form, "butir": butir, "daftar": ButirPembinaan.objects.filter(kabupaten=request.kabupaten)}
    return render(request, "pengawasan/pembinaan_butir.html", context)


def _pembinaan_desa(request, desa):
    pembinaan.pastikan_butir_awal(kabupaten=request.kabupaten)
    if request.method == "POST":
        form = CapaianForm(request.POST, kabupaten=request.kabupaten)
        if form.is_valid():
            data = form.cleaned_data
            butir = data["butir"]
            try:
                if data["aksi"] == "selesai":
                    pembinaan.centang(
                        desa=desa,
                        butir=butir,
                        selesai_pada=data["selesai_pada"],
                        catatan=data["catatan"],
                        actor=request.user,
                        request=request,
                    )
                    messages.success(request, f"“{butir.judul}” ditandai selesai untuk {desa}.")
                else:
                    pembinaan.batalkan(desa=desa, butir=butir, actor=request.user, request=request)
                    messages.success(request, f"Tanda selesai “{butir.judul}” untuk {desa} dibatalkan.")
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
        else:
            messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
        return redirect("pengawasan:pembinaan_desa", pk=desa.pk)
    context = {"desa": desa, "periksa": pembinaan.daftar_periksa(desa=desa), "hari_ini": timezone.localdate()}
    return render(request, "pengawasan/pembinaan_desa.html", context)


@staff_view(KABUPATEN, izin="pembinaan.catat", model=Desa)
def pembinaan_desa_kabupaten(request, pk):
    return _pembinaan_desa(request, get_object_or_404(Desa, kecamatan__kabupaten=request.kabupaten, pk=pk))


@staff_view(KECAMATAN, izin="pembinaan.catat", model=Desa)
def pembinaan_desa_kecamatan(request, pk):
    # Only the kecamatan's own villages: any other id is "not found".
    return _pembinaan_desa(request, get_object_or_404(Desa, kecamatan=request.tenant.kecamatan, pk=pk))


pembinaan_ringkas = per_host(kecamatan=pembinaan_kecamatan, kabupaten=pembinaan_kabupaten)
pembinaan_desa = per_host(kecamatan=pembinaan_desa_kecamatan, kabupaten=pembinaan_desa_kabupaten)


# --- SPBE / KIP evidence -------------------------------------------------------------------------


def _bukti(request, kecamatan_sendiri):
    satu = kecamatan_sendiri is not None
    bulan_ini = timezone.localdate().replace(day=1)
    awal = {"dari": bulan_ini.replace(month=1), "sampai": bulan_ini}
    form = BuktiForm(request.GET or None, initial=awal, kabupaten=request.kabupaten, satu_kecamatan=satu)
    if not form.is_valid():
        return render(request, "pengawasan/bukti.html", {"form": form, "data": None})
    kecamatan = kecamatan_sendiri if satu else form.cleaned_data.get("kecamatan")
    data = selectors.bukti(
        kabupaten=request.kabupaten,
        dari=form.cleaned_data["dari"].replace(day=1),
        sampai=form.cleaned_data["sampai"].replace(day=1),
        kecamatan=kecamatan,
    )
    data["wilayah"] = f"Kecamatan {kecamatan.nama}" if kecamatan else str(request.kabupaten)
    format_ = request.GET.get("format", "")
    if format_ == "xlsx":
        return bukti_ekspor.xlsx(data)
    if format_ == "pdf":
        return bukti_ekspor.pdf(data, request=request)
    return render(request, "pengawasan/bukti.html", {"form": form, "data": data, "query": request.GET.urlencode()})


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def bukti_kabupaten(request):
    return _bukti(request, None)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def bukti_kecamatan(request):
    return _bukti(request, request.tenant.kecamatan)


bukti = per_host(kecamatan=bukti_kecamatan, kabupaten=bukti_kabupaten)
