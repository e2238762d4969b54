from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from balai.akun.models import PERAN_DESA, Peran, User
from balai.core.models import HariLibur
from balai.wilayah.models import Kecamatan


class PenggunaForm(forms.Form):
    """A new staff account; the password is generated, shown once and must be changed."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        help_text=_("Huruf kecil, angka, titik, garis bawah atau tanda hubung; minimal 3 karakter."),
        validators=[
            RegexValidator(r"^[a-z0-9][a-z0-9._-]{2,}$", _("Gunakan huruf kecil, angka, titik, _ atau -, minimal 3."))
        ],
    )
    nama = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Email"), help_text=_("Untuk reset kata sandi."))
    peran = forms.MultipleChoiceField(
        label=_("Peran"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Satu orang boleh memegang beberapa peran, misalnya operator sekaligus PPID."),
    )
    jabatan = forms.CharField(label=_("Jabatan"), max_length=100, required=False)

    def __init__(self, *args, peran_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peran"].choices = [(p.value, p.label) for p in peran_choices]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Nama pengguna ini sudah dipakai. Pilih yang lain."))
        return username


PERAN_DESA_CHOICES = [p for p in Peran if p in PERAN_DESA]


class OperatorKecamatanForm(PenggunaForm):
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=Kecamatan.objects.none())

    def __init__(self, *args, kabupaten, **kwargs):
        super().__init__(*args, peran_choices=[Peran.OPERATOR_KECAMATAN, Peran.ADMIN_KABUPATEN], **kwargs)
        self.fields["kecamatan"].queryset = Kecamatan.objects.filter(kabupaten=kabupaten)
        self.fields["kecamatan"].required = False

    def clean(self):
        data = super().clean()
        peran = set(data.get("peran") or ())
        if len(peran) > 1:
            self.add_error("peran", _("Pilih salah satu: operator kecamatan atau admin kabupaten."))
        elif Peran.OPERATOR_KECAMATAN in peran and not data.get("kecamatan"):
            self.add_error("kecamatan", _("Operator kecamatan harus terikat ke satu kecamatan."))
        return data


class PeranForm(forms.Form):
    """The roles of an existing account."""

    peran = forms.MultipleChoiceField(label=_("Peran"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, peran_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peran"].choices = [(p.value, p.label) for p in peran_choices]


class AuditFilterForm(forms.Form):
    """Filters of the audit log: period, who, what kind of object, which action. Every field is
    optional; bad values are form errors, never a server error."""

    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    pengguna = forms.CharField(label=_("Pengguna"), required=False, max_length=150)
    jenis = forms.ChoiceField(label=_("Jenis data"), required=False)
    tindakan = forms.ChoiceField(label=_("Tindakan"), required=False)

    def __init__(self, *args, pengguna_choices=None, jenis_choices=(), tindakan_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        if pengguna_choices is not None:
            self.fields["pengguna"] = forms.ChoiceField(
                label=_("Pengguna"), required=False, choices=[("", _("Semua"))] + list(pengguna_choices)
            )
        else:
            self.fields["pengguna"].widget.attrs["placeholder"] = _("nama pengguna")
        self.fields["jenis"].choices = [("", _("Semua"))] + list(jenis_choices)
        self.fields["tindakan"].choices = [("", _("Semua"))] + list(tindakan_choices)

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


class HariLiburForm(forms.ModelForm):
    class Meta:
        model = HariLibur
        fields = ["tanggal", "nama", "jenis"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"})}
        error_messages = {"tanggal": {"unique": "Tanggal ini sudah tercatat sebagai hari libur."}}
