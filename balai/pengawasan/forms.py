from django import forms
from django.utils import timezone

from balai.core.registry import SCORE_PARTS
from balai.wilayah.models import Kecamatan

from .models import ButirPembinaan, Panduan, Siaran, Usulan


class PengaturanSkorForm(forms.Form):
    """One whole-percent weight per part of the score, and the active threshold."""

    ambang_aktif = forms.IntegerField(label="Skor minimal desa aktif", min_value=0, max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for part, label in SCORE_PARTS.items():
            self.fields[f"bobot_{part}"] = forms.IntegerField(label=f"Bobot {label} (%)", min_value=0, max_value=100)

    @staticmethod
    def awal(pengaturan):
        return {"ambang_aktif": pengaturan.ambang_aktif} | {
            f"bobot_{p}": pengaturan.bobot.get(p, 0) for p in SCORE_PARTS
        }

    def bobot(self):
        return {p: self.cleaned_data[f"bobot_{p}"] for p in SCORE_PARTS}


class UsulanForm(forms.ModelForm):
    class Meta:
        model = Usulan
        fields = ["judul", "uraian"]
        labels = {"judul": "Layanan atau fitur yang diusulkan", "uraian": "Apa yang dibutuhkan dan mengapa"}
        widgets = {"uraian": forms.Textarea(attrs={"rows": 5})}


class JawabUsulanForm(forms.ModelForm):
    class Meta:
        model = Usulan
        fields = ["status", "jawaban"]
        widgets = {"jawaban": forms.Textarea(attrs={"rows": 4})}


class SiaranForm(forms.ModelForm):
    class Meta:
        model = Siaran
        fields = ["judul", "isi", "berlaku_sampai", "untuk_kecamatan"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 5}), "berlaku_sampai": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, kabupaten, dari_kecamatan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dari_kecamatan is not None:
            del self.fields["untuk_kecamatan"]  # a kecamatan speaks to its own villages
        else:
            self.fields["untuk_kecamatan"].queryset = Kecamatan.objects.filter(kabupaten=kabupaten)


class PanduanForm(forms.ModelForm):
    class Meta:
        model = Panduan
        fields = ["judul", "untuk", "ringkasan", "isi", "urutan"]
        help_texts = {"isi": "HTML sederhana: paragraf, judul kecil, daftar, tautan, gambar dari situs ini."}
        widgets = {"isi": forms.Textarea(attrs={"rows": 14})}


class PengingatForm(forms.Form):
    pesan = forms.CharField(label="Pesan untuk desa", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class BuktiForm(forms.Form):
    """The period (whole months) and the area of an evidence export."""

    dari = forms.DateField(
        label="Dari bulan", input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    )
    sampai = forms.DateField(
        label="Sampai bulan", input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    )
    kecamatan = forms.ModelChoiceField(
        label="Kecamatan", queryset=Kecamatan.objects.none(), required=False, empty_label="Semua"
    )

    def __init__(self, *args, kabupaten, satu_kecamatan=False, **kwargs):
        super().__init__(*args, **kwargs)
        if satu_kecamatan:
            del self.fields["kecamatan"]
        else:
            self.fields["kecamatan"].queryset = Kecamatan.objects.filter(kabupaten=kabupaten)

    def clean(self):
        data = super().clean()
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and dari > sampai:
            raise forms.ValidationError("Bulan awal harus sebelum atau sama dengan bulan akhir.")
        if dari and sampai and (sampai.year - dari.year) * 12 + sampai.month - dari.month >= 24:
            raise forms.ValidationError("Periode paling panjang 24 bulan.")
        return data


class SurelPeringatanForm(forms.Form):
    surel = forms.BooleanField(label="Kirim surel setiap pagi bila ada peringatan desa baru", required=False)


class ButirPembinaanForm(forms.ModelForm):
    class Meta:
        model = ButirPembinaan
        fields = ["judul", "uraian", "urutan", "aktif"]
        labels = {"judul": "Butir", "aktif": "Dihitung (masuk daftar periksa dan skor)"}
        widgets = {"uraian": forms.Textarea(attrs={"rows": 3})}


class CapaianForm(forms.Form):
    """Tick (aksi=selesai) or untick (aksi=batal) one item of a village's checklist."""

    butir = forms.ModelChoiceField(
        queryset=ButirPembinaan.objects.none(),
        error_messages={
            "required": "Pilih butir pembinaan.",
            "invalid_choice": "Butir pembinaan tidak dikenal atau tidak lagi dihitung.",
        },
    )
    aksi = forms.ChoiceField(
        choices=[("selesai", "Tandai selesai"), ("batal", "Batalkan")],
        error_messages={"invalid_choice": "Tindakan tidak dikenal.", "required": "Tindakan tidak dikenal."},
    )
    selesai_pada = forms.DateField(
        label="Selesai pada",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Tanggal selesai tidak valid (tahun-bulan-tanggal)."},
    )
    catatan = forms.CharField(
        label="Catatan",
        max_length=300,
        required=False,
        error_messages={"max_length": "Catatan paling panjang 300 huruf."},
    )

    def __init__(self, *args, kabupaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["butir"].queryset = ButirPembinaan.objects.filter(kabupaten=kabupaten, aktif=True)

    def clean_selesai_pada(self):
        tanggal = self.cleaned_data.get("selesai_pada")
        if tanggal and tanggal > timezone.localdate():
            raise forms.ValidationError("Tanggal selesai tidak boleh setelah hari ini.")
        return tanggal
