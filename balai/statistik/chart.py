"""Server-side SVG charts: geometry computed here, drawn by templates in partials/. No
JavaScript, prints in PDF, and nothing a strict CSP would block (SVG attributes, CSS classes)."""

LEBAR = 640
TINGGI_BARIS = 22


def _w(value, maks, area):
    return round(area * value / maks, 1) if maks and value else 0


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
        maks = tabel.total.jumlah
    else:
        rows = [b for b in tabel.baris if b.jumlah]
        maks = max([b.jumlah for b in rows] + [1])
    bars = []
    for i, b in enumerate(rows):
        y = i * TINGGI_BARIS
        if samar:
            w_lk, w_pr = _w(b.jumlah, maks, area), 0
        else:
            w_lk, w_pr = _w(b.laki_laki, maks, area), _w(b.perempuan, maks, area)
        bars.append(
            {
                "label": b.label,
                "y": y,
                "ty": y + 15,
                "x_lk": label_w,
                "w_lk": w_lk,
                "x_pr": label_w + w_lk,
                "w_pr": w_pr,
                "x_teks": label_w + w_lk + w_pr + 6,
                "teks": b.sel_jumlah,
                "judul": f"{b.label}: {b.sel_jumlah}",
            }
        )
    return {
        "lebar": lebar,
        "tinggi": max(len(bars), 1) * TINGGI_BARIS + 24,
        "label_w": label_w,
        "bars": bars,
        "legend_y": len(bars) * TINGGI_BARIS + 16,
        "samar": samar,
    }


def piramida(tabel, *, lebar=420, tengah=60):
    """Population pyramid from the kelompok umur table: men left, women right, oldest on top.
    Narrow by design: it fits a phone screen (about 360 px) without scrolling and with its
    labels still readable, and is drawn no wider than 1.4 times that on a large screen."""
    half = (lebar - tengah) / 2
    area = half - 50
    maks = max([max(b.laki_laki, b.perempuan) for b in tabel.baris] + [1])
    bars = []
    for i, b in enumerate(reversed(tabel.baris)):
        y = i * TINGGI_BARIS
        w_lk, w_pr = _w(b.laki_laki, maks, area), _w(b.perempuan, maks, area)
        bars.append(
            {
                "label": b.label.replace(" tahun", "").replace(" ke atas", "+"),
                "y": y,
                "ty": y + 15,
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
        "tinggi": n * TINGGI_BARIS + 30,
        "tengah_x": half + tengah / 2,
        "bars": bars,
        "legend_y": n * TINGGI_BARIS + 20,
        "lk_x": half - 4,
        "pr_x": half + tengah + 4,
    }
