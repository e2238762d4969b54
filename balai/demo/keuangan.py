"""Demo data: APBDes 2025 and 2026 for every desa (kelurahan have none), with amounts in the
ranges Purbalingga villages get (Dana Desa Rp 0.9–1.4 billion, ADD Rp 0.4–0.8 billion, PADes
tens of millions), belanja over the five bidang, realisation 2025 in both semesters and 2026
semester I for most. Bulk inserts: a few seconds for 224 villages. The showcase village also
has an APBDes Perubahan for 2025 and Siskeudes-style monthly realisation."""

from decimal import Decimal

from django.db import connection
from django.utils import timezone

from balai.akun.models import Peran, User
from balai.keuangan import services
from balai.keuangan.kode import nama_akun
from balai.keuangan.models import Apbdes, Baris, Kegiatan, Realisasi
from balai.wilayah.models import Desa

JUTA = 1_000_000

# (kode, nama, rekening, sumber dana, weight within its source's pool)
KEGIATAN = [
    ("1.1.01", "Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa", "5.1.1", "ADD", 12),
    ("1.1.02", "Penyediaan Penghasilan Tetap dan Tunjangan Perangkat Desa", "5.1.2", "ADD", 38),
    ("1.1.03", "Penyediaan Jaminan Sosial bagi Kepala Desa dan Perangkat Desa", "5.1.3", "ADD", 4),
    ("1.1.04", "Penyediaan Operasional Pemerintah Desa", "5.2.5", "ADD", 9),
    ("1.1.05", "Penyediaan Tunjangan BPD", "5.1.4", "ADD", 6),
    ("1.3.01", "Pelayanan Administrasi Umum dan Kependudukan", "5.2.1", "PAD", 30),
    ("1.4.01", "Penyelenggaraan Musyawarah Perencanaan Desa", "5.2.2", "ADD", 3),
    ("2.1.01", "Penyelenggaraan PAUD dan TPQ Milik Desa", "5.2.2", "DDS", 6),
    ("2.2.01", "Penyelenggaraan Posyandu (Makanan Tambahan, Kelas Ibu Hamil, Lansia)", "5.2.7", "DDS", 7),
    ("2.2.02", "Pencegahan Stunting dan Desa Siaga Kesehatan", "5.2.7", "DDS", 5),
    ("2.3.01", "Pembangunan/Rehabilitasi/Peningkatan Jalan Desa", "5.3.5", "DDS", 30),
    ("2.3.02", "Pembangunan/Rehabilitasi Saluran Irigasi Tersier", "5.3.7", "DDS", 10),
    ("2.3.03", "Pemeliharaan Jalan Lingkungan Permukiman", "5.2.6", "PBK", 60),
    ("2.4.01", "Pembangunan Sarana Air Bersih Milik Desa", "5.3.7", "DDS", 6),
    ("3.1.01", "Penyelenggaraan Ketenteraman dan Ketertiban (Linmas)", "5.2.2", "ADD", 5),
    ("3.2.01", "Pembinaan Kegiatan Keagamaan", "5.2.7", "PAD", 40),
    ("3.3.01", "Pembinaan Kepemudaan dan Olahraga Desa", "5.2.7", "PBH", 40),
    ("3.4.01", "Pembinaan Lembaga Kemasyarakatan (PKK, RT/RW, LPMD)", "5.2.2", "ADD", 10),
    ("4.2.01", "Peningkatan Produksi Tanaman Pangan", "5.2.7", "DDS", 5),
    ("4.3.01", "Peningkatan Kapasitas Kepala Desa dan Perangkat Desa", "5.2.3", "ADD", 4),
    ("4.4.01", "Pelatihan Pemberdayaan Perempuan dan Perlindungan Anak", "5.2.2", "PBK", 40),
    ("4.5.01", "Pelatihan Usaha Ekonomi Produktif dan UMKM", "5.2.2", "DDS", 5),
    ("5.1.01", "Penanggulangan Bencana (Kesiapsiagaan)", "5.4.1", "DDS", 2),
    ("5.3.01", "Bantuan Langsung Tunai Dana Desa (BLT-DD)", "5.4.1", "DDS", 12),
    ("3.2.02", "Peringatan Hari Besar Nasional dan Keagamaan", "5.2.7", "PBH", 60),
    ("1.3.02", "Penyusunan dan Pemutakhiran Data Desa", "5.2.1", "PAD", 30),
]


