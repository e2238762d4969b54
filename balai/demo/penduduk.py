"""Demo residents: about 1,500 in the showcase village and 100-200 in every other one, in
whole families with valid NIKs, grouped into households (most of one KK, some of two KKs of
one RT, a few KKs in none), plus a year of mutations (births, deaths, moves) in the showcase
so the Buku Mutasi has something to show. Bulk writes only."""

import datetime
import random

from django.db import connection

from balai.penduduk import kode
from balai.penduduk.models import Keluarga, Penduduk, Peristiwa, RumahTangga
from balai.penduduk.synth import TEMPAT, Generator
from balai.wilayah.models import RT


def seed(*, villages, showcase, rng, fake, stdout):
    done = set(Penduduk.objects.filter(desa__in=villages).values_list("desa_id", flat=True).distinct())
    todo = [d for d in villages if d.pk not in done]
    if not todo:
        return
    places = {}
    for rt in RT.objects.filter(desa__in=todo).select_related("rw__dusun").order_by("pk"):
        places.setdefault(rt.desa_id, []).append(((rt.rw.dusun.nama, rt.rw.nomor, rt.nomor), rt))
    gen = Generator(rng, fake)
    keluarga, rows, rumah = [], [], {}
    for desa in todo:
        if desa.pk not in places:
            continue
        prefix = desa.kode.replace(".", "")[:6]
        target = 1500 if desa.pk == showcase.pk else rng.randint(100, 200)
        by_key = dict(places[desa.pk])
        families = {}
        for row in gen.penduduk(prefix, list(by_key), target):
            rt = by_key[(row["dusun"], row["rw"], row["rt"])]
            if row["no_kk"] not in families:
                families[row["no_kk"]] = Keluarga(
                    desa=desa,
                    no_kk=row["no_kk"],
                    alamat=row["alamat"],
                    tanggal_cetak_kk=row["tanggal_cetak_kk"],
                    dusun_id=rt.rw.dusun_id,
                    rw_id=rt.rw_id,
                    rt=rt,
                )
                keluarga.append(families[row["no_kk"]])
            rows.append((desa, families[row["no_kk"]], rt, row))
        # A generator of its own: the households change no other demo data.
        rumah.update(_rumah_tangga(desa, families.values(), random.Random(f"rumah-tangga {desa.kode}")))
    Keluarga.objects.bulk_create(keluarga, batch_size=2000)
    households = list({id(r): r for r in rumah.values()}.values())
    RumahTangga.objects.bulk_create(households, batch_size=2000)
    people = []
    for desa, kk, rt, row in rows:
        values = {k: v for k, v in row.items() if k not in TEMPAT}
        r = rumah.get(row["no_kk"])
        people.append(
            Penduduk(
                desa=desa,
                keluarga_id=kk.pk,
                rumah_tangga=r,
                rt=rt,
                rw_id=rt.rw_id,
                dusun_id=rt.rw.dusun_id,
                **values,
            )
        )
    Penduduk.objects.bulk_create(people, batch_size=2000)
    # The head of a household is the head of its first KK (people are created head first).
    for p in people:
        r = p.rumah_tangga
        if r is not None and r.kepala_id is None and p.shdk == kode.KEPALA_KELUARGA:
            r.kepala_id = p.pk
    _simpan_kepala(households)
    _mutasi(showcase, rng)
    stdout.write(
        f"  Penduduk: {len(people)} jiwa dalam {len(keluarga)} KK dan {len(households)} rumah tangga "
        f"di {len(todo)} desa."
    )


def _simpan_kepala(households):
    """One prepared UPDATE run for all households (executemany), as the importer does: Django's
    bulk_update builds a CASE expression per row and took longer than the rest of this."""
    meta = RumahTangga._meta
    qn = connection.ops.quote_name
    sql = f"UPDATE {qn(meta.db_table)} SET {qn(meta.get_field('kepala').column)} = %s WHERE {qn(meta.pk.column)} = %s"
    with connection.cursor() as cur:
        cur.executemany(sql, [(r.kepala_id, r.pk) for r in households])


def _rumah_tangga(desa, families, rng):
    """{no_kk: RumahTangga}: nine KKs in ten get a household; one in eight of those shares the
    household of an earlier KK of the same RT (a married child's family living with the
    parents)."""
    out, terbuka, n = {}, {}, 0
    for kk in families:
        if rng.random() < 0.1:
            continue
        rumah = terbuka.pop(kk.rt_id, None) if rng.random() < 0.125 else None
        if rumah is None:
            n += 1
            rumah = terbuka[kk.rt_id] = RumahTangga(desa=desa, no_rtm=f"RTM-{n:04d}")
        out[kk.no_kk] = rumah
    return out


def _mutasi(desa, rng):
    """A year of mutations in the showcase: births of this year's babies, incomers, deaths, moves."""
    today = datetime.date.today()
    year_ago = today - datetime.timedelta(days=365)
    people = list(Penduduk.objects.filter(desa=desa).order_by("pk"))
    events, changed = [], []
    for p in people:
        if p.tanggal_lahir >= year_ago:
            events.append(Peristiwa(desa=desa, penduduk=p, jenis=Peristiwa.Jenis.LAHIR, tanggal=p.tanggal_lahir))
        elif not p.nik.startswith(desa.kode.replace(".", "")[:6]) and rng.random() < 0.5:
            tanggal = year_ago + datetime.timedelta(days=rng.randint(0, 360))
            events.append(
                Peristiwa(
                    desa=desa,
                    penduduk=p,
                    jenis=Peristiwa.Jenis.DATANG,
                    tanggal=tanggal,
                    no_dokumen=f"SKPWNI/{rng.randint(100, 999)}/{tanggal.year}",
                    asal_tujuan=rng.choice(["Purwokerto", "Cilacap", "Jakarta Timur", "Bandung"]),
                )
            )
    candidates = [p for p in people if p.shdk != kode.KEPALA_KELUARGA]
    for p in rng.sample(candidates, 18):
        old = p.tanggal_lahir < today - datetime.timedelta(days=365 * 60)
        jenis = Peristiwa.Jenis.MATI if old or rng.random() < 0.3 else Peristiwa.Jenis.PINDAH_KELUAR
        tanggal = max(p.tanggal_lahir, year_ago) + datetime.timedelta(days=rng.randint(0, 300))
        tanggal = min(tanggal, today)
        p.status_dasar = kode.MATI if jenis == Peristiwa.Jenis.MATI else kode.PINDAH
        changed.append(p)
        events.append(
            Peristiwa(
                desa=desa,
                penduduk=p,
                jenis=jenis,
                tanggal=tanggal,
                no_dokumen=f"{'AKM' if jenis == Peristiwa.Jenis.MATI else 'SKP'}/{rng.randint(10, 99)}/{tanggal.year}",
                asal_tujuan="" if jenis == Peristiwa.Jenis.MATI else rng.choice(["Purbalingga Kota", "Semarang"]),
            )
        )
    Penduduk.objects.bulk_update(changed, ["status_dasar"])
    Peristiwa.objects.bulk_create(events)
