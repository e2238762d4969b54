"""Whether a person has a confirmed authenticator, asked on every back-office page (the 2FA step
of `access.pending_step`): answered from the account's cached state (`User.keadaan`, one cache
entry with the roles), which any change of an authenticator drops, again after the change
commits, so a request that read the old rows in between cannot keep an outdated answer alive."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import lupakan_keadaan


def punya_perangkat(user) -> bool:
    """Whether `user` has a confirmed authenticator."""
    return user.keadaan["perangkat"]


def _berubah(sender, instance, **kwargs):
    lupakan_keadaan(instance.user_id)
    transaction.on_commit(lambda: lupakan_keadaan(instance.user_id))


post_save.connect(_berubah, sender=TOTPDevice, dispatch_uid="akun_perangkat_simpan")
post_delete.connect(_berubah, sender=TOTPDevice, dispatch_uid="akun_perangkat_hapus")
