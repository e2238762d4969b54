"""The recap as a server-side SVG chart: one stacked bar per official or village, a segment per
kind of day. Geometry from balai.core.grafik, drawing in templates/kehadiran/partials/grafik.html;
colours by CSS class (strict CSP)."""

from balai.core.grafik import Skala, baris, legenda, maksimum, tinggi_grafik, ujung

LEBAR = 640
TINGGI_BARIS = 24
LABEL_W = 170
SEGMEN = [
    ("hadir", "Hadir"),
    ("izin", "Izin"),
    ("sakit", "Sakit"),
    ("cuti", "Cuti"),
    ("dinas_luar", "Dinas luar"),
    ("tanpa_keterangan", "Tanpa keterangan"),
]


def batang_bertumpuk(rekap, *, lebar=LEBAR, label_w=LABEL_W):
    skala = Skala(maksimum((b.hari_kerja for b in rekap.baris), paling_kecil=1), lebar - label_w - 50)
    bars = []
    for i, b in enumerate(rekap.baris):
        y, ty = baris(i, tinggi=TINGGI_BARIS, teks=16)
        hari = [getattr(b, key) for key, _ in SEGMEN]
        potong = skala.tumpuk(hari, x=label_w)
        segmen = [
            {"kelas": key, "x": s.x, "w": s.w, "judul": f"{label}: {n} hari"}
            for (key, label), n, s in zip(SEGMEN, hari, potong, strict=True)
            if n
        ]
        bars.append(
            {
                "label": b.label,
                "y": y,
                "ty": ty,
                "segmen": segmen,
                "x_teks": round(ujung(potong, x=label_w) + 6, 1),
                "teks": f"{b.persen_hadir}%",
            }
        )
    legend_y = tinggi_grafik(len(bars), tinggi_baris=TINGGI_BARIS, tepi=18)
    return {
        "lebar": lebar,
        "tinggi": legend_y + 10,
        "label_w": label_w,
        "label_x": label_w - 6,
        "bars": bars,
        "legend_y": legend_y,
        "legend_kotak_y": legend_y - 10,
        "legend": legenda(SEGMEN),
    }
