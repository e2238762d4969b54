"""Measures the oversight itself declares (from core data every module feeds)."""

from balai.core import kesegaran


def hari_sejak_terbit(desa_ids, awal, akhir):
    """Whole days from the village's latest public publication (any module) to `akhir`."""
    return {d: max((akhir - t).days, 0) for d, t in kesegaran.terakhir(desa_ids).items() if t <= akhir}
