from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

KEADAAN_TTL = 60 * 10


def lupakan_keadaan(user_id):
    """Drop the cached roles and 2FA state of an account (User.keadaan)."""
    cache.delete(f"akun:keadaan:{user_id}")


class Peran(models.TextChoices):
    ADMIN_KABUPATEN = "admin_kabupaten", _("Admin kabupaten")
    OPERATOR_KECAMATAN = "operator_kecamatan", _("Operator kecamatan")
    ADMIN_DESA = "admin_desa", _("Admin desa")
    OPERATOR_DESA = "operator_desa", _("Operator desa")
    KEPALA_DESA = "kepala_desa", _("Kepala desa")
    SEKDES = "sekdes", _("Sekretaris desa")
    PERANGKAT_DESA = "perangkat_desa", _("Perangkat desa")
    PPID_DESA = "ppid_desa", _("PPID desa")


PERAN_DESA = {
    Peran.ADMIN_DESA,
    Peran.OPERATOR_DESA,
    Peran.KEPALA_DESA,
    Peran.SEKDES,
    Peran.PERANGKAT_DESA,
    Peran.PPID_DESA,
}


PERAN_KECAMATAN = {Peran.OPERATOR_KECAMATAN}
PERAN_KABUPATEN = {Peran.ADMIN_KABUPATEN}


class User(AbstractUser):
    """A person who works in Balai, bound to one kabupaten and, for kecamatan and village staff,
    to one kecamatan or one village (the unit). What they may do comes from their roles
    (`Keanggotaan`, several per person) through named permissions (`balai.akun.izin`).

    Residents are not users: they use Layanan Mandiri with NIK + PIN."""

    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.PROTECT, related_name="pengguna")
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan", on_delete=models.PROTECT, null=True, blank=True, related_name="pengguna"
    )
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, null=True, blank=True, related_name="pengguna")
    jabatan = models.CharField(_("jabatan"), max_length=100, blank=True)
    wajib_ganti_sandi = models.BooleanField(_("wajib ganti kata sandi"), default=False)

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            # A village account also names the village's kecamatan (the kecamatan's view of it).
            models.CheckConstraint(
                name="pengguna_desa_dengan_kecamatan", condition=Q(desa__isnull=True) | Q(kecamatan__isnull=False)
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def tingkat(self):
        """ "desa", "kecamatan" or "kabupaten": the unit the account is bound to."""
        if self.desa_id:
            return "desa"
        return "kecamatan" if self.kecamatan_id else "kabupaten"

    @cached_property
    def keadaan(self):
        """What every back-office request asks of the account, from one cache entry (one round
        trip): its roles (`peran`) and whether it has a confirmed authenticator (`perangkat`,
        the 2FA step). `lupakan_keadaan` drops it on any change of either (memberships here,
        authenticators in balai.akun.perangkat); the expiry is belt and braces."""
        key = f"akun:keadaan:{self.pk}"
        keadaan = cache.get(key)
        if keadaan is None:
            from django_otp import user_has_device

            keadaan = {
                "peran": frozenset(self.keanggotaan.values_list("peran", flat=True)),
                "perangkat": user_has_device(self, confirmed=True),
            }
            cache.set(key, keadaan, KEADAAN_TTL)
        return keadaan

    @cached_property
    def peran(self):
        """The roles this person holds, as a frozenset of `Peran` values (from `keadaan`, or a
        prefetched `keanggotaan` when present).

        Only roles of the account's own level count: a membership written past
        `balai.akun.services.atur_peran` (the admin site, a hand-made fix) never lifts a village
        account to the kabupaten's reach, nor gives the kabupaten admin a village role's rights
        (full NIK)."""
        if "keanggotaan" in getattr(self, "_prefetched_objects_cache", {}):
            semua = frozenset(k.peran for k in self.keanggotaan.all())
        else:
            semua = self.keadaan["peran"]
        return semua & PERAN_TINGKAT[self.tingkat]

    def lupakan_keadaan(self):
        """After the roles or authenticators changed: read them afresh, here and in every other
        process."""
        lupakan_keadaan(self.pk)
        for cached in ("keadaan", "peran", "izin"):
            self.__dict__.pop(cached, None)

    @cached_property
    def izin(self):
        from .izin import izin_untuk

        return izin_untuk(self.peran)

    def punya_izin(self, *nama):
        """Whether this person holds any of the named permissions."""
        return any(n in self.izin for n in nama)

    @property
    def nama_peran(self):
        """The roles for people to read: "Operator desa, PPID desa"."""
        label = dict(Peran.choices)
        return ", ".join(str(label[p]) for p in Peran.values if p in self.peran)

    @property
    def is_admin_kabupaten(self):
        return Peran.ADMIN_KABUPATEN in self.peran

    @property
    def is_operator_kecamatan(self):
        return Peran.OPERATOR_KECAMATAN in self.peran

    @property
    def is_desa_staff(self):
        return self.desa_id is not None and bool(self.peran & PERAN_DESA)

    @property
    def wajib_2fa(self):
        return bool(self.peran & set(settings.BALAI_2FA_ROLES))


PERAN_TINGKAT = {"desa": PERAN_DESA, "kecamatan": PERAN_KECAMATAN, "kabupaten": PERAN_KABUPATEN}


class Keanggotaan(models.Model):
    """One role a person holds in their unit. A village office has people with several: the
    operator who is also PPID, the sekdes who signs. The role must be one of the unit's level
    (`balai.akun.services.atur_peran` checks it)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="keanggotaan")
    peran = models.CharField(_("peran"), max_length=30, choices=Peran.choices)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [models.UniqueConstraint(fields=["user", "peran"], name="keanggotaan_unik")]

    def __str__(self):
        return f"{self.user} · {self.get_peran_display()}"


def _peran_berubah(sender, instance, **kwargs):
    instance.user.lupakan_keadaan()


models.signals.post_save.connect(_peran_berubah, sender=Keanggotaan, dispatch_uid="keanggotaan_simpan")
models.signals.post_delete.connect(_peran_berubah, sender=Keanggotaan, dispatch_uid="keanggotaan_hapus")


class TautanDuaLangkah(models.Model):
    """A one-time, expiring link to enrol a first authenticator, issued by the kabupaten.

    A password alone never enrols an authenticator: whoever learns a new account's password
    first could otherwise bind their own phone to it. Only a hash of the token is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tautan_2fa")
    token_hash = models.CharField(max_length=64, unique=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    berlaku_sampai = models.DateTimeField(_("berlaku sampai"))
    dipakai = models.DateTimeField(_("dipakai"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("tautan pendaftaran 2FA")
        verbose_name_plural = _("tautan pendaftaran 2FA")
        indexes = [models.Index(fields=["user", "dipakai"], name="tautan_2fa_user_dipakai")]

    def __str__(self):
        return f"Tautan 2FA {self.user}"
