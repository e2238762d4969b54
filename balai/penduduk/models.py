"""The population register: Penduduk, Keluarga (KK), RumahTangga, Peristiwa (mutations) and
the reference codes they use.

Design
------
* Reference codes are data (`Kode`, see kode.py) with OpenSID's numeric codes. Residents keep
  one small-integer column per dimension (agama, pekerjaan, shdk, ...), validated by
  `KodeValidator` in full_clean and by the importer; statistics group by these columns
  directly, with no join, and label the groups from the cached lookup `kode.semua()`.
* Every table belongs to one village (`desa`, scoped manager) and every unique key includes
  it. The place of a resident is its RT; `dusun` and `rw` are copied from the RT by the
  services (denormalised) so lists and statistics filter and group without joins.
* A KK has one head: a partial unique index on (desa, keluarga) for living residents with
  SHDK 1 (kepala keluarga) enforces it in the database.
* A newborn whose NIK is not issued yet has an empty NIK (""), never a made-up one: the
  uniqueness rules below apply to NIKs that are there.
* A kepala keluarga (SHDK 1) always has a KK: a check constraint for the living.
* NIK: unique among the *living* residents of the whole kabupaten. That key cannot include
  desa, which every unique key here must (the schema distributes by desa_id). So the rule is
  kept by the services, under a lock (`services.lock_nik`: a PostgreSQL transaction-level
  advisory lock; SQLite serialises writers itself), with an index on `nik` for the lookup.
  Inside one village the database also enforces it: a partial unique constraint on
  (desa, nik) for living residents.
* A mutation (lahir, mati, pindah keluar, datang) is a `Peristiwa` row; the resident's row is
  kept (status_dasar changes), so the history stays for the Buku Mutasi Penduduk.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from balai.core.storage import path_for, private_storage

from . import choices
from .kode import HIDUP, KEPALA_KELUARGA, KodeValidator

angka_16 = RegexValidator(r"^\d{16}$", _("Harus 16 angka."), code="bukan_16_angka")


def kode_field(jenis, label, *, wajib=True, default=None):
    extra = {} if default is None else {"default": default}
    return models.PositiveSmallIntegerField(
        label, null=not wajib, blank=not wajib, validators=[KodeValidator(jenis)], **extra
    )


def salinan_wilayah(to):
    """A resident's or KK's dusun or RW: a copy of its RT's (see the module docstring), so with
    no database constraint (one check less per imported row) and no index of its own (read
    within one village, where the indexes on desa lead)."""
    return models.ForeignKey(
        to, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False, db_constraint=False
    )


class Kode(models.Model):
    """One reference code, e.g. (agama, 1, ISLAM). Shared by every village."""

    jenis = models.CharField(_("jenis"), max_length=30)
    kode = models.PositiveSmallIntegerField(_("kode"))
    nama = models.CharField(_("nama"), max_length=100)

    class Meta:
        ordering = ["jenis", "kode"]
        verbose_name = _("kode referensi")
        verbose_name_plural = _("kode referensi")
        constraints = [models.UniqueConstraint(fields=["jenis", "kode"], name="kode_unik_per_jenis")]

    def __str__(self):
        return f"{self.jenis} {self.kode}: {self.nama}"


class Keluarga(models.Model):
    """A Kartu Keluarga. Its head is the member with SHDK 1 (kepala keluarga)."""

    # (desa, no_kk) leads with desa_id, so it needs no index of its own.
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+", db_index=False)
    no_kk = models.CharField(_("nomor KK"), max_length=16, validators=[angka_16])
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    # As for Penduduk: rt decides; dusun and rw are copies.
    dusun = salinan_wilayah("wilayah.Dusun")
    rw = salinan_wilayah("wilayah.RW")
    rt = models.ForeignKey("wilayah.RT", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    tanggal_daftar = models.DateField(_("tanggal terdaftar"), null=True, blank=True)
    # The date printed on the card (OpenSID's tgl_cetak_kk): "tanggal dikeluarkan" in the
    # Buku KTP dan KK. Not in OpenSID's resident sheet, so an import leaves it as it is.
    tanggal_cetak_kk = models.DateField(_("tanggal cetak KK"), null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["no_kk"]
        verbose_name = _("keluarga")
        verbose_name_plural = _("keluarga")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "no_kk"],
                name="keluarga_no_kk_unik_per_desa",
                violation_error_message=_("Nomor KK ini sudah terdaftar di desa ini."),
            )
        ]

    def __str__(self):
        return _("Keluarga #%(id)s") % {"id": self.pk}


class RumahTangga(models.Model):
    """A household (OpenSID's rumah tangga): the people living under one roof, one or more KKs.

    Members are the residents whose `rumah_tangga` points here (at most one household each);
    `kepala` is the head (OpenSID's rtm_level 1), always one of the members; every other member
    is an anggota (rtm_level 2). The household's place is its head's. A member who dies or moves
    away stays linked, as the record of who lived there; only living members are counted.
    Membership changes only through the services (services.bentuk_rumah_tangga and friends)."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    no_rtm = models.CharField(_("nomor rumah tangga"), max_length=30)
    # No index of its own: the (desa, kepala) unique constraint serves lookups by head.
    kepala = models.ForeignKey(
        "Penduduk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("kepala rumah tangga"),
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["no_rtm"]
        verbose_name = _("rumah tangga")
        verbose_name_plural = _("rumah tangga")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "no_rtm"],
                name="rumah_tangga_unik_per_desa",
                violation_error_message=_("Nomor rumah tangga ini sudah dipakai di desa ini."),
            ),
            models.UniqueConstraint(
                fields=["desa", "kepala"],
                name="rumah_tangga_satu_per_kepala",
                violation_error_message=_("Penduduk ini sudah menjadi kepala rumah tangga lain."),
            ),
        ]

    def __str__(self):
        return _("Rumah tangga %(no)s") % {"no": self.no_rtm}


