"""Server-side SVG charts of the APBDes: geometry from balai.core.grafik, drawn by templates
(partials/grafik_*.html), colours by CSS class, no script, no inline style.

Drawn for a phone first: each bar has its label on the line above it, so the chart is 360
units wide and stays readable at 390 px without scrolling sideways; on a large screen it grows
to the width of the column."""

from balai.core.grafik import Skala, baris, desimal, maksimum, tinggi_grafik

LEBAR = 360
BARIS = 44  # height of one label + bar row
TINGGI_BATANG = 14


def batang(pos_list, *, lebar=LEBAR):
    """Bars of budget (light) with realisation (dark) over them, and the realisation %, one
    per item of `pos_list` (selectors.Pos). Scaled to the largest budget or realisation."""
    skala = Skala(maksimum(max(p.anggaran, p.realisasi) for p in pos_list), lebar - 2)
    bars = []
    for i, p in enumerate(pos_list):
        y, ty = baris(i, tinggi=BARIS, teks=13)
        persen = p.persen
        bars.append(
            {
                "label": p.label,
                "ty": ty,
                "y": y + 19,
                "w_anggaran": max(skala(p.anggaran), 1 if p.anggaran else 0),
                "w_realisasi": skala(p.realisasi),
                "persen": "–" if persen is None else f"{desimal(persen)}%",
                "lebih": p.lebih,
                "pos": p,
            }
        )
    tinggi = tinggi_grafik(len(bars), tinggi_baris=BARIS, tepi=4, minimal_baris=1)
    return {"lebar": lebar, "tinggi": tinggi, "bars": bars}


def komposisi(pos_list, *, lebar=LEBAR, tinggi=28):
    """One bar split into the shares of each item (pendapatan by source), with legend rows."""
    total = sum((p.anggaran for p in pos_list), 0)
    segmen = Skala(total, lebar).tumpuk((p.anggaran for p in pos_list), x=0.0)
    parts = [
        {
            "x": round(s.x, 1),
            "w": s.w,
            "kelas": f"k{i % 8}",
            "pos": p,
            "share": desimal(float(p.anggaran) * 100 / float(total) if total else 0),
        }
        for i, (p, s) in enumerate(zip(pos_list, segmen, strict=True))
    ]
    return {"lebar": lebar, "tinggi": tinggi, "parts": parts}
