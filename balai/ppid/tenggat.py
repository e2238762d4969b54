"""The service's deadlines, all in working days through `balai.core.kalender` (weekends,
national holidays, the kabupaten's cuti bersama):

- the PPID answers within 10 working days after the request arrives (UU 14/2008 Pasal 22 (7),
  Perki 1/2018), extendable once by 7 more working days with a written reason;
- the requester may object within 30 working days after the answer, or after the deadline
  passed unanswered;
- the atasan PPID answers an objection within 30 working days after it arrives."""

from datetime import date

from balai.core.kalender import hari_kerja_antara, tambah_hari_kerja

HARI_JAWAB = 10
HARI_PERPANJANGAN = 7
HARI_KEBERATAN = 30
HARI_TANGGAPAN_ATASAN = 30
HARI_SEGERA = 3  # "due soon": this many working days left, or fewer


def tenggat_jawab(diterima: date) -> date:
    return tambah_hari_kerja(diterima, HARI_JAWAB)


def tenggat_diperpanjang(tenggat: date) -> date:
    return tambah_hari_kerja(tenggat, HARI_PERPANJANGAN)


def tenggat_atasan(diterima: date) -> date:
    return tambah_hari_kerja(diterima, HARI_TANGGAPAN_ATASAN)


def jendela_keberatan(*, jawaban_tanggal: date | None, tenggat: date, hari: date) -> tuple[date | None, date | None]:
    """(first day, last day) an objection may be filed. Unanswered and the deadline not yet
    passed: (None, None), the PPID still has time. The window opens with the answer, or the day
    after the missed deadline."""
    if jawaban_tanggal is not None:
        return jawaban_tanggal, tambah_hari_kerja(jawaban_tanggal, HARI_KEBERATAN)
    if hari > tenggat:
        return tenggat, tambah_hari_kerja(tenggat, HARI_KEBERATAN)
    return None, None


def sisa_hari_kerja(tenggat: date, hari: date) -> int:
    """Working days left until `tenggat` (0 on the day itself); negative: working days overdue."""
    if hari <= tenggat:
        return hari_kerja_antara(hari, tenggat)
    return -hari_kerja_antara(tenggat, hari)


def keadaan(tenggat: date, hari: date) -> str:
    """ "terlambat" past the deadline, "segera" with HARI_SEGERA working days left or fewer,
    else "aman"."""
    if hari > tenggat:
        return "terlambat"
    if hari_kerja_antara(hari, tenggat) <= HARI_SEGERA:
        return "segera"
    return "aman"
