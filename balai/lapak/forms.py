import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balai.core.widgets import FastSelect
from balai.penduduk.kode import HIDUP
from balai.penduduk.models import Penduduk
from balai.publikasi.forms import MultipleFileField, MultipleFileInput
from balai.wilayah.models import Dusun

from .models import HARGA_MAKS, Kategori, Pelapak, Produk
from .nomor import normalkan_nomor, tampilkan_nomor

_RUPIAH = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+$")


def baca_rupiah(teks) -> int:
    """A price as people write it: 15000, 15.000, Rp 15.000, 15.000,00. Cents, negative
    numbers, zero and more than Rp 1 miliar are refused with the reason."""
    asli = str(teks or "").strip()
    t = re.sub(r"(?i)^rp\.?", "", asli).replace(" ", "")
    t = re.sub(r",0{1,2}$", "", t)
    if not t:
        raise ValidationError("Isi harga dalam rupiah, mis. 15000 atau 15.000.", code="kosong")
    if t.startswith("-"):
        raise ValidationError("Harga tidak boleh negatif.", code="negatif")
    if "," in t or not _RUPIAH.match(t):
        raise ValidationError(f"“{asli}” bukan harga rupiah; tulis angka saja, mis. 15000 atau 15.000.", code="format")
    nilai = int(t.replace(".", ""))
    if nilai < 1:
        raise ValidationError("Harga harus lebih dari Rp 0.", code="nol")
    if nilai > HARGA_MAKS:
        raise ValidationError("Harga lebih dari Rp 1 miliar; periksa lagi jumlah angka nolnya.", code="besar")
    return nilai


class RupiahField(forms.Field):
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 30})

    def prepare_value(self, value):
        return f"{value:,}".replace(",", ".") if isinstance(value, int) else value

    def to_python(self, value):
        value = str(value or "").strip()
        return None if not value else baca_rupiah(value)


class NomorField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(max_length=25, **kwargs)

    def prepare_value(self, value):
        return tampilkan_nomor(value) if isinstance(value, str) and value.startswith("62") else value

    def to_python(self, value):
        value = super().to_python(value)
        return "" if not value else normalkan_nomor(value)


FOTO_ATTRS = {"accept": "image/jpeg,image/png,image/webp,image/gif", "multiple": True}


class PelapakForm(forms.ModelForm):
    whatsapp = NomorField(label=_("Nomor WhatsApp"), help_text=_("Mis. 0812-3456-7890 atau +62 812 3456 7890."))
    dusun = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Dusun"), empty_label=_("— pilih dusun —"), widget=FastSelect
    )
    nik = forms.CharField(
        label=_("NIK warga (bila penjualnya warga)"),
        required=False,
        max_length=16,
        help_text=_("Menautkan pelapak ke data penduduk desa, agar ia bisa mengelola produknya lewat Layanan Mandiri."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Pelapak
        fields = ["jenis", "nama", "kontak", "whatsapp", "dusun", "lokasi"]

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.desa = desa
        self.fields["dusun"].queryset = Dusun.objects.filter(desa=desa)
        if self.instance.penduduk_id:
            self.fields["nik"].help_text = _("Tertaut ke warga terdaftar; kosongkan untuk melepas tautan.")
            self.initial["nik"] = "••••" + (self.instance.penduduk.nik or "")[-4:]

    def clean_nik(self):
        nik = self.cleaned_data["nik"].strip()
        if not nik:
            return None
        if nik.startswith("••••") and self.instance.penduduk_id:
            return self.instance.penduduk
        if not (nik.isdigit() and len(nik) == 16):
            raise ValidationError(_("NIK terdiri dari 16 angka."))
        penduduk = Penduduk.objects.filter(desa=self.desa, nik=nik, status_dasar=HIDUP).first()
        if penduduk is None:
            raise ValidationError(_("Tidak ada warga hidup dengan NIK ini di desa ini."))
        return penduduk

    def save(self, commit=True):
        self.instance.penduduk = self.cleaned_data.get("nik")
        return super().save(commit)


class ProdukForm(forms.ModelForm):
    pelapak = forms.ModelChoiceField(queryset=None, label=_("Pelapak"), widget=FastSelect)
    harga = RupiahField(label=_("Harga (Rp)"), help_text=_("Mis. 25000 atau 25.000."))
    foto = MultipleFileField(
        label=_("Tambah foto"),
        required=False,
        widget=MultipleFileInput(attrs=FOTO_ATTRS),
        help_text=_("JPEG, PNG, WebP atau GIF; paling banyak 5 foto per produk. Foto pertama jadi sampul."),
    )

    class Meta:
        model = Produk
        fields = ["pelapak", "kategori", "nama", "harga", "satuan", "ketersediaan", "stok", "berat_gram", "deskripsi"]
        widgets = {
            "kategori": FastSelect,
            "deskripsi": forms.Textarea(attrs={"rows": 6}),
            "stok": forms.NumberInput(attrs={"min": 0}),
            "berat_gram": forms.NumberInput(attrs={"min": 1}),
        }
        error_messages = {"nama": {"required": _("Nama produk wajib diisi.")}}

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].queryset = Kategori.objects.filter(kabupaten_id=desa.kecamatan.kabupaten_id, aktif=True)
        if "pelapak" in self.fields:
            boleh = Pelapak.objects.filter(desa=desa, status=Pelapak.Status.DISETUJUI)
            if self.instance.pelapak_id:  # keep the current seller selectable even if switched off since
                boleh = Pelapak.objects.filter(desa=desa, pk=self.instance.pelapak_id) | boleh
            self.fields["pelapak"].queryset = boleh
        if self.instance.kategori_id:
            self.fields["kategori"].queryset = (
                Kategori.objects.filter(pk=self.instance.kategori_id) | self.fields["kategori"].queryset
            )


class ProdukWargaForm(ProdukForm):
    """The seller's own form: the seller is the signed-in resident, never chosen."""

    pelapak = None

    class Meta(ProdukForm.Meta):
        fields = [f for f in ProdukForm.Meta.fields if f != "pelapak"]


class DaftarPelapakForm(forms.ModelForm):
    """A resident asks to sell: the shop's name, contact and where to find it."""

    whatsapp = NomorField(label=_("Nomor WhatsApp"), help_text=_("Pembeli menghubungi Anda lewat nomor ini."))
    dusun = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Dusun"), empty_label=_("— pilih dusun —"), widget=FastSelect
    )

    class Meta:
        model = Pelapak
        fields = ["nama", "whatsapp", "dusun", "lokasi"]

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dusun"].queryset = Dusun.objects.filter(desa=desa)


class KategoriForm(forms.ModelForm):
    class Meta:
        model = Kategori
        fields = ["nama", "urutan", "aktif"]


class AlasanForm(forms.Form):
    catatan = forms.CharField(label=_("Catatan untuk pelapak"), required=False, max_length=300)
