"""Server-side SVG charts of the population tables: geometry from balai.core.grafik, drawn by
templates in partials/. No JavaScript, prints in PDF, and nothing a strict CSP would block (SVG
attributes, CSS classes)."""

from balai.core.grafik import Skala, baris, maksimum, tinggi_grafik, ujung

LEBAR = 640
TINGGI_BARIS = 22


def batang(tabel, *, lebar=LEBAR, label_w=230):
    """Horizontal bars, one per row, split into men and women. A masked public table
    (`samar.samarkan`) has one bar per row from its published, rounded count, as a share of
    the published total: its largest rows carry no number (SISA) and get a label without a
    bar, so scaling to the longest drawn bar would make a minority look like the majority.
    "< 5" rows get nothing."""
    area = lebar - label_w - 70
    samar = tabel.disamarkan
    if samar:
        rows = [b for b in tabel.baris if b.jumlah or b.sisa]
        skala = Skala(tabel.total.jumlah, area)
    else:
        rows = [b for b in tabel.baris if b.jumlah]
        skala = Skala(maksimum((b.jumlah for b in rows), paling_kecil=1), area)
    bars = []
    for i, b in enumerate(rows):
        y, ty = baris(i, tinggi=TINGGI_BARIS, teks=15)
        lk, pr = skala.tumpuk([b.jumlah, 0] if samar else [b.laki_laki, b.perempuan], x=label_w)
        bars.append(
            {
                "label": b.label,
                "y": y,
                "ty": ty,
                "x_lk": lk.x,
                "w_lk": lk.w,
                "x_pr": pr.x,
                "w_pr": pr.w,
                "x_teks": ujung([lk, pr]) + 6,
                "teks": b.sel_jumlah,
                "judul": f"{b.label}: {b.sel_jumlah}",
            }
        )
    return {
        "lebar": lebar,
        "tinggi": tinggi_grafik(len(bars), tinggi_baris=TINGGI_BARIS, tepi=24, minimal_baris=1),
        "label_w": label_w,
        "bars": bars,
        "legend_y": tinggi_grafik(len(bars), tinggi_baris=TINGGI_BARIS, tepi=16),
        "samar": samar,
    }


def piramida(tabel, *, lebar=420, tengah=60):
    """Population pyramid from the kelompok umur table: men left, women right, oldest on top.
    Narrow by design: it fits a phone screen (about 360 px) without scrolling and with its
    labels still readable, and is drawn no wider than 1.4 times that on a large screen."""
    half = (lebar - tengah) / 2
    skala = Skala(maksimum((max(b.laki_laki, b.perempuan) for b in tabel.baris), paling_kecil=1), half - 50)
    bars = []
    for i, b in enumerate(reversed(tabel.baris)):
        y, ty = baris(i, tinggi=TINGGI_BARIS, teks=15)
        w_lk, w_pr = skala(b.laki_laki), skala(b.perempuan)
        bars.append(
            {
                "label": b.label.replace(" tahun", "").replace(" ke atas", "+"),
                "y": y,
                "ty": ty,
                "x_lk": round(half - w_lk, 1),
                "w_lk": w_lk,
                "x_pr": half + tengah,
                "w_pr": w_pr,
                "tx_lk": round(half - w_lk - 4, 1),
                "tx_pr": round(half + tengah + w_pr + 4, 1),
                "lk": b.laki_laki,
                "pr": b.perempuan,
            }
        )
    n = len(bars)
    return {
        "lebar": lebar,
        "tinggi": tinggi_grafik(n, tinggi_baris=TINGGI_BARIS, tepi=30),
        "tengah_x": half + tengah / 2,
        "bars": bars,
        "legend_y": tinggi_grafik(n, tinggi_baris=TINGGI_BARIS, tepi=20),
        "lk_x": half - 4,
        "pr_x": half + tengah + 4,
    }