def _insert(model, fields, rows):
    """INSERT many rows: COPY on PostgreSQL, one executemany elsewhere. Django's bulk_create
    spends most of its time compiling SQL per object (about 10 s for the 50,000 rows here)."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _rp(jt, rng, spread=0.0):
    """Rupiah from millions, rounded to thousands, with an optional relative spread."""
    value = jt * (1 + rng.uniform(-spread, spread)) * JUTA
    return Decimal(int(value) // 1000 * 1000)


def _anggaran(rng):
    """{(kode rekening, sumber): amount} of pendapatan and pembiayaan, and the pools of belanja."""
    pendapatan = {
        ("4.1.1", "PAD"): _rp(rng.uniform(8, 60), rng),
        ("4.1.2", "PAD"): _rp(rng.uniform(5, 30), rng),
        ("4.2.1", "DDS"): _rp(rng.uniform(900, 1400), rng),
        ("4.2.2", "PBH"): _rp(rng.uniform(25, 70), rng),
        ("4.2.3", "ADD"): _rp(rng.uniform(400, 800), rng),
        ("4.2.5", "PBK"): _rp(rng.choice([0, 50, 100, 150, 200]), rng, 0.1),
    }
    if rng.random() < 0.3:
        pendapatan[("4.2.4", "PBP")] = _rp(rng.choice([100, 150]), rng)
    pendapatan = {k: v for k, v in pendapatan.items() if v}
    silpa = _rp(rng.uniform(20, 120), rng)
    modal = _rp(rng.choice([0, 0, 25, 50, 100]), rng)
    pools = {
        s: sum((v for (_k, src), v in pendapatan.items() if src == s), Decimal(0))
        for s in ("PAD", "DDS", "PBH", "ADD", "PBK", "PBP")
    }
    pools["DDS"] -= modal  # penyertaan modal BUMDes comes out of Dana Desa
    pools["SILPA"] = silpa
    pembiayaan = {("6.1.1", "SILPA"): silpa}
    if modal:
        pembiayaan[("6.2.2", "DDS")] = modal
    return pendapatan, pembiayaan, pools


def _belanja(pools, rng):
    """[(kegiatan template, rekening, sumber, amount)], each pool spread over its kegiatan."""
    lines = []
    for sumber, pool in pools.items():
        if not pool:
            continue
        if sumber in ("SILPA", "PBP"):
            # leftovers and provincial aid go to the road works
            lines.append((KEGIATAN[10], "5.3.5", sumber, pool))
            continue
        mine = [t for t in KEGIATAN if t[3] == sumber]
        weights = [t[4] * rng.uniform(0.7, 1.3) for t in mine]
        total, given = sum(weights), Decimal(0)
        for i, t in enumerate(mine):
            amount = (
                pool - given if i == len(mine) - 1 else Decimal(int(pool * Decimal(weights[i] / total)) // 1000 * 1000)
            )
            given += amount
            lines.append((t, t[2], sumber, amount))
    return lines


def seed(*, villages, showcase, rng, fake, stdout):
    desa = [d for d in villages if d.jenis == Desa.Jenis.DESA]
    if not desa or Apbdes.objects.filter(desa=showcase).exists():
        return
    now = timezone.now()
    tahun_ini = timezone.localdate().year
    years = [tahun_ini - 1, tahun_ini]
    apbdes = Apbdes.objects.bulk_create(
        [
            Apbdes(desa=d, tahun=t, versi=0, aktif=True, sumber="siskeudes" if d == showcase else "xlsx",
                   terbit=terbit, diterbitkan=now if terbit else None, nomor_perdes=f"{rng.randint(1, 9)}/{t - 1}")
            for d in desa for t in years
            for terbit in [t < tahun_ini or rng.random() < 0.85 or d == showcase]
        ]
    )  # fmt: skip

    plan, kegiatan = {}, {}  # apbdes pk -> (rows of lines); (desa, tahun, kode) -> kegiatan row
    for a in apbdes:
        pendapatan, pembiayaan, pools = _anggaran(rng)
        rows = [(kode, sumber, v, "") for (kode, sumber), v in pendapatan.items()]
        for t, rek, sumber, amount in _belanja(pools, rng):
            key = (a.desa_id, a.tahun, t[0])
            if key not in kegiatan:
                kegiatan[key] = [a.desa_id, a.tahun, t[0], t[1], t[0][0], t[0][:3], sumber, Decimal(0), "", ""]
            elif sumber not in kegiatan[key][6]:
                kegiatan[key][6] += f", {sumber}"
            kegiatan[key][7] += amount
            rows.append((rek, sumber, amount, t[0]))
        rows += [(kode, sumber, v, "") for (kode, sumber), v in pembiayaan.items()]
        plan[a.pk] = rows
    fields = ["desa", "tahun", "kode", "nama", "bidang", "sub_bidang", "sumber_dana", "pagu", "lokasi", "keluaran"]
    _insert(Kegiatan, fields, list(kegiatan.values()))
    keg_id = {
        (d, t, kode): pk
        for pk, d, t, kode in Kegiatan.objects.filter(desa_id__in=[d.pk for d in desa], tahun__in=years).values_list(
            "pk", "desa_id", "tahun", "kode"
        )
    }

    fields = ["desa", "apbdes", "jenis", "kode", "uraian", "kegiatan", "sumber_dana", "anggaran", "urutan"]
    _insert(Baris, fields, [
        (a.desa_id, a.pk, kode[0], kode, nama_akun(kode), keg_id[(a.desa_id, a.tahun, keg)] if keg else None, sumber,
         amount, i)
        for a in apbdes for i, (kode, sumber, amount, keg) in enumerate(plan[a.pk])
    ])  # fmt: skip
    baris_id = {
        (a, u): pk for pk, a, u in Baris.objects.filter(apbdes__in=apbdes).values_list("pk", "apbdes_id", "urutan")
    }
    realisasi = [
        (a.desa_id, baris_id[(a.pk, i)], smt, bulan, jumlah, now)
        for a in apbdes
        for i, (kode, _sumber, amount, _keg) in enumerate(plan[a.pk])
        for smt, bulan, jumlah in _realisasi(kode[0], amount, a, tahun_ini, showcase, rng)
    ]
    _insert(Realisasi, ["desa", "baris", "semester", "bulan", "jumlah", "dicatat"], realisasi)

    _perubahan_showcase(showcase, years[0], rng)
    stdout.write(
        f"Keuangan: APBDes {years[0]} dan {years[1]} untuk {len(desa)} desa ({len(baris_id)} baris, "
        f"{len(realisasi)} realisasi)."
    )


def _realisasi(jenis, anggaran, a, tahun_ini, showcase, rng):
    """[(semester, bulan or None, amount)]: monthly for the showcase's belanja, as a Siskeudes
    import gives them; 2026 semester I for most villages only."""
    if a.tahun == tahun_ini and not (a.desa_id == showcase.pk or rng.random() < 0.85):
        return []
    if jenis == "6":
        shares = (1.0, 0.0)
    elif jenis == "4":
        shares = (rng.uniform(0.45, 0.6), rng.uniform(0.38, 0.45))
    else:
        shares = (rng.uniform(0.25, 0.5), rng.uniform(0.4, 0.55))
    if a.tahun == tahun_ini:
        shares = (shares[0], 0.0)
    out = []
    for smt, share in ((1, shares[0]), (2, shares[1])):
        amount = Decimal(int(anggaran * Decimal(share)) // 1000 * 1000)
        if amount:
            bulan = (
                (rng.randint(1, 6) if smt == 1 else rng.randint(7, 12))
                if a.desa_id == showcase.pk and jenis == "5"
                else None
            )
            out.append((smt, bulan, amount))
    return out


def _perubahan_showcase(showcase, tahun, rng):
    """An APBDes Perubahan for the showcase: the road budget grows by the larger SiLPA."""
    actor = User.objects.filter(desa=showcase, keanggotaan__peran=Peran.OPERATOR_DESA).first()
    awal = Apbdes.objects.get(desa=showcase, tahun=tahun, aktif=True)
    p = services.buat_perubahan(desa=showcase, actor=actor, apbdes=awal)
    tambah = Decimal(75 * JUTA)
    silpa = Baris.objects.get(apbdes=p, kode="6.1.1")
    jalan = Baris.objects.filter(apbdes=p, kegiatan__kode="2.3.01").first()
    for line in (silpa, jalan):
        line.anggaran += tambah
        line.save(update_fields=["anggaran"])
    p.nomor_perdes = f"6/{tahun}"
    p.save(update_fields=["nomor_perdes"])
    services.segarkan_pagu(desa=showcase, tahun=tahun)
    services.terbitkan(desa=showcase, actor=actor, apbdes=p)
