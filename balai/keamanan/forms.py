from django import forms
from django.core.exceptions import ValidationError

from .services import bersihkan_domain


class BlokirForm(forms.Form):
    domain = forms.CharField(label="Domain", max_length=300, help_text="Mis. situs-judi.com (subdomain ikut diblokir).")
    alasan = forms.CharField(label="Alasan", max_length=200, required=False)

    def clean_domain(self):
        try:
            return bersihkan_domain(self.cleaned_data["domain"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None


class IzinForm(forms.Form):
    nilai = forms.CharField(
        label="Frasa atau domain", max_length=200, help_text="Mis. “Kedai Slot Kopi” atau toko-resmi.co.id."
    )
    desa = forms.ModelChoiceField(
        label="Berlaku untuk", queryset=None, required=False, empty_label="Semua desa di kabupaten"
    )
    alasan = forms.CharField(label="Alasan", max_length=200, required=False)

    def __init__(self, *args, kabupaten, **kwargs):
        from balai.wilayah.models import Desa

        super().__init__(*args, **kwargs)
        self.fields["desa"].queryset = Desa.objects.filter(kecamatan__kabupaten=kabupaten).order_by("nama")


class TinjauForm(forms.Form):
    TINDAKAN = [
        ("lepas", "Lepaskan (terbitkan)"),
        ("positif_palsu", "Positif palsu: lepaskan dan masukkan ke daftar izin"),
    ]
    tindakan = forms.ChoiceField(label="Keputusan", choices=TINDAKAN, widget=forms.RadioSelect)
    kunci = forms.CharField(
        label="Frasa/domain untuk daftar izin",
        required=False,
        max_length=200,
        help_text="Untuk positif palsu: frasa atau domain yang keliru ditahan.",
    )
    seluruh_kabupaten = forms.BooleanField(label="Izinkan di semua desa", required=False)
    catatan = forms.CharField(label="Catatan", required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("tindakan") == "positif_palsu" and not data.get("kunci", "").strip():
            self.add_error("kunci", "Isi frasa atau domain yang keliru ditahan.")
        return data


class TandaiTemuanForm(forms.Form):
    status = forms.ChoiceField(
        label="Tandai",
        choices=[
            ("selesai", "Selesai (sudah diperbaiki)"),
            ("positif_palsu", "Positif palsu"),
            ("terbuka", "Buka kembali"),
        ],
    )
    catatan = forms.CharField(label="Catatan", required=False, max_length=300)
