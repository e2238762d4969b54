"""iCalendar (RFC 5545) export of one agenda item, so residents can add it to their phone."""

from datetime import UTC

from django.utils import timezone

from balai.core.html import plain_text
from balai.core.tenancy import absolute_url, host_tenant


def _escape(text):
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")


def _utc(dt):
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space."""
    raw, out = line.encode(), []
    while len(raw) > 75:
        cut = 75
        while (raw[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
            cut -= 1
        out.append(raw[:cut].decode())
        raw = b" " + raw[cut:]
    out.append(raw.decode())
    return "\r\n".join(out)


def agenda_ics(agenda, request):
    host = host_tenant(request.tenant)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Balai//{_escape(str(agenda.desa))}//ID",
        "BEGIN:VEVENT",
        f"UID:agenda-{agenda.pk}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(agenda.mulai)}",
        f"DTEND:{_utc(agenda.selesai)}",
        f"SUMMARY:{_escape(agenda.judul)}",
        f"LOCATION:{_escape(agenda.lokasi)}",
        f"DESCRIPTION:{_escape(plain_text(agenda.uraian, 1000))}",
        f"URL:{absolute_url(request, agenda.get_absolute_url())}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
