"""Geometry of the inline SVG charts (keuangan, kehadiran, statistik): one linear scale, bars in
rows, segments laid end to end, legend places and the numbers written beside bars. Only numbers
are computed here; each app's template draws them (SVG attributes and CSS classes, no script and
no inline style, so a strict CSP blocks nothing and the chart prints in a PDF).

Lengths are rounded to 0.1 unit: enough for any screen, short in the page."""

from dataclasses import dataclass


def panjang(nilai, maks, area):
    """Length of `nilai` on an axis where `maks` fills `area` units; 0 for no value or an empty
    axis. Decimals (rupiah) are drawn as floats: a chart needs no cent."""
    return round(area * float(nilai) / float(maks), 1) if maks and nilai else 0


def maksimum(nilai, *, paling_kecil=0):
    """The largest of `nilai`, and at least `paling_kecil` (1 keeps an all-zero chart from
    dividing by zero while drawing nothing)."""
    return max([*nilai, paling_kecil])


@dataclass(frozen=True)
class Segmen:
    x: float
    w: float


@dataclass(frozen=True)
class Skala:
    """A linear axis on which `maks` fills `area` units."""

    maks: float
    area: float

    def __call__(self, nilai):
        return panjang(nilai, self.maks, self.area)

    def tumpuk(self, nilai, *, x=0):
        """Segments laid end to end from `x`, one per value (a zero value is a segment of width
        0 where the next one starts). The end of the last is `x + sum of widths`."""
        segmen = []
        for n in nilai:
            w = self(n)
            segmen.append(Segmen(x=x, w=w))
            x += w
        return segmen


def ujung(segmen, *, x=0):
    """Where segments laid from `x` end: the place for the number written after a bar."""
    return segmen[-1].x + segmen[-1].w if segmen else x


def baris(i, *, tinggi, teks):
    """Top of row `i` of rows `tinggi` units high, and the baseline of its text `teks` below."""
    y = i * tinggi
    return y, y + teks


def tinggi_grafik(n, *, tinggi_baris, tepi, minimal_baris=0):
    """Height of a chart of `n` rows plus `tepi` units for its legend or margin; a chart of no
    rows keeps `minimal_baris` rows' room for its "no data" line."""
    return max(n, minimal_baris) * tinggi_baris + tepi


def legenda(entri, *, x=8, jarak=104, kotak=16):
    """Legend entries in one line: a colour box at `x` and its label `kotak` units right of it,
    every `jarak` units. `entri` is (css class, label) pairs."""
    return [
        {"kelas": kelas, "label": label, "x": x + i * jarak, "tx": x + i * jarak + kotak}
        for i, (kelas, label) in enumerate(entri)
    ]


def desimal(angka, digit=1):
    """A number as Indonesians write it in a chart label: decimal comma (12,5)."""
    return f"{angka:.{digit}f}".replace(".", ",")
