"""The recap as a server-side SVG chart (in the style of balai.statistik.chart): one stacked bar
per official or village, a segment per kind of day. Geometry here, drawing in
templates/kehadiran/partials/grafik.html; colours by CSS class (strict CSP)."""

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
    area = lebar - label_w - 50
    maks = max([b.hari_kerja for b in rekap.baris] + [1])
    bars = []
    for i, b in enumerate(rekap.baris):
        y, x, segmen = i * TINGGI_BARIS, label_w, []
        for key, label in SEGMEN:
            n = getattr(b, key)
            if n:
                w = round(area * n / maks, 1)
                segmen.append({"kelas": key, "x": x, "w": w, "judul": f"{label}: {n} hari"})
                x += w
        bars.append(
            {
                "label": b.label,
                "y": y,
                "ty": y + 16,
                "segmen": segmen,
                "x_teks": round(x + 6, 1),
                "teks": f"{b.persen_hadir}%",
            }
        )
    legend_y = len(bars) * TINGGI_BARIS + 18
    legend = [{"kelas": k, "label": lbl, "x": 8 + i * 104, "tx": 8 + i * 104 + 16} for i, (k, lbl) in enumerate(SEGMEN)]
    return {
        "lebar": lebar,
        "tinggi": legend_y + 10,
        "label_w": label_w,
        "label_x": label_w - 6,
        "bars": bars,
        "legend_y": legend_y,
        "legend_kotak_y": legend_y - 10,
        "legend": legend,
    }
