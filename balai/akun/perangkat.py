"""Whether a person has a confirmed authenticator, asked on every back-office page (the 2FA step
of `access.pending_step`) and answered from the cache: most village staff have none, and looking
it up cost a query on every page they open. Any change of an authenticator drops the answer
(signals below), after the change commits, so a request that read the old rows in between
cannot keep an outdated answer alive."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

TTL = 60 * 10  # belt and braces for a change made around the signals (raw SQL, a restore)


def _kunci(user_id):
    return f"akun:punya-perangkat:{user_id}"


def punya_perangkat(user) -> bool:
    """Whether `user` has a confirmed authenticator."""
    key = _kunci(user.pk)
    punya = cache.get(key)
    if punya is None:
        punya = user_has_device(user, confirmed=True)
        cache.set(key, punya, TTL)
    return punya


def lupakan(user_id):
    cache.delete(_kunci(user_id))


def _berubah(sender, instance, **kwargs):
    lupakan(instance.user_id)
    transaction.on_commit(lambda: lupakan(instance.user_id))


post_save.connect(_berubah, sender=TOTPDevice, dispatch_uid="akun_perangkat_simpan")
post_delete.connect(_berubah, sender=TOTPDevice, dispatch_uid="akun_perangkat_hapus")
