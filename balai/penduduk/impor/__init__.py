"""Import of OpenSID's 43-column resident sheet (xlsx, xls or csv), run as a background task.

By concern: format.py (kind of file, header, template), reader.py (rows of a CSV or of the
right sheet of a workbook), konversi.py (one row's cells to values), periksa.py (pass 1: check
everything, lock nothing, spool the rows), writer.py (pass 2: write in one transaction, the
kabupaten's NIK lock held only for the final re-check), job.py (the background job, progress,
messages). Re-importing updates residents by NIK (within the village) instead of duplicating.
"""

from .format import BerkasTidakValid, jenis_berkas, templat_xlsx
from .job import SIMPAN_UJI, bisa_dilanjutkan, hapus_berkas_lama, jalankan, jalankan_untuk, kelompokkan_galat

__all__ = [
    "SIMPAN_UJI",
    "BerkasTidakValid",
    "bisa_dilanjutkan",
    "hapus_berkas_lama",
    "jalankan",
    "jalankan_untuk",
    "jenis_berkas",
    "kelompokkan_galat",
    "templat_xlsx",
]
