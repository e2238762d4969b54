"""The draft news article a progress update becomes: a title and a body with the figures a
resident wants to read (where, how far, how much, from which fund, who builds it), for the
operator to edit before publishing. Pure functions; the service stores the result."""

from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html

from .angka import desimal, rupiah


def _tanggal(d):
    with translation.override("id"):
        return date_format(d, "j F Y")


def judul(progres) -> str:
    proyek = progres.proyek
    # "Rabat beton Dusun Krajan" + "Dusun Krajan, RT 002/RW 001": only what the name lacks.
    baru = [b for b in proyek.wilayah.split(", ") if b and b.lower() not in proyek.nama.lower()]
    tempat = ", " + ", ".join(baru) if baru else ""
    if progres.persen >= 100:
        awal = "Rampung"
    elif progres.persen == 0:
        awal = "Dimulai"
    else:
        awal = f"Progres {progres.persen}%"
    return f"{awal}: {proyek.nama}{tempat}"[:200]


def _lokasi(proyek):
    bagian = [b for b in (proyek.wilayah, proyek.lokasi) if b]
    return "; ".join(bagian)


def _angka(proyek):
    """Sentences with the project's figures (those the operator filled in)."""
    baris = []
    if proyek.anggaran:
        baris.append(
            format_html(
                "Kegiatan ini dibiayai dari {} Tahun Anggaran {} sebesar <strong>{}</strong>.",
                proyek.get_sumber_dana_display(),
                proyek.tahun,
                rupiah(proyek.anggaran),
            )
        )
    if proyek.volume:
        baris.append(format_html("Volume pekerjaan: {} {}.", desimal(proyek.volume), proyek.satuan))
    if proyek.pelaksana:
        baris.append(format_html("Pelaksana: {}.", proyek.pelaksana))
    if proyek.rencana_selesai and proyek.persen < 100:
        baris.append(format_html("Pekerjaan direncanakan selesai pada {}.", _tanggal(proyek.rencana_selesai)))
    return baris


def isi(progres, fotos, url_proyek) -> str:
    """HTML body (sanitised again by the article service). `fotos`: Gambar of the update."""
    proyek = progres.proyek
    lokasi = _lokasi(proyek)
    pembuka = format_html(
        "Pekerjaan <strong>{}</strong>{} telah mencapai <strong>{}%</strong> per {}.",
        proyek.nama,
        format_html(" di {}", lokasi) if lokasi else "",
        progres.persen,
        _tanggal(progres.tanggal),
    )
    bagian = [format_html("<p>{}</p>", pembuka)]
    bagian += [format_html("<p>{}</p>", b) for b in _angka(proyek)]
    if progres.catatan:
        paragraf = [p.strip() for p in progres.catatan.split("\n") if p.strip()]
        bagian += [format_html("<p>{}</p>", p) for p in paragraf]
    for g in fotos:
        bagian.append(
            format_html(
                '<figure><img src="{}" alt="{}" width="{}" height="{}"><figcaption>{}</figcaption></figure>',
                g.url,
                g.alt,
                g.lebar,
                g.tinggi,
                f"{proyek.nama}, {_tanggal(progres.tanggal)} ({progres.persen}%)",
            )
        )
    tautan = format_html('<a href="{}">halaman kegiatan pembangunan</a>', url_proyek)
    bagian.append(format_html("<p>Ikuti perkembangan kegiatan ini di {}.</p>", tautan))
    return "\n".join(str(b) for b in bagian)
