from django.utils.text import slugify

# Called by the content check's reviewer to publish what it held (see terbitkan_setelah_tinjau).
TERBITKAN = "balai.website.services.terbitkan_setelah_tinjau"


def unique_slug(model, desa, text, *, exclude_pk=None, max_length=200):
    """A slug from `text` that no other row of `model` in `desa` uses (`-2`, `-3`, ... appended)."""
    base = (slugify(text) or "tanpa-judul")[:max_length].strip("-")
    taken = set(
        model.objects.filter(desa=desa, slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def store_uploads(data, *, desa, actor, fields, alt=""):
    """Replace `<field>_file` uploads in `data` by stored pictures under `<field>`; `<field>_hapus`
    True clears the picture. Refused files raise ValidationError naming the field."""
    from django.core.exceptions import ValidationError

    from balai.media.services import simpan_gambar

    data = dict(data)
    for field in fields:
        upload, clear = data.pop(f"{field}_file", None), data.pop(f"{field}_hapus", False)
        if upload:
            try:
                data[field] = simpan_gambar(desa=desa, actor=actor, file=upload, alt=alt)
            except ValidationError as exc:
                raise ValidationError({field: exc.messages})
        elif clear:
            data[field] = None
    return data
