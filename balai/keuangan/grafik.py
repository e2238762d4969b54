"""Server-side SVG charts of the APBDes, in the way of balai.statistik's: geometry computed here,
drawn by templates (partials/grafik_*.html), colours by CSS class, no script, no inline style.

Drawn for a phone first: each bar has its label on the line above it, so the chart is 360
units wide and stays readable at 390 px without scrolling sideways; on a large screen it grows
to the width of the column."""

LEBAR = 360
BARIS = 44  # height of one label + bar row
TINGGI_BATANG = 14


def _w(nilai, maks, area):
    return round(area * float(nilai) / float(maks), 1) if maks and nilai else 0


def batang(pos_list, *, lebar=LEBAR):
    """Bars of budget (light) with realisation (dark) over them, and the realisation %, one
    per item of `pos_list` (selectors.Pos). Scaled to the largest budget or realisation."""
    area = lebar - 2
    maks = max([max(p.anggaran, p.realisasi) for p in pos_list] + [0])
    bars = []
    for i, p in enumerate(pos_list):
        y = i * BARIS
        persen = p.persen
        bars.append(
            {
                "label": p.label,
                "ty": y + 13,
                "y": y + 19,
                "w_anggaran": max(_w(p.anggaran, maks, area), 1 if p.anggaran else 0),
                "w_realisasi": _w(p.realisasi, maks, area),
                "persen": "–" if persen is None else f"{persen:.1f}%".replace(".", ","),
                "lebih": p.lebih,
                "pos": p,
            }
        )
    return {"lebar": lebar, "tinggi": max(len(bars), 1) * BARIS + 4, "bars": bars}


def komposisi(pos_list, *, lebar=LEBAR, tinggi=28):
    """One bar split into the shares of each item (pendapatan by source), with legend rows."""
    total = sum((p.anggaran for p in pos_list), 0)
    x, parts = 0.0, []
    for i, p in enumerate(pos_list):
        w = _w(p.anggaran, total, lebar)
        share = float(p.anggaran) * 100 / float(total) if total else 0
        parts.append(
            {"x": round(x, 1), "w": w, "kelas": f"k{i % 8}", "pos": p, "share": f"{share:.1f}".replace(".", ",")}
        )
        x += w
    return {"lebar": lebar, "tinggi": tinggi, "parts": parts}
