"""Lapak: the village market. Sellers (pelapak) of a village offer products; the village office
approves both before anything is public; buyers order by WhatsApp.

Kategori is the kabupaten's one list (so the kabupaten-wide market filters by the same
categories everywhere). Pelapak, Produk, FotoProduk and StatistikProduk belong to one village:
non-null `desa`, a scoped manager, every unique constraint includes `desa`. Counters are per
product per day and hold no personal data (no IP, no visitor id)."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .nomor import POLA, tampilkan_nomor

HARGA_MAKS = 1_000_000_000  # Rp 1 miliar: no village product costs more; a typo's extra zeros do
BERAT_MAKS = 1_000_000  # grams (1 ton)


class Kategori(models.Model):
    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.PROTECT, related_name="+")
    nama = models.CharField(_("nama"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=90)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aktif = models.BooleanField(_("aktif"), default=True, help_text=_("Kategori nonaktif tidak bisa dipilih lagi."))

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name = _("kategori produk")
        verbose_name_plural = _("kategori produk")
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten", "slug"],
                name="lapak_kategori_slug_unik",
                violation_error_message=_("Alamat (slug) kategori ini sudah dipakai."),
            ),
            models.UniqueConstraint(
                fields=["kabupaten", "nama"],
                name="lapak_kategori_nama_unik",
                violation_error_message=_("Nama kategori ini sudah ada."),
            ),
        ]

    def __str__(self):
        return self.nama


class Pelapak(models.Model):
    class Jenis(models.TextChoices):
        WARGA = "warga", _("Warga")
        UMKM = "umkm", _("UMKM")
        BUMDES = "bumdes", _("BUMDes")

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu persetujuan")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")
        NONAKTIF = "nonaktif", _("Nonaktif")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.WARGA)
    penduduk = models.ForeignKey(
        "penduduk.Penduduk",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penduduk"),
        help_text=_("Warga yang berjualan: ia bisa mengelola produknya sendiri lewat Layanan Mandiri."),
    )
    nama = models.CharField(_("nama lapak"), max_length=120)
    kontak = models.CharField(_("nama kontak"), max_length=120, blank=True)
    whatsapp = models.CharField(
        _("nomor WhatsApp"),
        max_length=16,
        validators=[RegexValidator(POLA, _("Nomor WhatsApp tidak sah."))],
        help_text=_("Mis. 0812-3456-7890 atau +62 812 3456 7890."),
    )
    dusun = models.ForeignKey(
        "wilayah.Dusun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("dusun")
    )
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True, help_text=_("Mis. RT 02 RW 03, dekat masjid."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    catatan = models.CharField(_("catatan petugas"), max_length=300, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["nama", "id"]
        verbose_name = _("pelapak")
        verbose_name_plural = _("pelapak")
        constraints = [
            models.CheckConstraint(
                condition=Q(whatsapp__regex=POLA),
                name="lapak_pelapak_whatsapp_62",
                violation_error_message=_("Nomor WhatsApp harus tersimpan sebagai 62…"),
            ),
            models.UniqueConstraint(
                fields=["desa", "penduduk"],
                condition=Q(penduduk__isnull=False),
                name="lapak_pelapak_satu_per_penduduk",
                violation_error_message=_("Warga ini sudah terdaftar sebagai pelapak."),
            ),
        ]
        indexes = [models.Index(fields=["desa", "status"])]

    def __str__(self):
        return self.nama

    @property
    def disetujui(self):
        return self.status == self.Status.DISETUJUI

    @property
    def nomor_tampil(self):
        return tampilkan_nomor(self.whatsapp)


class Produk(models.Model):
    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu persetujuan")
        TAYANG = "tayang", _("Tayang")
        JEDA = "jeda", _("Dijeda")
        DITOLAK = "ditolak", _("Ditolak")

    class Ketersediaan(models.TextChoices):
        TERSEDIA = "tersedia", _("Tersedia")
        PESAN = "pesan", _("Pesan dulu (pre-order)")
        HABIS = "habis", _("Sedang habis")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    pelapak = models.ForeignKey(Pelapak, on_delete=models.PROTECT, related_name="produk", verbose_name=_("pelapak"))
    kategori = models.ForeignKey(Kategori, on_delete=models.PROTECT, related_name="+", verbose_name=_("kategori"))
    nama = models.CharField(_("nama produk"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140)
    harga = models.PositiveBigIntegerField(
        _("harga (Rp)"), validators=[MinValueValidator(1), MaxValueValidator(HARGA_MAKS)]
    )
    satuan = models.CharField(_("satuan"), max_length=30, default="pcs", help_text=_("Mis. kg, bungkus, buah, set."))
    ketersediaan = models.CharField(
        _("ketersediaan"), max_length=10, choices=Ketersediaan.choices, default=Ketersediaan.TERSEDIA
    )
    stok = models.PositiveIntegerField(_("stok"), null=True, blank=True, help_text=_("Kosongkan bila tidak dihitung."))
    deskripsi = models.TextField(_("deskripsi"), max_length=3000, blank=True, help_text=_("Teks biasa."))
    berat_gram = models.PositiveIntegerField(
        _("berat (gram)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(BERAT_MAKS)],
        help_text=_("Untuk ongkos kirim; kosongkan bila tidak dikirim."),
    )
    sampul = models.ForeignKey(
        "media.Gambar", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    catatan = models.CharField(_("catatan petugas"), max_length=300, blank=True)
    tayang_pada = models.DateTimeField(null=True, blank=True, editable=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-tayang_pada", "-id"]
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "slug"],
                name="lapak_produk_slug_unik_per_desa",
                violation_error_message=_("Alamat (slug) produk ini sudah dipakai di desa ini."),
            ),
            models.CheckConstraint(
                condition=Q(harga__gte=1) & Q(harga__lte=HARGA_MAKS),
                name="lapak_produk_harga_positif",
                violation_error_message=_("Harga harus lebih dari Rp 0 dan paling banyak Rp 1 miliar."),
            ),
            models.CheckConstraint(
                condition=Q(berat_gram__isnull=True) | (Q(berat_gram__gte=1) & Q(berat_gram__lte=BERAT_MAKS)),
                name="lapak_produk_berat_wajar",
                violation_error_message=_("Berat harus antara 1 gram dan 1 ton."),
            ),
        ]
        indexes = [
            models.Index(fields=["desa", "status", "kategori"]),
            # The kabupaten market: newest first among what is showing, and price ranges.
            models.Index(fields=["status", "-tayang_pada"], name="lapak_produk_tayang_baru"),
            models.Index(fields=["status", "harga"], name="lapak_produk_tayang_harga"),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("lapak:produk", args=[self.slug])

    @property
    def tayang(self):
        return self.status == self.Status.TAYANG


class FotoProduk(models.Model):
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    produk = models.ForeignKey(Produk, on_delete=models.CASCADE, related_name="foto")
    gambar = models.ForeignKey("media.Gambar", on_delete=models.PROTECT, related_name="+")
    urutan = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["urutan", "id"]
        verbose_name = _("foto produk")
        verbose_name_plural = _("foto produk")
        indexes = [models.Index(fields=["desa", "produk", "urutan"])]

    def __str__(self):
        return f"Foto {self.pk} {self.produk_id}"


class StatistikProduk(models.Model):
    """How often a product page was seen and its order button pressed, per day. Nothing about
    who: no address, no cookie, no visitor id."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    produk = models.ForeignKey(Produk, on_delete=models.CASCADE, related_name="+")
    tanggal = models.DateField()
    dilihat = models.PositiveIntegerField(default=0)
    dipesan = models.PositiveIntegerField(default=0)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-tanggal"]
        verbose_name = _("statistik produk")
        verbose_name_plural = _("statistik produk")
        constraints = [
            models.UniqueConstraint(fields=["desa", "produk", "tanggal"], name="lapak_statistik_unik_per_hari"),
        ]

    def __str__(self):
        return f"{self.produk_id} {self.tanggal}"
