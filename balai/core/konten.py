"""One hook for every text that becomes public on a village site.

A module's service calls `periksa` when it saves something visitors will read (an article, a
page, a comment, a menu link, an agenda item, a document title, a product of the lapak, a PPID
entry, ...). The check itself is installed by whichever app declares a `ContentCheck` in the
registry (balai.keamanan: the judi-online guard); core names no module, and without a check
installed every text passes.

Two ways to call it, by whether the object has an unpublished state:

* The object can wait unpublished (a draft article, an unpublished announcement, a comment
  awaiting moderation): save it, then call `periksa(..., terbitkan="dotted.path")` in the same
  transaction. When the text is held, a hold is recorded for the kabupaten to review and the
  caller keeps the object unpublished (one `if`); the reviewer's release calls
  `terbitkan(obj=..., actor=...)`, which publishes it.

      artikel.save()
      if konten.periksa(desa=desa, obj=artikel, teks={"isi": raw_isi}, actor=actor,
                        terbitkan="balai.website.services.artikel.terbitkan_setelah_tinjau", request=request):
          artikel.status = Artikel.Status.DRAFT
          artikel.save(update_fields=["status"])

* The object has no such state (a menu link, the site's greeting, a photo caption): call it
  before saving, without `terbitkan`; a held text raises `KontenDitahan` (a ValidationError
  telling the author why) and nothing is saved.

`teks` holds the raw values as the author sent them, before sanitising (hidden text and links
only show there); the other public fields of the model, as declared by its app's
`PublicTextSource`, are read from the object. The check passes `request` on so the author sees
a message.

A refused text leaves a record too (the check's, through `setelah_penolakan`): refusing raises,
which rolls the caller's transaction back, so the record is written once that transaction is
over, at the end of the request (`PenolakanMiddleware`)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from .registry import ContentCheck, PublicTextSource, extensions


class KontenDitahan(ValidationError):
    """Text that may not be published as it is (the message says why)."""


def bidang_publik(obj):
    """The fields of `obj` its app declared public (PublicTextSource), or ()."""
    label = obj._meta.label
    for source in extensions(PublicTextSource):
        if source.model == label:
            return tuple(source.fields)
    return ()


def teks_publik(obj, teks=None):
    """{field: raw text} of `obj`: its declared public fields, overridden by `teks`."""
    found = {name: str(getattr(obj, name, "") or "") for name in bidang_publik(obj)}
    found.update({k: str(v or "") for k, v in (teks or {}).items()})
    return found


def periksa(*, desa, obj, teks=None, actor=None, terbitkan=None, request=None):
    """The verdict when the text of `obj` must be held (truthy), None when it may be published.
    Without `terbitkan`, a held text raises KontenDitahan instead (see the module docstring)."""
    checks = extensions(ContentCheck)
    if not checks:
        return None
    putusan = checks[0](
        desa=desa, obj=obj, teks=teks_publik(obj, teks), actor=actor, terbitkan=terbitkan, request=request
    )
    if putusan is None or not putusan.tahan:
        return None
    if terbitkan is None:
        raise KontenDitahan(putusan.pesan(ditolak=True))
    return putusan


def setelah_penolakan(request, catat):
    """Run `catat()`, which records a refused text, where the refusal cannot undo it: at once
    outside a transaction; inside one (the caller's, which the refusal rolls back), when the
    request is over (PenolakanMiddleware). Without a request (a task, a command) it is written
    only if the transaction commits after all."""
    if not transaction.get_connection().in_atomic_block:
        catat()
    elif request is not None:
        request.__dict__.setdefault("_konten_ditolak", []).append(catat)
    else:
        transaction.on_commit(catat)


class PenolakanMiddleware:
    """Writes the records of texts refused during the request (see `setelah_penolakan`), after
    the view, whose transactions are over by then. A failing record is logged, never the
    visitor's problem."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for catat in request.__dict__.pop("_konten_ditolak", ()):
            try:
                catat()
            except Exception:  # noqa: BLE001 - the answer is already made; the log tells
                logging.getLogger(__name__).exception("Catatan konten yang ditolak gagal disimpan")
        return response
