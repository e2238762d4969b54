"""Numbers as Indonesians read them: Rp 1.250.000 (the APBDes module's writer), 12,5 m²."""

from decimal import Decimal

from balai.keuangan.rancangan import rp as rupiah  # noqa: F401 (one way to write rupiah)


def desimal(nilai) -> str:
    """12.50 -> '12,5'; 300.00 -> '300' (thousands with dots)."""
    if nilai is None or nilai == "":
        return ""
    d = Decimal(nilai).normalize()
    bulat, _, pecahan = f"{d:f}".partition(".")
    teks = f"{int(bulat):,}".replace(",", ".") if bulat.lstrip("-").isdigit() else bulat
    if bulat.startswith("-0"):
        teks = "-" + teks
    return f"{teks},{pecahan}" if pecahan else teks
