from django import forms
from django.core.validators import RegexValidator

angka_16 = RegexValidator(r"^\d{16}$", "NIK terdiri dari 16 angka.")
angka_6 = RegexValidator(r"^\d{6}$", "PIN terdiri dari 6 angka.")


def _angka(label, panjang, validator, **attrs):
    widget = forms.TextInput(
        attrs={"inputmode": "numeric", "pattern": f"[0-9]{{{panjang}}}", "maxlength": panjang, **attrs}
    )
    return forms.CharField(label=label, min_length=panjang, max_length=panjang, validators=[validator], widget=widget)


def _pin(label, autocomplete):
    field = _angka(label, 6, angka_6, autocomplete=autocomplete)
    field.widget = forms.PasswordInput(attrs={**field.widget.attrs})
    return field


class MasukForm(forms.Form):
    nik = _angka("NIK", 16, angka_16, autocomplete="username")
    pin = _pin("PIN", "current-password")

    def clean_nik(self):
        return self.cleaned_data["nik"].strip()


class GantiPinForm(forms.Form):
    pin_lama = _pin("PIN lama (dari slip)", "current-password")
    pin_baru = _pin("PIN baru", "new-password")
    pin_baru_ulang = _pin("Ulangi PIN baru", "new-password")

    def clean(self):
        data = super().clean()
        if data.get("pin_baru") and data.get("pin_baru_ulang") and data["pin_baru"] != data["pin_baru_ulang"]:
            self.add_error("pin_baru_ulang", "Kedua PIN baru tidak sama.")
        return data


class CariForm(forms.Form):
    q = forms.CharField(label="Nama atau NIK", max_length=100, required=False)

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "").strip()


class SlipForm(forms.Form):
    """The PIN sent back from the page that showed it, to print its slip (never stored)."""

    pin = forms.CharField(max_length=6, min_length=6, validators=[angka_6])


class UntukForm(forms.Form):
    """Whom the letter is for: the resident or a member of their KK. Any number is accepted
    here; the view refuses one outside the KK with the reason (not "pilihan tidak valid")."""

    untuk = forms.IntegerField(label="Surat untuk", widget=forms.Select)

    def __init__(self, *args, anggota, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["untuk"].widget.choices = [(p.pk, p.nama) for p in anggota]
