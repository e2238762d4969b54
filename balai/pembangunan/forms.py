from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.keuangan.models import Kegiatan
from balai.wilayah.models import RT, RW, Dusun

from .choices import SATUAN
from .models import Proyek
from .services import MAKS_FOTO_PROGRES

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RupiahField(forms.CharField):
    """Rupiah as people type them: '125.000.000', 'Rp 125000000', '125 000 000'."""

    def to_python(self, value):
        teks = (super().to_python(value) or "").strip()
        if not teks:
            return 0
        bersih = teks.upper().removeprefix("RP").strip().replace(".", "").replace(" ", "")
        if bersih.startswith("-"):
            raise ValidationError(_("Anggaran tidak boleh negatif (tertulis %(v)s).") % {"v": teks}, code="negatif")
        bersih = bersih.removesuffix(",00")
        if not bersih.isdigit() or len(bersih) > 15:
            raise ValidationError(
                _("Anggaran harus berupa angka rupiah tanpa sen, mis. 125.000.000 (tertulis %(v)s).") % {"v": teks},
                code="bukan_angka",
            )
        return int(bersih)


class KoordinatField(forms.DecimalField):
    """A latitude/longitude; a decimal comma (-7,391) is read as a point."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class ProyekForm(forms.ModelForm):
    anggaran = RupiahField(label=_("Anggaran (Rp)"), required=False, help_text=_("Mis. 125.000.000"))
    lat = KoordinatField(
        label=_("Lintang"),
        required=False,
        max_digits=9,
        decimal_places=6,
        error_messages={"invalid": _("Lintang harus berupa angka desimal, mis. -7.391234.")},
    )
    lng = KoordinatField(
        label=_("Bujur"),
        required=False,
        max_digits=9,
        decimal_places=6,
        error_messages={"invalid": _("Bujur harus berupa angka desimal, mis. 109.362345.")},
    )
    # Querysets set in __init__, inside the village's scope.
    dusun = forms.ModelChoiceField(label=_("Dusun"), queryset=Dusun.objects.none(), required=False)
    rw = forms.ModelChoiceField(label=_("RW"), queryset=RW.objects.none(), required=False)
    rt = forms.ModelChoiceField(label=_("RT"), queryset=RT.objects.none(), required=False)
    kegiatan = forms.ModelChoiceField(
        label=_("Kegiatan APBDes"),
        queryset=Kegiatan.objects.none(),
        required=False,
        help_text=_("Kegiatan di APBDes yang membiayai pekerjaan ini. Anggaran kosong diisi dari pagunya."),
    )

    class Meta:
        model = Proyek
        fields = [
            "nama",
            "tahun",
            "status",
            "kegiatan",
            "sumber_dana",
            "anggaran",
            "volume",
            "satuan",
            "pelaksana",
            "dusun",
            "rw",
            "rt",
            "lokasi",
            "lat",
            "lng",
            "mulai",
            "rencana_selesai",
            "uraian",
            "terbit",
        ]
        widgets = {
            "mulai": TANGGAL,
            "rencana_selesai": TANGGAL,
            "uraian": forms.Textarea(attrs={"rows": 4}),
            "satuan": forms.TextInput(attrs={"list": "satuan-umum"}),
        }
        error_messages = {"nama": {"required": _("Nama kegiatan wajib diisi.")}}

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the village's own.
        self.fields["dusun"].queryset = Dusun.objects.filter(desa=desa).order_by("nama")
        self.fields["rw"].queryset = RW.objects.filter(desa=desa).order_by("nomor")
        self.fields["rt"].queryset = RT.objects.filter(desa=desa).select_related("rw").order_by("rw__nomor", "nomor")
        self.fields["rt"].label_from_instance = lambda rt: f"RT {rt.nomor:03d} / RW {rt.rw.nomor:03d}"
        # Physical works sit in bidang 2 (Pelaksanaan Pembangunan Desa) of the APBDes.
        self.fields["kegiatan"].queryset = Kegiatan.objects.filter(desa=desa, bidang="2").order_by("-tahun", "kode")
        self.fields["kegiatan"].label_from_instance = lambda k: f"{k.tahun} · {k.kode} {k.nama}"
        self.fields["volume"].localize = True
        self.fields["volume"].widget.is_localized = True
        for name in ("lat", "lng"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "data-peta": name})
        self.fields["lat"].help_text = _("Mis. -7.391234 (di Jawa lintang bernilai negatif).")
        self.fields["lng"].help_text = _("Mis. 109.362345")
        if self.instance.pk is None:
            self.initial.setdefault("tahun", timezone.localdate().year)
        self.satuan_umum = SATUAN


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FotoField(forms.FileField):
    """Several pictures in one field (the cleaned value is a list); each is checked by content
    and re-encoded by the media service, never trusted here."""

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProgresForm(forms.Form):
    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL)
    persen = forms.IntegerField(
        label=_("Progres (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100, "step": 1}),
        error_messages={
            "min_value": _("Progres paling sedikit 0%%."),
            "max_value": _("Progres paling banyak 100%%."),
            "invalid": _("Tulis progres sebagai angka 0 sampai 100."),
            "required": _("Isi progres dalam persen (0–100)."),
        },
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mis. pengecoran 60 m dari 150 m, menunggu material."),
    )
    foto = FotoField(
        label=_("Foto"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*", "multiple": True}),
        help_text=_("Ambil foto dengan kamera ponsel atau pilih dari galeri; paling banyak %(n)s foto.")
        % {"n": MAKS_FOTO_PROGRES},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("tanggal", timezone.localdate())

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise ValidationError(_("Tanggal progres tidak boleh di masa depan."))
        if tanggal < date(2000, 1, 1):
            raise ValidationError(_("Tanggal progres tidak wajar."))
        return tanggal
