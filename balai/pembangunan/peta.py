"""Where a project is on a map: a link to OpenStreetMap always, and, only when the kabupaten
configures a tile server (BALAI_TILE_URL), a small static map made of 3×3 tiles with a pin.
The static map needs no script and no inline style (the pin's place is one of 16×16 classes
of the stylesheet), so it fits the strict Content Security Policy."""

import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

ZOOM = 17
TILE = 256
LANGKAH = 16  # the pin moves in steps of 16 px inside the centre tile


def osm_url(lat, lng, zoom=ZOOM):
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lng}#map={zoom}/{lat}/{lng}"


def tile_url():
    return getattr(settings, "BALAI_TILE_URL", "") or ""


def tile_origin():
    """The tile server's origin for the page's img-src, or None without a tile server."""
    url = tile_url()
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class PetaStatis:
    baris: list  # 3 rows of 3 tile URLs
    pin_x: int  # 0..15: column of the pin inside the centre tile
    pin_y: int


def peta_statis(lat, lng, zoom=ZOOM):
    """The tiles around the point (Web Mercator, as every slippy-map server numbers them)."""
    template = tile_url()
    if not template or lat is None or lng is None:
        return None
    lat, lng = float(lat), float(lng)
    n = 2**zoom
    x = (lng + 180.0) / 360.0 * n
    rad = math.radians(lat)
    y = (1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n
    tx, ty = int(x), int(y)
    baris = [[template.format(z=zoom, x=(tx + dx) % n, y=ty + dy) for dx in (-1, 0, 1)] for dy in (-1, 0, 1)]
    langkah = TILE // LANGKAH
    pin_x = min(int((x - tx) * TILE) // langkah, LANGKAH - 1)
    pin_y = min(int((y - ty) * TILE) // langkah, LANGKAH - 1)
    return PetaStatis(baris, pin_x, pin_y)
