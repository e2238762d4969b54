from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
PENANDATANGAN = {Peran.KEPALA_DESA, Peran.SEKDES}


class User(AbstractUser):
    """A person who works in Balai, bound to exactly one kabupaten, kecamatan or village.

    Residents are not users: they use Layanan Mandiri with NIK + PIN."""

    peran = models.CharField(_("peran"), max_length=30, choices=Peran.choices)
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
            models.CheckConstraint(
                name="pengguna_terikat_sesuai_peran",
                condition=(
                    Q(peran=Peran.ADMIN_KABUPATEN, kecamatan__isnull=True, desa__isnull=True)
                    | Q(peran=Peran.OPERATOR_KECAMATAN, kecamatan__isnull=False, desa__isnull=True)
                    | Q(peran__in=sorted(p.value for p in PERAN_DESA), kecamatan__isnull=False, desa__isnull=False)
                ),
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_admin_kabupaten(self):
        return self.peran == Peran.ADMIN_KABUPATEN

    @property
    def is_operator_kecamatan(self):
        return self.peran == Peran.OPERATOR_KECAMATAN

    @property
    def is_desa_staff(self):
        return self.peran in PERAN_DESA

    @property
    def wajib_2fa(self):
        return self.peran in settings.BALAI_2FA_ROLES


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
