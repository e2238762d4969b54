"""Distance on the ground between two points given in degrees (haversine, mean Earth radius):
within a few metres of a surveyed distance at a village office's scale, which is all a
geofence of tens of metres needs."""

import math

JARI_JARI_BUMI_M = 6_371_008.8


def jarak_meter(lat1, lng1, lat2, lng2) -> float:
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lng2) - float(lng1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * JARI_JARI_BUMI_M * math.asin(min(1.0, math.sqrt(a)))


def teks_jarak(meter: float) -> str:
    """'85 m' or '2,4 km', as people say it."""
    if meter < 1000:
        return f"{round(meter)} m"
    return f"{meter / 1000:.1f} km".replace(".", ",")
