"""The village's place counts are cached and follow every change of its dusun, RW and RT."""

from balai.wilayah.models import RT, RW, Dusun
from balai.wilayah.selectors import jumlah_wilayah


def test_counts_are_cached_and_follow_changes(
    desa_a, no_scopes, django_assert_num_queries, django_capture_on_commit_callbacks
):
    assert jumlah_wilayah(desa=desa_a) == {"dusun": 0, "rw": 0, "rt": 0}
    with django_assert_num_queries(0):
        jumlah_wilayah(desa=desa_a)
    with django_capture_on_commit_callbacks(execute=True):
        du = Dusun.objects.create(desa=desa_a, nama="Krajan")
        rw = RW.objects.create(desa=desa_a, dusun=du, nomor=1)
        rt = RT.objects.create(desa=desa_a, rw=rw, nomor=1)
    assert jumlah_wilayah(desa=desa_a) == {"dusun": 1, "rw": 1, "rt": 1}
    with django_capture_on_commit_callbacks(execute=True):
        rt.delete()
    assert jumlah_wilayah(desa=desa_a)["rt"] == 0
