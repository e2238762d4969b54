"""Dates and times as people in the kabupaten read them: Indonesian names, local time, the
time zone said ("Sabtu, 5 Desember 2026 pukul 08.00 WIB")."""

from django.utils import formats, timezone, translation


def tanggal_jam(value):
    """An aware datetime in full Indonesian, in the site's time zone (Asia/Jakarta: WIB)."""
    local = timezone.localtime(value)
    with translation.override("id"):
        tanggal = formats.date_format(local, "l, j F Y")
    return f"{tanggal} pukul {local:%H.%M} {local.tzname()}"
