"""What a letter says: the values of its placeholders (from the register, the village, the
signer and the letter's own fields), its body and the whole printable document as HTML.

Until a letter is signed its values come live from the register; signing freezes them in
`Surat.data` and the rendered document body in `Surat.isi_final` (services.tandatangani_surat),
so a signed letter prints the same whatever changes afterwards."""

import base64
import datetime
import functools
from pathlib import Path

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from balai.core.tenancy import host_desa, origin
from balai.penduduk import kode

from . import bahasa, bawaan, templat
from .models import PengaturanSurat, Surat, TemplatSurat

IDENTITAS = (
    ("nama", "Nama lengkap"),
    ("nik", "NIK"),
    ("tempat_tanggal_lahir", "Tempat, tanggal lahir"),
    ("jenis_kelamin", "Jenis kelamin"),
    ("agama", "Agama"),
    ("status_kawin", "Status perkawinan"),
    ("pekerjaan", "Pekerjaan"),
    ("kewarganegaraan", "Kewarganegaraan"),
    ("alamat", "Alamat"),
)


def _umur(lahir, pada):
    return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))


def nilai_penduduk(p, *, pada, desa) -> dict:
    rt = f"{p.rt.nomor:03d}" if p.rt_id else ""
    rw = f"{p.rw.nomor:03d}" if p.rw_id else ""
    dusun = p.dusun.nama if p.dusun_id else ""
    tempat = [
        p.alamat_sekarang if not rt else "",
        f"RT {rt}/RW {rw}" if rt else "",
        f"Dusun {dusun}" if dusun else "",
        f"{desa.get_jenis_display()} {desa.nama}",
    ]
    return {
        "nama": p.nama,
        "nik": p.nik,
        "no_kk": p.keluarga.no_kk if p.keluarga_id else "",
        "jenis_kelamin": kode.nama("jenis_kelamin", p.jenis_kelamin).title(),
        "tempat_lahir": p.tempat_lahir,
        "tanggal_lahir": bahasa.tanggal(p.tanggal_lahir),
        "tempat_tanggal_lahir": ", ".join(x for x in (p.tempat_lahir, bahasa.tanggal(p.tanggal_lahir)) if x),
        "umur": str(_umur(p.tanggal_lahir, pada)),
        "agama": kode.nama("agama", p.agama).title(),
        "pekerjaan": kode.nama("pekerjaan", p.pekerjaan).title(),
        "status_kawin": kode.nama("status_kawin", p.status_kawin).title(),
        "kewarganegaraan": kode.nama("warganegara", p.warganegara) or "WNI",
        "pendidikan": kode.nama("pendidikan_kk", p.pendidikan_kk).title(),
        "alamat": ", ".join(x for x in tempat if x),
        "rt": rt,
        "rw": rw,
        "dusun": dusun,
    }


def nilai_desa(desa) -> dict:
    return {
        "nama_desa": desa.nama,
        "sebutan_desa": desa.get_jenis_display(),
        "kecamatan": desa.kecamatan.nama,
        "kabupaten": desa.kecamatan.kabupaten.nama,
        "alamat_kantor": desa.alamat_kantor,
        "kode_desa": desa.kode,
        "sebutan_kepala": str(desa.sebutan_kepala),
    }


def nilai_surat(surat: Surat) -> dict:
    ttd = surat.penanda_tangan
    return {
        "jenis_surat": surat.spec.nama,
        "nomor_surat": surat.nomor_lengkap or "…/…/…",
        "tanggal_surat": bahasa.tanggal(surat.tanggal_surat or datetime.date.today()),
        "berlaku_sampai": bahasa.tanggal(surat.berlaku_sampai) if surat.berlaku_sampai else "",
        "jabatan_penanda_tangan": ttd.jabatan if ttd else str(surat.desa.sebutan_kepala),
        "nama_penanda_tangan": ttd.nama if ttd else "",
    }


def data_beku(surat: Surat) -> dict:
    """The register, village and signer values frozen into a letter when it is signed."""
    data = nilai_penduduk(surat.penduduk, pada=surat.tanggal_surat or datetime.date.today(), desa=surat.desa)
    data |= nilai_desa(surat.desa)
    data |= nilai_surat(surat)
    ttd = surat.penanda_tangan
    data["nip_penanda_tangan"] = (ttd.nip or ttd.nipd) if ttd else ""
    return data


