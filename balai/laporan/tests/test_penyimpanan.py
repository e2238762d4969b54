from balai.core import storage
from balai.laporan import unduhan
from balai.penduduk.models import ImporPenduduk


def test_import_uploads_and_rendered_books_share_the_private_storage(desa_a):
    field = ImporPenduduk._meta.get_field("berkas")
    assert field.storage.location == storage.private_storage().location
    assert unduhan.storage().location == storage.private_storage().location
    assert field.generate_filename(ImporPenduduk(desa=desa_a), "Data Warga.XLSX").startswith(
        f"desa/{desa_a.pk}/penduduk/impor/"
    )
    assert unduhan.file_path(desa_a.pk, 5, "induk-202501-0123456789abcdef") == (
        f"desa/{desa_a.pk}/laporan/5/induk-202501-0123456789abcdef.pdf"
    )
