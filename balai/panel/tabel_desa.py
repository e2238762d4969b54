"""The table of villages on the kecamatan dashboard: one row per village, one column per
`VillageColumn` the modules declare (balai.core.registry), for one month; sorted on the server
and exported as xlsx from the same rows. Each column's target runs once for all villages, so
the number of queries does not grow with the number of villages."""

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.cache import cache as django_cache
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core.dashboard import SEGAR_TTL, WIDGET_TTL
from balai.core.registry import VillageColumn, extensions
from balai.core.spreadsheet import xlsx_row

ARAH = ("naik", "turun")
# Kinds whose value is a moment: a village without one never had it, the oldest of all.
WAKTU = ("tanggal", "waktu")


@dataclass(frozen=True)
class Bulan:
    """The month the table is for: [awal, akhir) as aware datetimes, `akhir` never past now."""

    hari: date  # the first day
    awal: datetime
    akhir: datetime

    @property
    def kode(self):
        return self.hari.strftime("%Y-%m")

    @property
    def berjalan(self):
        return self.hari == timezone.localdate().replace(day=1)


def _bulan(hari, sekarang):
    tz = timezone.get_current_timezone()
    awal = datetime.combine(hari, time.min, tzinfo=tz)
    berikut = date(hari.year + hari.month // 12, hari.month % 12 + 1, 1)
    return Bulan(hari, awal, min(datetime.combine(berikut, time.min, tzinfo=tz), sekarang))


def bulan_dari(teks, sekarang=None):
    """(Bulan, error) for "2026-11": this month, with a sentence saying why, when `teks` is
    malformed, before 2000 or in the future; this month without error when `teks` is empty."""
    sekarang = sekarang or timezone.now()
    ini = timezone.localtime(sekarang).date().replace(day=1)
    teks = (teks or "").strip()
    if not teks:
        return _bulan(ini, sekarang), None
    try:
        tahun, bulan = (int(x) for x in teks.split("-"))
        hari = date(tahun, bulan, 1)
    except (ValueError, OverflowError):
        return _bulan(
            ini, sekarang
        ), f"Bulan “{teks[:20]}” tidak dikenali (tulis seperti 2026-11); ditampilkan bulan ini."
    if hari > ini:
        return _bulan(ini, sekarang), "Bulan itu belum tiba; ditampilkan bulan ini."
    if hari.year < 2000:
        return _bulan(ini, sekarang), "Bulan sebelum tahun 2000 tidak tersedia; ditampilkan bulan ini."
    return _bulan(hari, sekarang), None


def kolom():
    """The declared columns, in order."""
    return extensions(VillageColumn)


def nilai_per_desa(desa_ids, bulan, columns=None):
    """{column key: {desa_id: value}}: each distinct target called once for all villages."""
    columns = kolom() if columns is None else columns
    desa_ids = list(desa_ids)
    hasil, dipanggil = {}, {}
    with scopes_disabled():
        for c in columns:
            if c.target not in dipanggil:
                dipanggil[c.target] = c(desa_ids, bulan.awal, bulan.akhir) if desa_ids else {}
            data = dipanggil[c.target]
            if c.field:
                hasil[c.key] = {d: v.get(c.field, c.kosong) for d, v in data.items() if isinstance(v, dict)}
            else:
                hasil[c.key] = data
    return hasil


@dataclass
class Baris:
    desa: object
    nilai: list  # one value per column, None when the village has none
    columns: list


def tabel(villages, bulan, *, urut="", arah="naik", cache=False, segarkan=False):
    """(columns, rows) for `villages` in month `bulan`, sorted by column `urut` (a key; else
    by village code) in direction `arah`. With `cache`, the figures are kept for up to
    balai.core.dashboard.WIDGET_TTL seconds, as a region dashboard's widgets are: another sort,
    the export or the next operator reads them again without a query per module. `segarkan`:
    compute them anew and keep them as the timer does (SEGAR_TTL)."""
    columns = kolom()
    villages = list(villages)
    ids = [d.pk for d in villages]
    key = f"panel:tabel-desa:{bulan.kode}:" + hashlib.blake2s(repr(sorted(ids)).encode(), digest_size=8).hexdigest()
    data = django_cache.get(key) if cache and not segarkan else None
    if data is None:
        data = nilai_per_desa(ids, bulan, columns)
        if cache or segarkan:
            django_cache.set(key, data, SEGAR_TTL if segarkan else WIDGET_TTL)
    rows = [Baris(d, [data[c.key].get(d.pk, c.kosong) for c in columns], columns) for d in villages]
    return columns, urutkan(rows, columns, urut, arah)


def urutkan(rows, columns, urut, arah):
    """Rows sorted by the column keyed `urut`. A village without a value goes last either way,
    except for moments (last publication, last sign-in): never is the oldest of all, first when
    the oldest come first. Ties by village code."""
    turun = arah == "turun"
    rows = sorted(rows, key=lambda r: r.desa.kode)
    if urut == "nama":
        return sorted(rows, key=lambda r: r.desa.nama.lower(), reverse=turun)
    index = next((i for i, c in enumerate(columns) if c.key == urut and c.sort), None)
    if index is None:
        return rows[::-1] if turun else rows
    ada = [r for r in rows if r.nilai[index] is not None]
    kosong = [r for r in rows if r.nilai[index] is None]
    ada.sort(key=lambda r: r.nilai[index], reverse=turun)
    if columns[index].kind in WAKTU and not turun:
        return kosong + ada
    return ada + kosong


def xlsx(columns, rows, bulan, nama_wilayah):
    """The table as an xlsx workbook (bytes): the same rows and columns as the page."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"Desa {bulan.kode}")
    ws.append(xlsx_row(ws, [f"{nama_wilayah}: tabel desa bulan {bulan.kode}"]))
    judul = ["Kode", "Desa/kelurahan"]
    for c in columns:
        satuan = {"persen": " (%)", "jam": " (jam)"}.get(c.kind, "")
        judul.append(c.label + satuan)
    ws.append(xlsx_row(ws, judul))
    for r in rows:
        sel = [r.desa.kode, r.desa.nama]
        for c, v in zip(columns, r.nilai, strict=True):
            if isinstance(v, datetime):
                v = timezone.localtime(v).replace(tzinfo=None)
            elif c.kind == "yatidak" and v is not None:
                v = "ya" if v else "belum"
            sel.append(v)
        ws.append(xlsx_row(ws, sel))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bagian(request, desa, bulan):
    """The read-only sections of one village's page, rendered inside that village's own scope:
    [(label, html)] of every `VillageSection` the viewer may see that has something to show."""
    from django.template.loader import render_to_string
    from django_scopes import scope

    from balai.core.registry import VillageSection, boleh

    hasil = []
    with scope(desa=desa):
        for s in extensions(VillageSection):
            if not boleh(request.user, s.izin):
                continue
            context = s(desa=desa, awal=bulan.awal, akhir=bulan.akhir)
            if context is not None:
                hasil.append((s.label, render_to_string(s.template, context, request=request)))
    return hasil