class Penduduk(models.Model):
    # desa_id leads the composite indexes below, so it needs no index of its own.
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+", db_index=False)
    nik = models.CharField(_("NIK"), max_length=16, blank=True, validators=[angka_16])
    nama = models.CharField(_("nama"), max_length=100)
    # The name in capitals, computed and stored by the database: searching by part of a name
    # compares it as it is (no UPPER() per row), in the list's own index and the trigram index.
    nama_cari = models.GeneratedField(
        expression=Upper("nama"), output_field=models.CharField(max_length=100), db_persist=True
    )
    jenis_kelamin = kode_field("jenis_kelamin", _("jenis kelamin"))
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    agama = kode_field("agama", _("agama"))
    pendidikan_kk = kode_field("pendidikan_kk", _("pendidikan dalam KK"))
    pendidikan_sedang = kode_field("pendidikan_sedang", _("pendidikan sedang ditempuh"), wajib=False)
    pekerjaan = kode_field("pekerjaan", _("pekerjaan"))
    status_kawin = kode_field("status_kawin", _("status perkawinan"))
    shdk = kode_field("shdk", _("hubungan dalam keluarga (SHDK)"))
    warganegara = kode_field("warganegara", _("kewarganegaraan"), default=1)
    # Birth details, as OpenSID keeps them in tweb_penduduk (waktu_lahir, tempat_dilahirkan,
    # jenis_kelahiran, kelahiran_anak_ke, penolong_kelahiran, berat_lahir in grams,
    # panjang_lahir in cm). Nullable without defaults: the importer's COPY leaves them out.
    waktu_lahir = models.TimeField(_("jam lahir"), null=True, blank=True)
    tempat_dilahirkan = models.PositiveSmallIntegerField(
        _("tempat dilahirkan"), choices=choices.TempatDilahirkan.choices, null=True, blank=True
    )
    jenis_kelahiran = models.PositiveSmallIntegerField(
        _("jenis kelahiran"), choices=choices.JenisKelahiran.choices, null=True, blank=True
    )
    kelahiran_anak_ke = models.PositiveSmallIntegerField(_("kelahiran anak ke-"), null=True, blank=True)
    penolong_kelahiran = models.PositiveSmallIntegerField(
        _("penolong kelahiran"), choices=choices.PenolongKelahiran.choices, null=True, blank=True
    )
    berat_lahir = models.PositiveIntegerField(_("berat lahir (gram)"), null=True, blank=True)
    panjang_lahir = models.DecimalField(_("panjang lahir (cm)"), max_digits=4, decimal_places=1, null=True, blank=True)
    # The scripts a resident reads (OpenSID's bahasa_id): "dapat membaca huruf" in the Buku Induk.
    bahasa = kode_field("bahasa", _("dapat membaca huruf"), wajib=False)
    ayah_nik = models.CharField(_("NIK ayah"), max_length=16, blank=True, validators=[angka_16])
    nama_ayah = models.CharField(_("nama ayah"), max_length=100, blank=True)
    ibu_nik = models.CharField(_("NIK ibu"), max_length=16, blank=True, validators=[angka_16])
    nama_ibu = models.CharField(_("nama ibu"), max_length=100, blank=True)
    golongan_darah = kode_field("golongan_darah", _("golongan darah"), wajib=False)
    akta_lahir = models.CharField(_("nomor akta kelahiran"), max_length=40, blank=True)
    dokumen_pasport = models.CharField(_("nomor paspor"), max_length=45, blank=True)
    tanggal_akhir_paspor = models.DateField(_("tanggal akhir paspor"), null=True, blank=True)
    dokumen_kitas = models.CharField(_("nomor KITAS/KITAP"), max_length=45, blank=True)
    akta_perkawinan = models.CharField(_("nomor akta perkawinan"), max_length=40, blank=True)
    tanggal_perkawinan = models.DateField(_("tanggal perkawinan"), null=True, blank=True)
    akta_perceraian = models.CharField(_("nomor akta perceraian"), max_length=40, blank=True)
    tanggal_perceraian = models.DateField(_("tanggal perceraian"), null=True, blank=True)
    cacat = kode_field("cacat", _("disabilitas"), wajib=False)
    sakit_menahun = kode_field("sakit_menahun", _("sakit menahun"), wajib=False)
    cara_kb = kode_field("cara_kb", _("akseptor KB"), wajib=False)
    hamil = models.BooleanField(_("sedang hamil"), default=False)
    ktp_el = kode_field("ktp_el", _("KTP-el"), wajib=False)
    status_rekam = kode_field("status_rekam", _("status rekam KTP-el"), wajib=False)
    alamat_sekarang = models.CharField(_("alamat sekarang"), max_length=255, blank=True)
    status_dasar = kode_field("status_dasar", _("status dasar"), default=HIDUP)
    status_penduduk = kode_field("status_penduduk", _("status penduduk"), default=1)
    suku = models.CharField(_("suku/etnis"), max_length=100, blank=True)
    tag_id_card = models.CharField(_("tag ID card"), max_length=17, blank=True)
    asuransi = kode_field("asuransi", _("asuransi kesehatan"), wajib=False)
    no_asuransi = models.CharField(_("nomor asuransi"), max_length=100, blank=True)
    lat = models.DecimalField(_("lintang"), max_digits=11, decimal_places=8, null=True, blank=True)
    lng = models.DecimalField(_("bujur"), max_digits=11, decimal_places=8, null=True, blank=True)
    keluarga = models.ForeignKey(
        Keluarga, on_delete=models.PROTECT, null=True, blank=True, related_name="anggota", verbose_name=_("keluarga")
    )
    # No index of its own on rumah_tangga: it is read within one village (the desa indexes
    # lead) and every index costs the importer; rt and keluarga keep theirs. A household is
    # dissolved by services.bubarkan_rumah_tangga, which releases its members within the
    # village's rows first; Django's SET_NULL would search the whole kabupaten's table for them.
    # The foreign key still refuses a deletion that leaves members behind.
    rumah_tangga = models.ForeignKey(
        RumahTangga, on_delete=models.DO_NOTHING, null=True, blank=True, related_name="anggota", db_index=False
    )
    # Where the resident lives. rt decides; dusun and rw are copies of its RW and dusun, set by
    # the services, which follow an RT or RW that moves (services.ikuti_wilayah). They carry no
    # database constraint: two checks less per imported row (a fifth of an import's time).
    dusun = salinan_wilayah("wilayah.Dusun")
    rw = salinan_wilayah("wilayah.RW")
    rt = models.ForeignKey("wilayah.RT", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["nama", "id"]
        verbose_name = _("penduduk")
        verbose_name_plural = _("penduduk")
        constraints = [
            # Within a village the database enforces "one living resident per NIK"; across the
            # kabupaten the services do (see the module docstring).
            models.UniqueConstraint(
                fields=["desa", "nik"],
                condition=Q(status_dasar=HIDUP) & ~Q(nik=""),
                name="penduduk_nik_hidup_unik_per_desa",
                violation_error_message=_("NIK ini sudah dipakai penduduk hidup lain di desa ini."),
            ),
            models.UniqueConstraint(
                fields=["desa", "keluarga"],
                condition=Q(shdk=KEPALA_KELUARGA, status_dasar=HIDUP),
                name="penduduk_satu_kepala_per_kk",
                violation_error_message=_("Keluarga ini sudah punya kepala keluarga."),
            ),
            models.CheckConstraint(
                condition=~Q(shdk=KEPALA_KELUARGA, status_dasar=HIDUP, keluarga__isnull=True),
                name="penduduk_kepala_punya_kk",
                violation_error_message=_("Kepala keluarga harus terdaftar dalam KK."),
            ),
        ]
        indexes = [
            # Lists and every statistic filter on (desa, status_dasar) first: this index serves
            # them all as its prefix, and the age pyramid / kelompok umur by sex from the index
            # alone on PostgreSQL. Few indexes on purpose: each one costs every imported row.
            models.Index(fields=["desa", "status_dasar", "jenis_kelamin", "tanggal_lahir"], name="penduduk_desa_umur"),
            # Kabupaten-wide NIK lookups (uniqueness among the living, import by NIK).
            models.Index(fields=["nik"], name="penduduk_nik"),
            # The resident list (by name, a page at a time after a cursor) reads one page from
            # it instead of sorting the village on every page view. With the capitalised name
            # beside each entry, a search by part of a name walks it without reading the table
            # (PostgreSQL; the list reads the page's rows afterwards, see keyset.paginate).
            models.Index(
                fields=["desa", "status_dasar", "nama", "id"], include=["nama_cari"], name="penduduk_desa_status_nama"
            ),
            # The books listing the living by family (Buku Induk, Buku KTP/KK ...), read page by
            # page in this order: no other index gives it, without one each page sorts the village.
            models.Index(
                fields=["desa", "status_dasar", "keluarga", "shdk", "tanggal_lahir", "id"],
                name="penduduk_desa_status_kk",
            ),
        ]

    def __str__(self):
        return self.nama


def nama_memuat(q, lewat=""):
    """Residents whose name contains `q` in any case (`lewat`: the path to the resident from
    another model, "penduduk__"). The text is capitalised by the same database function as
    `nama_cari`, so both sides agree on every letter."""
    return Q(**{f"{lewat}nama_cari__contains": Upper(Value(q))})


class Peristiwa(models.Model):
    """One mutation of the register (OpenSID's log_penduduk kode_peristiwa)."""

    class Jenis(models.IntegerChoices):
        LAHIR = 1, _("Lahir")
        MATI = 2, _("Mati")
        PINDAH_KELUAR = 3, _("Pindah keluar")
        HILANG = 4, _("Hilang")
        DATANG = 5, _("Pindah masuk (datang)")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    penduduk = models.ForeignKey(Penduduk, on_delete=models.PROTECT, related_name="peristiwa")
    jenis = models.PositiveSmallIntegerField(_("jenis peristiwa"), choices=Jenis.choices)
    tanggal = models.DateField(_("tanggal peristiwa"))
    no_dokumen = models.CharField(_("nomor dokumen"), max_length=100, blank=True)
    asal_tujuan = models.CharField(
        _("asal/tujuan"), max_length=255, blank=True, help_text=_("Alamat asal (datang) atau tujuan (pindah).")
    )
    keterangan = models.TextField(_("keterangan"), blank=True)
    # Death (OpenSID's log_penduduk: jam_mati, meninggal_di, sebab, penolong_mati) and who
    # reported it; a move (ref_pindah, and the reason of the Dukcapil move form).
    waktu = models.TimeField(_("jam"), null=True, blank=True)
    tempat = models.CharField(_("tempat meninggal"), max_length=100, blank=True)
    sebab_kematian = models.PositiveSmallIntegerField(
        _("sebab kematian"), choices=choices.SebabKematian.choices, null=True, blank=True
    )
    penolong_mati = models.PositiveSmallIntegerField(
        _("yang menerangkan kematian"), choices=choices.PenolongMati.choices, null=True, blank=True
    )
    pelapor = models.CharField(_("nama pelapor"), max_length=100, blank=True)
    hubungan_pelapor = models.CharField(_("hubungan pelapor dengan yang meninggal"), max_length=50, blank=True)
    jenis_pindah = models.PositiveSmallIntegerField(
        _("jenis kepindahan"), choices=choices.JenisPindah.choices, null=True, blank=True
    )
    alasan_pindah = models.PositiveSmallIntegerField(
        _("alasan pindah"), choices=choices.AlasanPindah.choices, null=True, blank=True
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat = models.DateTimeField(_("dicatat"), auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = _("peristiwa")
        verbose_name_plural = _("peristiwa")
        indexes = [models.Index(fields=["desa", "jenis", "tanggal"], name="peristiwa_desa_jenis_tanggal")]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}"


class PindahAntarDesa(models.Model):
    """A resident moving between two villages of the kabupaten, asked by the receiving village
    (`desa`, which owns the row) and confirmed by the sending one (`desa_asal`), or by the
    sending village's kecamatan once it has waited PINDAH_ANTAR_DESA_HARI days.

    Until it is confirmed the receiving village sees only the name and the status. On
    confirmation (services.konfirmasi_pindah_antar_desa) the resident's record in the sending
    village ends with a pindah keluar and a copy starts in the receiving one with a datang, in
    the chosen KK; both villages' books keep their own rows and the new record shows the old
    one's history. The sending side reads these rows across the scope, by `desa_asal`, in the
    selectors (selectors.pindah_masuk_untuk)."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu konfirmasi desa asal")
        SELESAI = "selesai", _("Dikonfirmasi")
        DITOLAK = "ditolak", _("Ditolak")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    desa_asal = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    penduduk_asal = models.ForeignKey(Penduduk, on_delete=models.PROTECT, related_name="+")
    penduduk_baru = models.ForeignKey(Penduduk, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The name shown to the receiving village while it waits (nothing else of the record).
    nama = models.CharField(_("nama"), max_length=100)
    tanggal = models.DateField(_("tanggal pindah"))
    no_dokumen = models.CharField(_("nomor surat pindah"), max_length=100, blank=True)
    alasan_pindah = models.PositiveSmallIntegerField(
        _("alasan pindah"), choices=choices.AlasanPindah.choices, null=True, blank=True
    )
    keterangan = models.TextField(_("keterangan"), blank=True)
    # Where the resident goes in the receiving village: an existing KK, or a new one.
    keluarga = models.ForeignKey(Keluarga, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    no_kk_baru = models.CharField(_("nomor KK baru"), max_length=16, blank=True, validators=[angka_16])
    shdk = kode_field("shdk", _("hubungan dalam keluarga (SHDK)"))
    rt = models.ForeignKey("wilayah.RT", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    alasan_tolak = models.CharField(_("alasan ditolak"), max_length=255, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diajukan = models.DateTimeField(_("diajukan"), auto_now_add=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diputus = models.DateTimeField(_("diputus"), null=True, blank=True)
    oleh_kecamatan = models.BooleanField(_("dikonfirmasi kecamatan"), default=False)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-diajukan", "-id"]
        verbose_name = _("pindah antar desa")
        verbose_name_plural = _("pindah antar desa")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "penduduk_asal"],
                condition=Q(status="menunggu"),
                name="pindah_antar_desa_satu_menunggu",
                violation_error_message=_("Kepindahan penduduk ini sudah diajukan dan menunggu konfirmasi."),
            )
        ]
        indexes = [models.Index(fields=["desa_asal", "status"], name="pindah_antar_desa_asal")]

    def __str__(self):
        return _("Pindah antar desa #%(id)s") % {"id": self.pk}


def nama_berkas_impor(instance, filename):
    """Uploaded registers are personal data: private storage, under a random name."""
    suffix = Path(filename).suffix.lower()[:5]
    return path_for(instance.desa_id, "penduduk", f"impor/{uuid.uuid4().hex}{suffix}")


class ImporPenduduk(models.Model):
    """One upload of an OpenSID sheet and the background job that checks or imports it."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu")
        BERJALAN = "berjalan", _("Sedang diproses")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    class Mode(models.TextChoices):
        UJI = "uji", _("Periksa saja (tidak menyimpan)")
        SEMUA = "semua", _("Impor bila seluruh berkas valid")
        VALID_SAJA = "valid_saja", _("Impor baris yang valid saja")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    berkas = models.FileField(_("berkas"), upload_to=nama_berkas_impor, storage=private_storage, blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255, blank=True)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.UJI)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    baris_total = models.PositiveIntegerField(_("jumlah baris"), default=0)
    baris_selesai = models.PositiveIntegerField(_("baris diproses"), default=0)
    jumlah_baru = models.PositiveIntegerField(_("penduduk baru"), default=0)
    jumlah_diubah = models.PositiveIntegerField(_("penduduk diperbarui"), default=0)
    baris_valid = models.PositiveIntegerField(_("baris valid"), default=0)
    jumlah_galat = models.PositiveIntegerField(_("jumlah masalah"), default=0)
    galat = models.JSONField(_("masalah"), default=list, blank=True)
    jumlah_peringatan = models.PositiveIntegerField(_("jumlah peringatan"), default=0)
    peringatan = models.JSONField(_("peringatan"), default=list, blank=True)
    kemajuan = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    lembar = models.CharField(_("lembar yang dibaca"), max_length=100, blank=True)
    pesan = models.TextField(_("pesan"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    selesai = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat"]
        verbose_name = _("impor penduduk")
        verbose_name_plural = _("impor penduduk")

    def __str__(self):
        return _("Impor %(berkas)s") % {"berkas": self.nama_berkas or self.pk}
