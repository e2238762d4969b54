"""The PPID back office under /admin-desa/ppid/: the request queue, answers and extensions, the
written answer as PDF, objections, the DIP editor, registers, the annual report and the
completeness checklist."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from balai.akun.access import staff_view
from balai.core.halaman import halaman_dari
from balai.core.tenancy import DESA

from . import ekspor, pdf, selectors, services
from .forms import InformasiForm, JawabForm, PermohonanForm, PerpanjangForm, TanggapanForm
from .models import InformasiPublik, Keberatan, Permohonan

KELOLA = "ppid.kelola"
LIHAT = ("ppid.kelola", "ppid.atasan")
PER_HALAMAN = 25


def _tahun(request):
    nilai = request.GET.get("tahun", "")
    return int(nilai) if nilai.isdigit() and 2000 <= int(nilai) <= 2100 else None


def _galat_ke_form(form, exc):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


GAGAL = object()


def _simpan(form, simpan):
    """A posted form and the one service that takes it: `simpan(cleaned_data)` when the form is
    valid. Returns what the service returned, or GAGAL when the form was invalid or the service
    refused it (its ValidationError is then on the form, on the field it names)."""
    if not form.is_valid():
        return GAGAL
    try:
        return simpan(form.cleaned_data)
    except ValidationError as exc:
        _galat_ke_form(form, exc)
        return GAGAL


def _tampil_ulang(halaman, request, pk, **forms):
    """The detail page a form was posted from, again, with the form and its errors (400)."""
    response = halaman.__wrapped__(request, pk, **forms)
    response.status_code = 400
    return response


# --- requests ------------------------------------------------------------------------------------


@staff_view(DESA, izin=LIHAT)
def kantor(request):
    saring = request.GET.get("saring", "terbuka")
    if saring not in ("terbuka", "selesai", "semua"):
        saring = "terbuka"
    qs = selectors.permohonan_list(desa=request.desa, saring=saring, tahun=_tahun(request))
    page = halaman_dari(qs, PER_HALAMAN, request.GET.get("halaman"))
    selectors.tandai(page.object_list)
    context = {"page": page, "saring": saring, "hitung": selectors.hitung_desa(desa=request.desa)}
    return render(request, "ppid/kantor/antrean.html", context)


@staff_view(DESA, izin=KELOLA)
def permohonan_baru(request):
    """A request brought to the office in person or by letter, recorded by the PPID."""
    form = PermohonanForm(request.POST or None, request.FILES or None, wajib_identitas=False)
    if request.method == "POST":
        item = _simpan(
            form,
            lambda data: services.ajukan_permohonan(
                desa=request.desa,
                data=form.data_pemohon(),
                berkas_identitas=data.get("berkas_identitas"),
                daring=False,
                actor=request.user,
                request=request,
            ),
        )
        if item is not GAGAL:
            messages.success(request, f"Permohonan {item.nomor} dicatat; tenggat jawaban {item.tenggat:%d-%m-%Y}.")
            return redirect("ppid:kantor_permohonan", pk=item.pk)
    return render(request, "ppid/kantor/permohonan_baru.html", {"form": form})


def _permohonan(request, pk):
    return get_object_or_404(Permohonan.objects.filter(desa=request.desa), pk=pk)


@staff_view(DESA, izin=LIHAT, model=Permohonan)
def permohonan_detail(request, pk, jawab_form=None, perpanjang_form=None):
    item = selectors.tandai([_permohonan(request, pk)])[0]
    context = {
        "item": item,
        "keberatan": item.keberatan.first(),
        "jawab_form": jawab_form or JawabForm(),
        "perpanjang_form": perpanjang_form or PerpanjangForm(),
    }
    return render(request, "ppid/kantor/permohonan.html", context)


@staff_view(DESA, izin=KELOLA, model=Permohonan)
def permohonan_jawab(request, pk):
    item = _permohonan(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = JawabForm(request.POST)
    hasil = _simpan(
        form,
        lambda data: services.jawab_permohonan(
            desa=request.desa,
            actor=request.user,
            permohonan=item,
            jawaban=data["jawaban"],
            uraian=data["uraian_jawaban"],
            dasar_pengecualian=data["dasar_pengecualian"],
            uji_konsekuensi=data["uji_konsekuensi"],
            penguasa_lain=data["penguasa_lain"],
            biaya=data["biaya"] or 0,
            request=request,
        ),
    )
    if hasil is GAGAL:
        return _tampil_ulang(permohonan_detail, request, pk, jawab_form=form)
    messages.success(request, f"Permohonan {item.nomor} dijawab. Cetak surat pemberitahuan tertulisnya.")
    return redirect("ppid:kantor_permohonan", pk=item.pk)


@staff_view(DESA, izin=KELOLA, model=Permohonan)
def permohonan_perpanjang(request, pk):
    item = _permohonan(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PerpanjangForm(request.POST)
    item = _simpan(
        form,
        lambda data: services.perpanjang_permohonan(
            desa=request.desa, actor=request.user, permohonan=item, alasan=data["alasan"], request=request
        ),
    )
    if item is GAGAL:
        return _tampil_ulang(permohonan_detail, request, pk, perpanjang_form=form)
    messages.success(request, f"Tenggat {item.nomor} diperpanjang sampai {item.tenggat:%d-%m-%Y}.")
    return redirect("ppid:kantor_permohonan", pk=item.pk)


@staff_view(DESA, izin=KELOLA, model=Permohonan)
def permohonan_spt(request, pk):
    """The Surat Pemberitahuan Tertulis of an answered request, as PDF."""
    item = _permohonan(request, pk)
    if not item.jawaban:
        raise Http404("Permohonan belum dijawab.")
    services.catat_akses(desa=request.desa, actor=request.user, obj=item, action="ppid.spt_dicetak", request=request)
    return pdf.response(
        "ppid/pdf/spt.html",
        {"item": item, "desa": request.desa, "kecamatan": request.desa.kecamatan},
        f"spt-{item.nomor.replace('/', '-')}.pdf",
    )


@staff_view(DESA, izin=KELOLA, model=Permohonan)
def permohonan_identitas(request, pk):
    """The requester's ID scan, from the private storage, to the PPID only; every opening is
    recorded."""
    item = _permohonan(request, pk)
    if not item.berkas_identitas:
        raise Http404
    try:
        berkas = item.berkas_identitas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    services.catat_akses(
        desa=request.desa, actor=request.user, obj=item, action="ppid.identitas_dilihat", request=request
    )
    pdf_file = item.berkas_identitas.name.endswith(".pdf")
    response = FileResponse(
        berkas,
        as_attachment=pdf_file,
        filename=f"identitas-{item.nomor.replace('/', '-')}.{'pdf' if pdf_file else 'jpg'}",
        content_type="application/pdf" if pdf_file else "image/jpeg",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


# --- objections ----------------------------------------------------------------------------------


@staff_view(DESA, izin=LIHAT)
def keberatan_daftar(request):
    qs = selectors.keberatan_list(desa=request.desa, tahun=_tahun(request))
    page = halaman_dari(qs, PER_HALAMAN, request.GET.get("halaman"))
    selectors.tandai(page.object_list)
    return render(request, "ppid/kantor/keberatan_daftar.html", {"page": page})


def _keberatan(request, pk):
    return get_object_or_404(Keberatan.objects.filter(desa=request.desa).select_related("permohonan"), pk=pk)


@staff_view(DESA, izin=LIHAT, model=Keberatan)
def keberatan_detail(request, pk, form=None):
    item = selectors.tandai([_keberatan(request, pk)])[0]
    return render(request, "ppid/kantor/keberatan.html", {"item": item, "form": form or TanggapanForm()})


@staff_view(DESA, izin=LIHAT, model=Keberatan)
def keberatan_tanggapi(request, pk):
    """Only the atasan PPID decides; the object is looked up first, so another village's
    objection is a 404 for everyone."""
    item = _keberatan(request, pk)
    if not request.user.punya_izin("ppid.atasan"):
        raise PermissionDenied("Keberatan diputus oleh atasan PPID (kepala desa).")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = TanggapanForm(request.POST)
    hasil = _simpan(
        form,
        lambda data: services.tanggapi_keberatan(
            desa=request.desa,
            actor=request.user,
            keberatan=item,
            putusan=data["putusan"],
            tanggapan=data["tanggapan"],
            request=request,
        ),
    )
    if hasil is GAGAL:
        return _tampil_ulang(keberatan_detail, request, pk, form=form)
    messages.success(request, f"Keberatan {item.nomor} ditanggapi.")
    return redirect("ppid:kantor_keberatan", pk=item.pk)


# --- the DIP editor --------------------------------------------------------------------------------


@staff_view(DESA, izin=KELOLA)
def informasi_daftar(request):
    qs = InformasiPublik.objects.filter(desa=request.desa).order_by("kategori", "-tanggal", "-pk")
    page = halaman_dari(qs, PER_HALAMAN, request.GET.get("halaman"))
    return render(request, "ppid/kantor/informasi_daftar.html", {"page": page})


@staff_view(DESA, izin=KELOLA, model=InformasiPublik)
def informasi_ubah(request, pk=None):
    if pk is None:
        instance = InformasiPublik(desa=request.desa)
    else:
        instance = get_object_or_404(InformasiPublik.objects.filter(desa=request.desa), pk=pk)
    form = InformasiForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST":
        obj = _simpan(
            form,
            lambda data: services.simpan_informasi(
                desa=request.desa,
                actor=request.user,
                informasi=form.instance,
                berkas=data.get("berkas_baru"),
                hapus_berkas=data.get("hapus_berkas", False),
                request=request,
            ),
        )
        if obj is not GAGAL:
            messages.success(request, f"Informasi “{obj}” disimpan.")
            return redirect("ppid:kantor_informasi")
    return render(request, "ppid/kantor/informasi_form.html", {"form": form, "instance": instance})


@staff_view(DESA, izin=KELOLA)
def informasi_tambah(request):
    return informasi_ubah.__wrapped__(request)


@staff_view(DESA, izin=KELOLA, model=InformasiPublik)
def informasi_hapus(request, pk):
    instance = get_object_or_404(InformasiPublik.objects.filter(desa=request.desa), pk=pk)
    if request.method == "POST":
        services.hapus_informasi(desa=request.desa, actor=request.user, informasi=instance, request=request)
        messages.success(request, f"Informasi “{instance}” dihapus.")
        return redirect("ppid:kantor_informasi")
    return render(request, "ppid/kantor/informasi_hapus.html", {"instance": instance})


# --- registers, the annual report and the checklist ---------------------------------------------------


def _register(request, jenis):
    tahun = _tahun(request)
    rows = ekspor.register(jenis, desa=request.desa, tahun=tahun)
    fmt = request.GET.get("format") or request.POST.get("format")
    if fmt in ("xlsx", "pdf"):
        services.catat_akses(
            desa=request.desa,
            actor=request.user,
            obj=None,
            action="ppid.register_diunduh",
            request=request,
            label=f"{rows.judul} ({fmt})",
        )
        if fmt == "xlsx":
            return ekspor.xlsx_response(rows, f"register-{jenis}-{request.desa.slug}.xlsx")
        context = {"register": rows, "desa": request.desa}
        return pdf.response("ppid/pdf/register.html", context, f"register-{jenis}-{request.desa.slug}.pdf")
    context = {
        "register": rows,
        "jenis": jenis,
        "tahun": tahun,
        "pilihan_tahun": selectors.tahun_tersedia(desa=request.desa),
    }
    return render(request, "ppid/kantor/register.html", context)


@staff_view(DESA, izin=LIHAT)
def register_permohonan(request):
    return _register(request, "permohonan")


@staff_view(DESA, izin=LIHAT)
def register_keberatan(request):
    return _register(request, "keberatan")


@staff_view(DESA, izin=LIHAT)
def register_informasi(request):
    return _register(request, "informasi")


@staff_view(DESA, izin=LIHAT)
def laporan(request):
    tahun = _tahun(request) or timezone.localdate().year
    data = selectors.laporan_tahunan(desa=request.desa, tahun=tahun)
    context = {"laporan": data, "desa": request.desa, "pilihan_tahun": selectors.tahun_tersedia(desa=request.desa)}
    if request.GET.get("format") == "pdf":
        return pdf.response("ppid/pdf/laporan.html", context, f"laporan-layanan-informasi-{tahun}.pdf")
    return render(request, "ppid/kantor/laporan.html", context)


@staff_view(DESA, izin=LIHAT)
def kelengkapan(request):
    return render(request, "ppid/kantor/kelengkapan.html", {"kelengkapan": selectors.kelengkapan(request.desa)})
