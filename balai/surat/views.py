"""Back office of letters (/admin-desa/surat/), the kecamatan's countersignature queue
(/dasbor/surat/ on kec-<slug> hosts) and the public verification page (/surat/verifikasi/)."""

import re
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache

from balai.akun.access import staff_view
from balai.core.halaman import halaman_dari
from balai.core.tenancy import DESA, KECAMATAN
from balai.penduduk import privasi
from balai.penduduk.models import Penduduk
from balai.penduduk.selectors import cari_calon_anggota

from . import ekspor, isi, katalog, nomor, pembatas, selectors, services, templat
from .forms import (
    AlasanForm,
    CamatForm,
    DisposisiForm,
    IsianSuratForm,
    KontakForm,
    PengaturanForm,
    PesanForm,
    SuratMasukForm,
    TemplatForm,
    TindakLanjutForm,
    VerifikasiForm,
)
from .models import LampiranSurat, Surat, SuratMasuk

LIHAT = ("surat.proses", "surat.tandatangan")
PER_HALAMAN = 30


def _error_ke_form(form, exc):
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _surat(request, pk):
    return get_object_or_404(Surat.objects.select_related("penduduk", "penanda_tangan"), pk=pk, desa=request.desa)


# Queue -------------------------------------------------------------------------------------


@staff_view(DESA, izin=LIHAT)
def daftar(request):
    status = request.GET.get("status") or ""
    if status not in Surat.Status.values:
        status = ""
    jenis = request.GET.get("jenis") or ""
    if jenis not in katalog.JENIS:
        jenis = ""
    page = halaman_dari(
        selectors.antrean(desa=request.desa, status=status, jenis=jenis), PER_HALAMAN, request.GET.get("hal")
    )
    hitung = selectors.hitung_status(desa=request.desa)
    kartu = [(s, label, *hitung.get(s, (0, None))) for s, label in Surat.Status.choices]
    return render(
        request,
        "surat/daftar.html",
        {
            "page": page,
            "kartu": kartu,
            "status": status,
            "jenis": jenis,
            "pilihan_jenis": katalog.PILIHAN_JENIS,
            "menunggu": selectors.menunggu_saya(request.user, request.desa),
        },
    )


# New letter --------------------------------------------------------------------------------


@staff_view(DESA, izin="surat.proses")
def cari_penduduk(request):
    """htmx: residents by name or NIK (POSTed, so a NIK never lands in a URL or a log)."""
    hasil = cari_calon_anggota(desa=request.desa, q=request.POST.get("q", ""), user=request.user, batas=10)
    for p in hasil:
        p.nik_tampil = privasi.tampil_nomor(p.nik, request.user)
    return render(
        request, "surat/partials/cari_penduduk.html", {"hasil": hasil, "jenis": request.POST.get("jenis", "")}
    )


@staff_view(DESA, izin="surat.proses")
def baru(request):
    kode = request.GET.get("jenis") or request.POST.get("jenis") or ""
    spec = katalog.JENIS.get(kode)
    pid = request.GET.get("penduduk") or request.POST.get("penduduk") or ""
    penduduk = None
    if pid.isdigit():
        penduduk = Penduduk.objects.filter(desa=request.desa, pk=int(pid)).first()
    if spec is None or penduduk is None:
        return render(request, "surat/baru.html", {"daftar_jenis": katalog.DAFTAR, "spec": spec, "penduduk": penduduk})
    if request.method == "POST":
        form = IsianSuratForm(spec, request.POST, request.FILES, lampiran_wajib=False)
        kontak = KontakForm(request.POST)
        if form.is_valid() and kontak.is_valid():
            try:
                surat = services.ajukan_permohonan(
                    desa=request.desa, jenis=spec, penduduk=penduduk, pemohon=None, isian=form.isian(),
                    lampiran=form.lampiran(), kanal=Surat.Kanal.KANTOR, actor=request.user,
                    telepon=kontak.cleaned_data["telepon"], email=kontak.cleaned_data["email"], request=request,
                )  # fmt: skip
            except ValidationError as e:
                _error_ke_form(form, e)
            else:
                messages.success(request, "Surat dibuat; periksa lalu verifikasi.")
                return redirect("surat:detail", surat.pk)
    else:
        form, kontak = IsianSuratForm(spec, lampiran_wajib=False), KontakForm()
    return render(
        request,
        "surat/baru.html",
        {
            "spec": spec,
            "penduduk": penduduk,
            "form": form,
            "kontak": kontak,
            "nik": privasi.tampil_nomor(penduduk.nik, request.user),
        },
    )


