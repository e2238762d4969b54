"""Pages of the judi-online guard: the village's security check and guide, the kabupaten's
scores of every village, review queues and the blocklist/allow-list editor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django_scopes import scopes_disabled

from balai.akun.access import staff_view
from balai.core.tenancy import DESA, KABUPATEN

from . import selectors, services
from .forms import BlokirForm, IzinForm, TandaiTemuanForm, TinjauForm
from .models import DomainBlokir, Izin, Penahanan, Temuan
from .panduan import PANDUAN, untuk_peran


@staff_view(DESA, izin="keamanan.lihat")
def desa(request):
    skor = selectors.skor_keamanan([request.desa])[0]
    boleh_kelola = request.user.punya_izin("desa.kelola")
    return render(
        request,
        "keamanan/desa.html",
        {"s": skor, "boleh_kelola": boleh_kelola, **selectors.konten_desa(request.desa)},
    )


def _panduan(request):
    peran = request.GET.get("peran", "")
    bagian = PANDUAN.get(peran) and [PANDUAN[peran]] or untuk_peran(request.user.peran)
    pilihan = {}
    for kode, p in PANDUAN.items():  # kepala desa and sekdes share one guide: link it once
        pilihan.setdefault(p, kode)
    semua = [(kode, p) for p, kode in pilihan.items()]
    return render(request, "keamanan/panduan.html", {"bagian": bagian, "semua": semua})


@staff_view(DESA, izin="keamanan.lihat")
def panduan_desa(request):
    return _panduan(request)


@staff_view(KABUPATEN, izin="keamanan.tinjau")
def panduan_kabupaten(request):
    return _panduan(request)


@staff_view(KABUPATEN, izin="keamanan.tinjau")
def kabupaten(request):
    kab = request.kabupaten
    skor = selectors.skor_kabupaten(kab)
    return render(
        request,
        "keamanan/kabupaten.html",
        {
            "skor": skor,
            "r": selectors.ringkasan(kabupaten=kab),
            "rata": round(sum(s.skor for s in skor) / len(skor)) if skor else 0,
        },
    )


@staff_view(KABUPATEN, izin="keamanan.tinjau")
def ditahan_list(request):
    status = request.GET.get("status") or Penahanan.Status.DITAHAN
    status = status if status in Penahanan.Status.values else Penahanan.Status.DITAHAN
    items = selectors.antrean_ditahan(kabupaten=request.kabupaten, status=status)
    return render(
        request, "keamanan/ditahan_list.html", {"items": items, "status": status, "statuses": Penahanan.Status.choices}
    )


@staff_view(KABUPATEN, izin="keamanan.tinjau", model=Penahanan)
def ditahan_detail(request, pk):
    with scopes_disabled():
        hold = get_object_or_404(
            Penahanan.objects.select_related("desa__kecamatan", "penulis"),
            pk=pk,
            desa__kecamatan__kabupaten=request.kabupaten,
        )
        kunci = ", ".join(dict.fromkeys(t.get("kunci") for t in hold.temuan if t.get("kunci")))
        form = TinjauForm(request.POST or None, initial={"kunci": kunci})
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["tindakan"] == "lepas":
                    services.lepaskan(
                        penahanan=hold, actor=request.user, request=request, catatan=form.cleaned_data["catatan"]
                    )
                    messages.success(request, f"“{hold.judul}” dilepas dan diterbitkan.")
                else:
                    nilai = [v.strip() for v in form.cleaned_data["kunci"].split(",") if v.strip()]
                    services.tandai_positif_palsu(
                        penahanan=hold,
                        actor=request.user,
                        kunci=nilai,
                        seluruh_kabupaten=form.cleaned_data["seluruh_kabupaten"],
                        request=request,
                    )
                    messages.success(request, f"“{hold.judul}” dilepas; {', '.join(nilai)} masuk daftar izin.")
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("keamanan:ditahan_list")
    return render(request, "keamanan/ditahan_detail.html", {"h": hold, "form": form})


@staff_view(KABUPATEN, izin="keamanan.tinjau")
def temuan_list(request):
    status = request.GET.get("status") or Temuan.Status.TERBUKA
    status = status if status in Temuan.Status.values else Temuan.Status.TERBUKA
    items = selectors.antrean_temuan(kabupaten=request.kabupaten, status=status)
    return render(
        request,
        "keamanan/temuan_list.html",
        {
            "items": items,
            "status": status,
            "statuses": Temuan.Status.choices,
            "form": TandaiTemuanForm(),
            "p": selectors.pemindaian_terakhir(request.kabupaten),
        },
    )


@staff_view(KABUPATEN, izin="keamanan.tinjau", model=Temuan)
def temuan_tandai(request, pk):
    with scopes_disabled():
        temuan = get_object_or_404(Temuan, pk=pk, desa__kecamatan__kabupaten=request.kabupaten)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        form = TandaiTemuanForm(request.POST)
        if form.is_valid():
            services.tandai_temuan(temuan=temuan, actor=request.user, request=request, **form.cleaned_data)
            messages.success(request, f"Temuan di {temuan.desa.nama} ditandai {temuan.get_status_display().lower()}.")
        else:
            messages.error(request, "Pilih status temuan.")
    return redirect("keamanan:temuan_list")


@staff_view(KABUPATEN, izin="keamanan.tinjau")
def daftar(request):
    kab = request.kabupaten
    blokir_form = BlokirForm(request.POST if "blokir-domain" in request.POST else None, prefix="blokir")
    izin_form = IzinForm(request.POST if "izin-nilai" in request.POST else None, kabupaten=kab, prefix="izin")
    if request.method == "POST":
        try:
            if blokir_form.is_bound and blokir_form.is_valid():
                entry = services.tambah_blokir(
                    kabupaten=kab, actor=request.user, request=request, **blokir_form.cleaned_data
                )
                messages.success(request, f"{entry.domain} masuk daftar blokir.")
                return redirect("keamanan:daftar")
            if izin_form.is_bound and izin_form.is_valid():
                entry = services.tambah_izin(
                    kabupaten=kab, actor=request.user, request=request, **izin_form.cleaned_data
                )
                messages.success(request, f"“{entry.nilai}” masuk daftar izin.")
                return redirect("keamanan:daftar")
        except ValidationError as exc:
            (blokir_form if blokir_form.is_bound else izin_form).add_error(None, exc)
    return render(
        request,
        "keamanan/daftar.html",
        {
            "blokir_form": blokir_form,
            "izin_form": izin_form,
            "blokir": selectors.daftar_blokir(kab),
            "izin": selectors.daftar_izin(kab),
        },
    )


@staff_view(KABUPATEN, izin="keamanan.tinjau")
def blokir_hapus(request, pk):
    entry = get_object_or_404(DomainBlokir, pk=pk, kabupaten=request.kabupaten)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.hapus_blokir(entry=entry, actor=request.user, request=request)
    messages.success(request, f"{entry.domain} dihapus dari daftar blokir.")
    return redirect("keamanan:daftar")


@staff_view(KABUPATEN, izin="keamanan.tinjau", model=Izin)
def izin_hapus(request, pk):
    with scopes_disabled():
        entry = get_object_or_404(Izin, pk=pk, kabupaten=request.kabupaten)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        services.hapus_izin(entry=entry, actor=request.user, request=request)
    messages.success(request, f"“{entry.nilai}” dihapus dari daftar izin.")
    return redirect("keamanan:daftar")
