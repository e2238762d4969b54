"""Forms for letters. `IsianSuratForm` is built from a letter type's spec and serves both the
back office and Layanan Mandiri."""

from django import forms
from django.core.exceptions import ValidationError

from balai.website.models import Perangkat

from . import nomor, templat
from .berkas import periksa_lampiran
from .katalog import ANGKA, PILIHAN, TANGGAL, TEKS_PANJANG, UANG
from .models import PengaturanSurat, Surat


def _field(isian):
    common = {"label": isian.label, "required": isian.wajib, "help_text": isian.bantuan}
    if isian.jenis == TANGGAL:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if isian.jenis in (ANGKA, UANG):
        return forms.IntegerField(min_value=0, max_value=10**13, **common)
    if isian.jenis == PILIHAN:
        return forms.ChoiceField(choices=[("", "—")] + [(p, p) for p in isian.pilihan], **common)
    if isian.jenis == TEKS_PANJANG:
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    return forms.CharField(max_length=200, **common)


class IsianSuratForm(forms.Form):
    """The fields of one letter type (`jenis`: a katalog.JenisSurat) and its attachments.
    `lampiran_wajib`: attachments required (Layanan Mandiri) or optional (at the office).
    After is_valid(): `isian()` -> {field: value} and `lampiran()` -> {attachment name: file}."""

    def __init__(self, jenis, data=None, files=None, *, lampiran_wajib=True, initial=None, **kwargs):
        super().__init__(data, files, initial=initial, **kwargs)
        self.jenis = jenis
        for i in jenis.isian:
            self.fields[i.nama] = _field(i)
        self.nama_lampiran = {}
        for n, nama in enumerate(jenis.lampiran):
            key = f"lampiran_{n}"
            self.nama_lampiran[key] = nama
            self.fields[key] = forms.FileField(
                label=nama,
                required=lampiran_wajib,
                help_text="Foto (JPEG/PNG) atau PDF.",
                widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
            )

    def clean(self):
        cleaned = super().clean()
        for key in self.nama_lampiran:
            file = cleaned.get(key)
            if file:
                try:
                    periksa_lampiran(file)
                except ValidationError as e:
                    self.add_error(key, e)
        return cleaned

    def isian(self):
        return {i.nama: self.cleaned_data.get(i.nama) for i in self.jenis.isian}

    def lampiran(self):
        return {nama: self.cleaned_data[key] for key, nama in self.nama_lampiran.items() if self.cleaned_data.get(key)}


class KontakForm(forms.Form):
    telepon = forms.CharField(label="Nomor HP/WA pemohon", max_length=20, required=False)
    email = forms.EmailField(label="Email pemohon", required=False)


class VerifikasiForm(forms.Form):
    penanda_tangan = forms.ModelChoiceField(queryset=Perangkat.objects.none(), label="Penanda tangan")
    atas_nama = forms.ChoiceField(choices=Surat.AtasNama.choices, required=False, label="Atas nama")

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penanda_tangan"].queryset = Perangkat.objects.filter(desa=desa, aktif=True).order_by("urutan")


class AlasanForm(forms.Form):
    alasan = forms.CharField(label="Alasan", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class PesanForm(forms.Form):
    teks = forms.CharField(label="Pesan", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CamatForm(forms.Form):
    nama_camat = forms.CharField(label="Nama camat", max_length=100)
    nip_camat = forms.CharField(label="NIP camat", max_length=30, required=False)


class TemplatForm(forms.Form):
    isi = forms.CharField(label="Isi surat", widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}))
    klasifikasi = forms.CharField(label="Kode klasifikasi", max_length=20)
    untuk_warga = forms.BooleanField(label="Bisa diminta lewat Layanan Mandiri", required=False)
    aktif = forms.BooleanField(label="Dipakai", required=False)

    def __init__(self, *args, spec, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec

    def clean_isi(self):
        return templat.periksa(self.cleaned_data["isi"], self.spec)


class PengaturanForm(forms.ModelForm):
    class Meta:
        model = PengaturanSurat
        fields = ["format_nomor", "penomoran", "kertas", "kop_baris", "kop_alamat"]
        widgets = {"kop_baris": forms.Textarea(attrs={"rows": 4})}

    def clean_format_nomor(self):
        return nomor.periksa_format(self.cleaned_data["format_nomor"])


class SuratMasukForm(forms.Form):
    tanggal_terima = forms.DateField(label="Tanggal diterima", widget=forms.DateInput(attrs={"type": "date"}))
    nomor_surat = forms.CharField(label="Nomor surat", max_length=120)
    tanggal_surat = forms.DateField(label="Tanggal surat", widget=forms.DateInput(attrs={"type": "date"}))
    pengirim = forms.CharField(label="Pengirim", max_length=200)
    perihal = forms.CharField(label="Perihal", max_length=300)
    berkas = forms.FileField(
        label="Pindaian surat", required=False, help_text="PDF, JPEG atau PNG; diperiksa dari isinya."
    )


class DisposisiForm(forms.Form):
    kepada = forms.ModelChoiceField(queryset=Perangkat.objects.none(), label="Disposisi kepada")
    isi = forms.CharField(label="Isi disposisi", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepada"].queryset = Perangkat.objects.filter(desa=desa, aktif=True).order_by("urutan")


class TindakLanjutForm(forms.Form):
    tindak_lanjut = forms.CharField(label="Tindak lanjut", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