# Detail and actions ------------------------------------------------------------------------


def nomor_wa(telepon: str) -> str:
    """'0812-3456 789' -> '628123456789' (wa.me wants the number with country code, digits only)."""
    digits = re.sub(r"\D", "", telepon or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return digits if 10 <= len(digits) <= 15 else ""


def tautan_wa(surat) -> str:
    nomor_hp = nomor_wa(surat.telepon)
    if not nomor_hp:
        return ""
    teks = f"Yth. {surat.penduduk.nama}, dari Kantor {surat.desa}: {services.pesan_status(surat)}"
    return f"https://wa.me/{nomor_hp}?text={quote(teks)}"


@staff_view(DESA, izin=LIHAT, model=Surat)
def detail(request, pk):
    surat = _surat(request, pk)
    return render(
        request,
        "surat/detail.html",
        {
            "surat": surat,
            "nik": privasi.tampil_nomor(surat.penduduk.nik, request.user),
            "lembar": isi.dokumen_html(
                surat, nomor.pengaturan(request.desa), qr=bool(surat.nomor_lengkap), bagian="lembar"
            ),
            "lampiran": list(surat.lampiran.all()),
            "pesan": selectors.pesan(surat),
            "verifikasi_form": VerifikasiForm(desa=request.desa, initial=_penanda_tangan_awal(surat)),
            "alasan_form": AlasanForm(),
            "pesan_form": PesanForm(),
            "boleh_tandatangani": services.boleh_tandatangani(surat, request.user),
            "wa": tautan_wa(surat),
            "pengganti": surat.pengganti.first(),
            "url_verifikasi": isi.alamat_verifikasi(surat) if surat.nomor_lengkap else "",
        },
    )


def _penanda_tangan_awal(surat):
    from balai.website.models import Perangkat

    if surat.penanda_tangan_id:
        return {"penanda_tangan": surat.penanda_tangan_id, "atas_nama": surat.atas_nama}
    kata = "sekretaris" if surat.spec.penanda_tangan == katalog.SEKDES else "kepala"
    found = Perangkat.objects.filter(desa=surat.desa, aktif=True, jabatan__icontains=kata).order_by("urutan").first()
    return {"penanda_tangan": found.pk if found else None, "atas_nama": "a.n." if kata == "sekretaris" else ""}


def _aksi(request, pk, fn):
    """Run a workflow step from a POST and go back to the letter, with the outcome as a message."""
    surat = _surat(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        pesan = fn(surat)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, pesan)
    return redirect("surat:detail", surat.pk)


@staff_view(DESA, izin="surat.proses", model=Surat)
def verifikasi(request, pk):
    def run(surat):
        form = VerifikasiForm(request.POST, desa=request.desa)
        if not form.is_valid():
            raise ValidationError("Pilih penanda tangan.")
        services.verifikasi_surat(
            surat=surat, actor=request.user, penanda_tangan=form.cleaned_data["penanda_tangan"],
            atas_nama=form.cleaned_data["atas_nama"] or "", request=request,
        )  # fmt: skip
        return "Surat diverifikasi dan menunggu tanda tangan."

    return _aksi(request, pk, run)


# Any letter staff may reach the URL (another village's letter answers 404 to all of them);
# the service lets only the official the letter names sign, holding surat.tandatangan.
@staff_view(DESA, izin=LIHAT, model=Surat)
def tandatangani(request, pk):
    def run(surat):
        hasil = services.tandatangani_surat(surat=surat, actor=request.user, request=request)
        if hasil.status == Surat.Status.MENUNGGU_CAMAT:
            return f"Surat {hasil.nomor_lengkap} ditandatangani dan dikirim ke camat."
        return f"Surat {hasil.nomor_lengkap} ditandatangani dan terbit."

    return _aksi(request, pk, run)


@staff_view(DESA, izin=LIHAT, model=Surat)
def tolak(request, pk):
    def run(surat):
        form = AlasanForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Tuliskan alasan penolakan.")
        if not (request.user.punya_izin("surat.proses") or services.boleh_tandatangani(surat, request.user)):
            raise PermissionDenied
        services.tolak_surat(surat=surat, actor=request.user, alasan=form.cleaned_data["alasan"], request=request)
        return "Surat ditolak."

    return _aksi(request, pk, run)


@staff_view(DESA, izin="surat.proses", model=Surat)
def selesai(request, pk):
    def run(surat):
        services.selesaikan_surat(surat=surat, actor=request.user, request=request)
        return "Surat ditandai sudah diambil."

    return _aksi(request, pk, run)


@staff_view(DESA, izin="surat.proses", model=Surat)
def batal(request, pk):
    def run(surat):
        form = AlasanForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Tuliskan alasan pembatalan.")
        services.batalkan_surat(surat=surat, actor=request.user, alasan=form.cleaned_data["alasan"], request=request)
        return "Surat dibatalkan; nomornya tetap tercatat."

    return _aksi(request, pk, run)


@staff_view(DESA, izin="surat.proses", model=Surat)
def koreksi(request, pk):
    surat = _surat(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        baru_ = services.koreksi_surat(surat=surat, actor=request.user, request=request)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("surat:detail", surat.pk)
    messages.success(request, "Surat koreksi dibuat; surat lama diganti setelah koreksi ditandatangani.")
    return redirect("surat:ubah", baru_.pk)


@staff_view(DESA, izin=LIHAT, model=Surat)
def pesan(request, pk):
    def run(surat):
        form = PesanForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Pesan kosong.")
        nama = request.user.get_full_name() or request.user.username
        services.kirim_pesan(
            surat=surat, teks=form.cleaned_data["teks"], dari_warga=False, pengirim=f"Kantor desa ({nama})",
            actor=request.user, request=request,
        )  # fmt: skip
        return "Pesan terkirim."

    return _aksi(request, pk, run)


@staff_view(DESA, izin="surat.proses", model=Surat)
def ubah(request, pk):
    surat = _surat(request, pk)
    if surat.status not in (Surat.Status.PERMOHONAN, Surat.Status.DIVERIFIKASI):
        messages.error(request, "Surat yang sudah ditandatangani tidak dapat diubah; buat surat koreksi.")
        return redirect("surat:detail", surat.pk)
    spec = surat.spec
    if request.method == "POST":
        form = IsianSuratForm(spec, request.POST, lampiran_wajib=False)
        kontak = KontakForm(request.POST)
        for key in form.nama_lampiran:
            del form.fields[key]
        if form.is_valid() and kontak.is_valid():
            try:
                services.ubah_isian(
                    surat=surat, actor=request.user, isian=form.isian(), telepon=kontak.cleaned_data["telepon"],
                    email=kontak.cleaned_data["email"], request=request,
                )  # fmt: skip
            except ValidationError as e:
                _error_ke_form(form, e)
            else:
                messages.success(request, "Isian surat disimpan.")
                return redirect("surat:detail", surat.pk)
    else:
        form = IsianSuratForm(spec, lampiran_wajib=False, initial=surat.isian)
        for key in form.nama_lampiran:
            del form.fields[key]
        kontak = KontakForm(initial={"telepon": surat.telepon, "email": surat.email})
    return render(request, "surat/ubah.html", {"surat": surat, "form": form, "kontak": kontak})


# Files -------------------------------------------------------------------------------------


def _pdf_response(surat, berkas):
    nama = re.sub(r"[^A-Za-z0-9_-]+", "-", surat.nomor_lengkap or str(surat.pk)).strip("-")
    return FileResponse(
        berkas.open("rb"), content_type="application/pdf", as_attachment=True, filename=f"surat-{nama}.pdf"
    )


@staff_view(DESA, izin=LIHAT, model=Surat)
def unduh_pdf(request, pk):
    surat = _surat(request, pk)
    berkas = selectors.berkas_pdf(surat)
    if berkas is None:
        raise Http404
    return _pdf_response(surat, berkas)


@staff_view(DESA, izin=LIHAT, model=Surat)
def cetak(request, pk):
    """The letter as a page to print on paper for a wet signature and stamp (no QR code:
    a printed copy is verified by its stamp, not by the electronic record)."""
    surat = _surat(request, pk)
    html = isi.dokumen_html(surat, nomor.pengaturan(request.desa), qr=bool(surat.nomor_lengkap), bagian="cetak")
    return HttpResponse(html)


@staff_view(DESA, izin=LIHAT, model=LampiranSurat)
def unduh_lampiran(request, pk):
    item = get_object_or_404(LampiranSurat, pk=pk, desa=request.desa)
    return FileResponse(
        item.berkas.open("rb"), content_type=item.content_type, as_attachment=True,
        filename=f"lampiran-{item.pk}.{item.jenis_berkas}",
    )  # fmt: skip


# Templates and settings --------------------------------------------------------------------


@staff_view(DESA, izin="desa.kelola")
def templat_daftar(request):
    ada = {t.jenis: t for t in selectors_templat_semua(request.desa)}
    baris = [(j, ada.get(j.kode)) for j in katalog.DAFTAR]
    return render(request, "surat/templat_daftar.html", {"baris": baris, "pengaturan": nomor.pengaturan(request.desa)})


def selectors_templat_semua(desa):
    from .models import TemplatSurat

    return TemplatSurat.objects.filter(desa=desa)


@staff_view(DESA, izin="desa.kelola")
def templat_ubah(request, jenis):
    spec = katalog.JENIS.get(jenis)
    if spec is None:
        raise Http404
    obj = isi.templat_untuk(request.desa, jenis)
    if request.method == "POST":
        form = TemplatForm(request.POST, spec=spec)
        if form.is_valid():
            d = form.cleaned_data
            services.simpan_templat(
                desa=request.desa, actor=request.user, jenis=jenis, isi=d["isi"], klasifikasi=d["klasifikasi"],
                untuk_warga=d["untuk_warga"], aktif=d["aktif"], request=request,
            )  # fmt: skip
            messages.success(request, "Templat disimpan.")
            return redirect("surat:templat_daftar")
    else:
        form = TemplatForm(
            spec=spec,
            initial={
                "isi": obj.isi,
                "klasifikasi": obj.klasifikasi,
                "untuk_warga": obj.untuk_warga,
                "aktif": obj.aktif,
            },
        )
    return render(
        request, "surat/templat_ubah.html", {"spec": spec, "form": form, "isian": templat.daftar_isian(spec).items()}
    )


@staff_view(DESA, izin="desa.kelola")
def templat_pratinjau(request, jenis):
    """htmx: the letter as it would print with the edited text, for a sample resident (the
    first in the register) or the reason the text is refused."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    spec = katalog.JENIS.get(jenis)
    if spec is None:
        raise Http404
    teks = request.POST.get("isi", "")
    try:
        templat.periksa(teks, spec)
    except ValidationError as e:
        return render(request, "surat/partials/pratinjau.html", {"galat": e.messages})
    contoh = Penduduk.objects.filter(desa=request.desa).select_related("rt", "rw", "dusun", "keluarga").first()
    if contoh is None:
        return render(request, "surat/partials/pratinjau.html", {"galat": ["Belum ada penduduk untuk contoh."]})
    surat = Surat(desa=request.desa, jenis=jenis, penduduk=contoh, isian=_contoh_isian(spec))
    html = isi.dokumen_html(surat, nomor.pengaturan(request.desa), teks=teks, qr=False, bagian="lembar")
    return render(request, "surat/partials/pratinjau.html", {"html": html})


def _contoh_isian(spec):
    contoh = {katalog.TANGGAL: "2026-01-15", katalog.ANGKA: "2", katalog.UANG: "1500000"}
    return {i.nama: contoh.get(i.jenis, i.pilihan[0] if i.pilihan else f"[{i.label}]") for i in spec.isian}


@staff_view(DESA, izin="desa.kelola")
def pengaturan(request):
    obj = nomor.pengaturan(request.desa)
    if request.method == "POST":
        form = PengaturanForm(request.POST, instance=obj)
        if form.is_valid():
            services.simpan_pengaturan(desa=request.desa, actor=request.user, pengaturan=form.instance, request=request)
            messages.success(request, "Pengaturan surat disimpan.")
            return redirect("surat:templat_daftar")
    else:
        form = PengaturanForm(instance=obj)
    return render(request, "surat/pengaturan.html", {"form": form})


# Kecamatan ---------------------------------------------------------------------------------


def _surat_kecamatan(request):
    return Surat.objects.filter(desa__kecamatan=request.kecamatan, desa_id__in=request.tenant.desa_ids)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def camat_antrean(request):
    qs = _surat_kecamatan(request).select_related("desa", "penduduk")
    menunggu = qs.filter(status=Surat.Status.MENUNGGU_CAMAT).order_by("ditandatangani_pada", "id")
    selesai_ = qs.filter(perlu_camat=True, camat_pada__isnull=False).order_by("-camat_pada")[:20]
    return render(request, "surat/camat_antrean.html", {"menunggu": menunggu, "selesai": selesai_})


@staff_view(KECAMATAN, izin="kecamatan.pantau", model=Surat)
def camat_detail(request, pk):
    surat = get_object_or_404(_surat_kecamatan(request).select_related("desa", "penduduk"), pk=pk, perlu_camat=True)
    form = CamatForm(initial={"nama_camat": request.user.get_full_name()})
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        try:
            if aksi == "setujui":
                form = CamatForm(request.POST)
                if form.is_valid():
                    services.setujui_camat(
                        surat=surat, actor=request.user, nama_camat=form.cleaned_data["nama_camat"],
                        nip_camat=form.cleaned_data["nip_camat"], request=request,
                    )  # fmt: skip
                    messages.success(request, f"Surat {surat.nomor_lengkap} diketahui camat dan terbit.")
                    return redirect("surat:camat_antrean")
            elif aksi == "tolak":
                alasan = AlasanForm(request.POST)
                if alasan.is_valid():
                    services.tolak_surat(
                        surat=surat, actor=request.user, alasan=alasan.cleaned_data["alasan"], request=request
                    )
                    messages.success(request, "Surat dikembalikan ke desa (ditolak).")
                    return redirect("surat:camat_antrean")
                messages.error(request, "Tuliskan alasan penolakan.")
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
    html = isi.dokumen_html(surat, nomor.pengaturan(surat.desa), qr=False, bagian="lembar")
    return render(
        request, "surat/camat_detail.html", {"surat": surat, "form": form, "alasan_form": AlasanForm(), "html": html}
    )


# Public verification -----------------------------------------------------------------------


@never_cache
def verifikasi_publik(request, token):
    """What a QR code proves: number, date, type, village, the resident's name partly masked,
    valid or not, and the SHA-256 of the issued file. Unknown tokens: a plain 404, counted per
    address; past the limit every answer is 429 (so guessing gets nowhere)."""
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    if pembatas.terkunci(request):
        return HttpResponse(
            "Terlalu banyak percobaan. Coba lagi nanti.", status=429, content_type="text/plain; charset=utf-8"
        )
    surat = selectors.cari_verifikasi(request.desa, token) if re.fullmatch(r"[A-Za-z0-9_-]{20,64}", token) else None
    if surat is None:
        pembatas.catat_gagal(request)
        html = render_to_string("surat/verifikasi_tidak_ada.html", request=request)
        return HttpResponse(html, status=404)
    return render(request, "surat/verifikasi.html", {"surat": surat, "nama": samarkan_nama(surat.penduduk.nama)})


def samarkan_nama(nama: str) -> str:
    """'Siti Aminah Rahayu' -> 'Si** Am**** Ra****': enough to recognise, not to read off."""
    return " ".join(k[:2] + "*" * max(len(k) - 2, 0) for k in nama.split())


# Registers: Buku Agenda Surat Keluar and surat masuk ---------------------------------------


def _tahun(request, tersedia):
    """The year asked for (?tahun=), else the newest with entries, else this year."""
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = None
    if tahun is None or not 2000 <= tahun <= 2100:
        tahun = tersedia[0] if tersedia else timezone.localdate().year
    return tahun


@staff_view(DESA, izin="surat.proses")
def agenda(request):
    tersedia = selectors.tahun_agenda(request.desa)
    tahun = _tahun(request, tersedia)
    data = selectors.agenda_keluar(desa=request.desa, tahun=tahun)
    bentuk = request.GET.get("unduh")
    if bentuk in ("xlsx", "pdf"):
        reg = ekspor.agenda_keluar(request.desa, tahun, data["surat"])
        nama = f"agenda-surat-keluar-{request.desa.slug}-{tahun}.{bentuk}"
        return ekspor.xlsx_response(reg, nama) if bentuk == "xlsx" else ekspor.pdf_response(reg, nama)
    tahun_pilihan = sorted(set(tersedia) | {tahun}, reverse=True)
    return render(
        request, "surat/register/agenda.html",
        {**data, "tahun": tahun, "tahun_pilihan": tahun_pilihan, "bulan": BULAN_SINGKAT},
    )  # fmt: skip


BULAN_SINGKAT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@staff_view(DESA, izin="surat.proses")
def masuk_daftar(request):
    tersedia = selectors.tahun_surat_masuk(request.desa)
    tahun = _tahun(request, tersedia)
    status = request.GET.get("status") or ""
    if status not in SuratMasuk.Status.values:
        status = ""
    q = (request.GET.get("q") or "")[:100]
    daftar = selectors.surat_masuk(desa=request.desa, tahun=tahun, status=status, q=q)
    bentuk = request.GET.get("unduh")
    if bentuk in ("xlsx", "pdf"):
        reg = ekspor.surat_masuk(request.desa, tahun, selectors.surat_masuk(desa=request.desa, tahun=tahun))
        nama = f"agenda-surat-masuk-{request.desa.slug}-{tahun}.{bentuk}"
        return ekspor.xlsx_response(reg, nama) if bentuk == "xlsx" else ekspor.pdf_response(reg, nama)
    return render(
        request, "surat/register/masuk_daftar.html",
        {
            "page": halaman_dari(daftar, PER_HALAMAN, request.GET.get("hal")), "tahun": tahun, "status": status, "q": q,
            "tahun_pilihan": sorted(set(tersedia) | {tahun}, reverse=True), "pilihan_status": SuratMasuk.Status.choices,
        },
    )  # fmt: skip


@staff_view(DESA, izin="surat.proses")
def masuk_baru(request):
    form = SuratMasukForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.catat_surat_masuk(
                desa=request.desa, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            _error_ke_form(form, exc)
        else:
            messages.success(request, f"Surat masuk dicatat dengan nomor agenda {item.nomor_agenda}/{item.tahun}.")
            return redirect("surat:masuk_detail", pk=item.pk)
    return render(request, "surat/register/masuk_baru.html", {"form": form})


def _surat_masuk(request, pk):
    return get_object_or_404(SuratMasuk.objects.select_related("disposisi_kepada"), pk=pk, desa=request.desa)


@staff_view(DESA, izin="surat.proses", model=SuratMasuk)
def masuk_detail(request, pk):
    item = _surat_masuk(request, pk)
    disposisi_form = DisposisiForm(
        desa=request.desa, initial={"kepada": item.disposisi_kepada_id, "isi": item.isi_disposisi}
    )
    selesai_form = TindakLanjutForm()
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        try:
            if aksi == "disposisi":
                disposisi_form = DisposisiForm(request.POST, desa=request.desa)
                if disposisi_form.is_valid():
                    services.disposisi_surat_masuk(
                        surat_masuk=item, actor=request.user, request=request,
                        kepada=disposisi_form.cleaned_data["kepada"], isi=disposisi_form.cleaned_data["isi"],
                    )  # fmt: skip
                    messages.success(request, "Disposisi disimpan.")
                    return redirect("surat:masuk_detail", pk=item.pk)
            elif aksi == "selesai":
                selesai_form = TindakLanjutForm(request.POST)
                if selesai_form.is_valid():
                    services.selesaikan_surat_masuk(
                        surat_masuk=item, actor=request.user, request=request,
                        tindak_lanjut=selesai_form.cleaned_data["tindak_lanjut"],
                    )  # fmt: skip
                    messages.success(request, "Surat masuk ditandai selesai.")
                    return redirect("surat:masuk_detail", pk=item.pk)
        except ValidationError as exc:
            _error_ke_form(disposisi_form if aksi == "disposisi" else selesai_form, exc)
    return render(
        request, "surat/register/masuk_detail.html",
        {"item": item, "disposisi_form": disposisi_form, "selesai_form": selesai_form},
    )  # fmt: skip


@staff_view(DESA, izin="surat.proses", model=SuratMasuk)
def masuk_berkas(request, pk):
    item = _surat_masuk(request, pk)
    if not item.berkas:
        raise Http404
    return FileResponse(
        item.berkas.open("rb"), content_type=item.content_type, as_attachment=True,
        filename=f"surat-masuk-{item.tahun}-{item.nomor_agenda}.{item.jenis_berkas}",
    )  # fmt: skip
