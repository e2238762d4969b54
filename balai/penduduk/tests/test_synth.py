import datetime
import random
from collections import Counter

from balai.penduduk import kode
from balai.penduduk.synth import Generator

HARI_INI = datetime.date(2025, 6, 1)


def _rows(n=3000, seed=11):
    gen = Generator(random.Random(seed), today=HARI_INI)
    return list(gen.penduduk("330304", [("Krajan", 1, 1)], n))


def _umur(row):
    lahir = row["tanggal_lahir"]
    return HARI_INI.year - lahir.year - ((HARI_INI.month, HARI_INI.day) < (lahir.month, lahir.day))


def test_reading_ability_is_believable(db):
    rows = _rows()
    assert all(r["bahasa"] is None for r in rows if _umur(r) < 6), "young children read nothing yet"
    dewasa = [r for r in rows if _umur(r) >= 17]
    counts = Counter(r["bahasa"] for r in dewasa)
    assert set(counts) - {None} <= set(kode.semua()["bahasa"]), "only known codes"
    assert counts[None] < 0.1 * len(dewasa), "most adults read"
    assert counts[4] > counts[1] > counts[6] > 0, "Arabic and Latin most common, then Latin only"
    muslim = [r for r in dewasa if r["agama"] == 1]
    lain = [r for r in dewasa if r["agama"] != 1]
    assert sum(r["bahasa"] in (3, 4, 5, 6) for r in muslim) > 0.6 * len(muslim)
    assert not any(r["bahasa"] in (3, 4, 5) for r in lain), "Arabic script is read by Muslims here"


def test_kk_print_date_is_one_per_family_between_issue_and_today():
    rows = _rows(2000)
    per_kk = {}
    for r in rows:
        per_kk.setdefault(r["no_kk"], set()).add(r["tanggal_cetak_kk"])
    assert all(len(dates) == 1 for dates in per_kk.values())
    dates = [d for (d,) in per_kk.values()]
    kosong = sum(d is None for d in dates)
    assert 0 < kosong < 0.2 * len(dates)
    for no_kk, (d,) in per_kk.items():
        if d is None:
            continue
        terbit = datetime.datetime.strptime(no_kk[6:12], "%d%m%y").date()
        assert terbit <= d <= HARI_INI