def tabel_identitas(nilai: dict) -> str:
    rows = "".join(
        f"<tr><td>{escape(label)}</td><td>: {escape(nilai.get(key, ''))}</td></tr>" for key, label in IDENTITAS
    )
    return f'<table class="identitas">{rows}</table>'


def nilai(surat: Surat) -> dict:
    """Every placeholder's value for `surat`: frozen when signed, live before."""
    semua = dict(surat.data) if surat.data else data_beku(surat)
    semua |= templat.format_isian(surat.spec, surat.isian)
    semua["tabel_identitas"] = tabel_identitas(semua)
    return semua


def templat_untuk(desa, jenis: str) -> TemplatSurat:
    """The village's template for a type, or the default one (unsaved) when it has none."""
    found = TemplatSurat.objects.filter(desa=desa, jenis=jenis).first()
    if found is not None:
        return found
    from .katalog import JENIS

    spec = JENIS[jenis]
    return TemplatSurat(desa=desa, jenis=jenis, isi=bawaan.isi_bawaan(jenis), klasifikasi=spec.klasifikasi)


def isi_html(surat: Surat, teks: str | None = None) -> str:
    """The body of `surat` as safe HTML, from `teks` or the village's current template."""
    if teks is None:
        teks = templat_untuk(surat.desa, surat.jenis).isi
    return templat.render(teks, nilai(surat), surat.spec)


def alamat_verifikasi(surat: Surat) -> str:
    return origin(host_desa(surat.desa)) + reverse("surat:verifikasi", args=[surat.token])


def qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=3, border=1)


def _logo_data_uri(desa):
    from balai.website.models import PengaturanSitus

    situs = PengaturanSitus.objects.filter(desa=desa).select_related("logo").first()
    if situs is None or situs.logo is None:
        return ""
    berkas = situs.logo.thumb or situs.logo.berkas
    try:
        with berkas.open("rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        return ""
    mime = "image/png" if berkas.name.endswith(".png") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def kop(desa, pengaturan: PengaturanSurat) -> dict:
    baris = [b.strip() for b in pengaturan.kop_baris.splitlines() if b.strip()]
    if not baris:
        baris = [
            f"PEMERINTAH {desa.kecamatan.kabupaten.nama.upper()}",
            f"KECAMATAN {desa.kecamatan.nama.upper()}",
            f"{desa.get_jenis_display().upper()} {desa.nama.upper()}",
        ]
    alamat = pengaturan.kop_alamat or ", ".join(
        x
        for x in (
            desa.alamat_kantor,
            f"Kode Pos {desa.kode_pos}" if desa.kode_pos else "",
            f"Telp. {desa.telepon}" if desa.telepon else "",
            desa.email,
        )
        if x
    )
    return {"baris": baris, "alamat": alamat, "logo": _logo_data_uri(desa)}


@functools.cache
def css_cetak() -> str:
    """The letter stylesheet, inlined into the PDF's HTML (the renderer fetches nothing)."""
    return (Path(__file__).resolve().parent / "static" / "surat" / "cetak.css").read_text(encoding="utf-8")


def dokumen_html(
    surat: Surat, pengaturan: PengaturanSurat, *, teks: str | None = None, qr: bool = True, bagian: str = "pdf"
) -> str:
    """The letter (letterhead, title, number, body, signature, QR) as HTML: `bagian` "pdf" a
    whole page with the stylesheet inlined, "cetak" a whole page linking it (print view),
    "lembar" only the sheet (previews). Uses the frozen body once the letter is signed."""
    semua = nilai(surat)
    body = surat.isi_final if (surat.isi_final and teks is None) else isi_html(surat, teks)
    context = {
        "surat": surat,
        "kertas": pengaturan.kertas,
        "kop": kop(surat.desa, pengaturan),
        "judul": surat.spec.nama.upper(),
        "nomor": semua["nomor_surat"],
        "isi": mark_safe(body),  # built by templat.render: escaped values, cleaned markup
        "nilai": semua,
        "sebutan_kepala": f"{surat.desa.sebutan_kepala} {surat.desa.nama}",
        "qr": qr_svg(alamat_verifikasi(surat)) if qr else "",
        "css": mark_safe(css_cetak()) if bagian == "pdf" else "",  # our own static file
    }
    template = "surat/partials/lembar.html" if bagian == "lembar" else "surat/cetak.html"
    return render_to_string(template, context)
