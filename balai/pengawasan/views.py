import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from openpyxl import Workbook

from balai.akun.access import per_host, staff_view
from balai.core.registry import SCORE_PARTS
from balai.core.spreadsheet import xlsx_row
from balai.core.tenancy import KABUPATEN, KECAMATAN
from balai.wilayah.models import Desa, Kecamatan

from . import selectors, services
from .forms import PengaturanSkorForm

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
    return render(request, "pengawasan/pengaturan.html", {"form": form, "bagian": SCORE_PARTS})


def _rincian(request, desa):
    bulan = selectors.bulan_terakhir(kabupaten=request.kabupaten)
    context = {
        "desa": desa,
        "rincian": selectors.rincian(desa=desa, bulan=bulan) if bulan else None,
        "atur": services.pengaturan(request.kabupaten),
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
