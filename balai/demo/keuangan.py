"""Demo data: APBDes 2025 and 2026 for every desa (kelurahan have none), with amounts in the
ranges Purbalingga villages get (Dana Desa Rp 0.9–1.4 billion, ADD Rp 0.4–0.8 billion, PADes
tens of millions), belanja over the five bidang, realisation 2025 in both semesters and 2026
semester I for most. Bulk inserts: a few seconds for 224 villages. The showcase village also
has an APBDes Perubahan for 2025 and Siskeudes-style monthly realisation."""

from decimal import Decimal

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
                   terbit=t < tahun_ini or rng.random() < 0.85 or d == showcase,
                   nomor_perdes=f"{rng.randint(1, 9)}/{t - 1}")
            for d in desa for t in years
        ]
    )  # fmt: skip
    for a in apbdes:
        a.diterbitkan = now if a.terbit else None
    Apbdes.objects.bulk_update(apbdes, ["diterbitkan"])

    plan = {}  # apbdes pk -> (pendapatan, pembiayaan, belanja)
    kegiatan = []
    for a in apbdes:
        pendapatan, pembiayaan, pools = _anggaran(rng)
        belanja = _belanja(pools, rng)
        plan[a.pk] = (pendapatan, pembiayaan, belanja)
        seen = {}
        for t, _rek, sumber, amount in belanja:
            if t[0] not in seen:
                seen[t[0]] = Kegiatan(desa_id=a.desa_id, tahun=a.tahun, kode=t[0], nama=t[1], bidang=t[0][0],
                                      sub_bidang=t[0][:3], sumber_dana=sumber, pagu=Decimal(0))  # fmt: skip
            elif sumber not in seen[t[0]].sumber_dana:
                seen[t[0]].sumber_dana += f", {sumber}"
            seen[t[0]].pagu += amount
        kegiatan.extend(seen.values())
    Kegiatan.objects.bulk_create(kegiatan, batch_size=2000)
    keg_id = {(g.desa_id, g.tahun, g.kode): g.pk for g in kegiatan}

    baris, real_plan = [], []
    for a in apbdes:
        pendapatan, pembiayaan, belanja = plan[a.pk]
        rows = [(kode, sumber, v, None) for (kode, sumber), v in pendapatan.items()]
        rows += [(rek, sumber, v, keg_id[(a.desa_id, a.tahun, t[0])]) for t, rek, sumber, v in belanja]
        rows += [(kode, sumber, v, None) for (kode, sumber), v in pembiayaan.items()]
        for i, (kode, sumber, amount, kid) in enumerate(rows):
            b = Baris(desa_id=a.desa_id, apbdes_id=a.pk, jenis=kode[0], kode=kode, uraian=nama_akun(kode),
                      kegiatan_id=kid, sumber_dana=sumber, anggaran=amount, urutan=i)  # fmt: skip
            baris.append(b)
            real_plan.append((b, a))
    Baris.objects.bulk_create(baris, batch_size=2000)

    realisasi = []
    for b, a in real_plan:
        realisasi.extend(_realisasi(b, a, tahun_ini, showcase, rng))
    Realisasi.objects.bulk_create(realisasi, batch_size=5000)

    _perubahan_showcase(showcase, years[0], rng)
    stdout.write(
        f"Keuangan: APBDes {years[0]} dan {years[1]} untuk {len(desa)} desa ({len(baris)} baris, "
        f"{len(realisasi)} realisasi)."
    )


def _realisasi(b, a, tahun_ini, showcase, rng):
    """Semester figures (monthly for the showcase, as a Siskeudes import gives them)."""
    if a.tahun == tahun_ini and not (a.desa_id == showcase.pk or rng.random() < 0.85):
        return []
    if b.jenis == "6":
        shares = (1.0, 0.0)
    elif b.jenis == "4":
        shares = (rng.uniform(0.45, 0.6), rng.uniform(0.38, 0.45))
    else:
        shares = (rng.uniform(0.25, 0.5), rng.uniform(0.4, 0.55))
    if a.tahun == tahun_ini:
        shares = (shares[0], 0.0)
    out = []
    for smt, share in ((1, shares[0]), (2, shares[1])):
        amount = Decimal(int(b.anggaran * Decimal(share)) // 1000 * 1000)
        if not amount:
            continue
        if a.desa_id == showcase.pk and b.jenis == "5":
            bulan = rng.randint(1, 6) if smt == 1 else rng.randint(7, 12)
            out.append(Realisasi(desa_id=b.desa_id, baris=b, semester=smt, bulan=bulan, jumlah=amount))
        else:
            out.append(Realisasi(desa_id=b.desa_id, baris=b, semester=smt, jumlah=amount))
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
