"""Per-village aggregates in one query, the shape the kabupaten's readers ask every app for
(activity measures, alerts, freshness, recaps): {desa_id: value}.

Scopes are the caller's: build the queryset where the scope you want is open (oversight reads
with scopes disabled), and read it there too."""

from django.db.models import Count


def hitung_per_desa(qs, desa_ids, **agregat):
    """{desa_id: value} of `qs` restricted to the villages `desa_ids`, grouped per village, in
    one query. Without an aggregate it counts rows (`n=Count("pk")`); with one, its value; with
    several, {name: value} per village. Villages with no row are absent.

    `qs` may also be a list of querysets (of different models): they are read in one query
    (UNION ALL) and a village's values are added up, for counts and sums over several tables."""
    agregat = agregat or {"n": Count("pk")}
    bagian = qs if isinstance(qs, (list, tuple)) else [qs]
    bagian = [q.filter(desa_id__in=desa_ids).order_by().values("desa_id").annotate(**agregat) for q in bagian]
    rows = bagian[0].union(*bagian[1:], all=True) if len(bagian) > 1 else bagian[0]
    if len(agregat) > 1:
        if len(bagian) > 1:
            raise ValueError("Querysets digabung hanya dengan satu agregat.")
        return {r.pop("desa_id"): r for r in rows}
    (nama,) = agregat
    if len(bagian) == 1:
        return {r["desa_id"]: r[nama] for r in rows}
    hasil = {}
    for r in rows:
        if r[nama] is not None:
            hasil[r["desa_id"]] = hasil.get(r["desa_id"], 0) + r[nama]
    return hasil
