"""One filter for the project lists: the public page, the back office and its export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.core import pencarian
from balai.wilayah.models import Dusun

from .choices import Status


class ProyekFilter(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua status")), *Status.choices])
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)

    PARAMS = ("tahun", "status", "dusun", "q")

    def __init__(self, data, *, desa, tahun_pilihan=(), cari=True):
        super().__init__(data)
        # Declared here, inside the village's scope (a class attribute would query at import).
        dusun = forms.ModelChoiceField(
            label=_("Dusun"),
            required=False,
            queryset=Dusun.objects.filter(desa=desa).order_by("nama"),
            empty_label=_("Semua dusun"),
        )
        self.fields["dusun"] = dusun
        if tahun_pilihan:
            self.fields["tahun"] = forms.TypedChoiceField(
                label=_("Tahun"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("Semua tahun")), *((t, t) for t in tahun_pilihan)],
            )
        if not cari:
            del self.fields["q"]
        self.order_fields(self.PARAMS)

    def filter(self, qs):
        """`qs` narrowed by the valid parts of the filter (an invalid value is ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("tahun"):
            qs = qs.filter(tahun=data["tahun"])
        if data.get("status"):
            qs = qs.filter(status=data["status"])
        if data.get("dusun"):
            qs = qs.filter(dusun=data["dusun"])
        q = pencarian.bersihkan(data.get("q", ""))
        if q:
            qs = qs.filter(pencarian.cocok(q, "nama", "lokasi", "pelaksana", "uraian"))
        return qs
