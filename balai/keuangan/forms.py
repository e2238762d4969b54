from django import forms
from django.conf import settings
from django.utils import timezone

from . import kode as k
from .models import Apbdes, Baris, ImporApbdes, Kegiatan
from .rancangan import BukanAngka, rupiah

MAKS_UNGGAH = 10 * 1024 * 1024


class RupiahField(forms.CharField):
    """An amount as people type it ("1.250.000", "Rp 1250000"), never negative."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        if value in (None, ""):
            return ""
        try:
            d = rupiah(value)
        except BukanAngka:
            return value
        return f"{int(d):,}".replace(",", ".") + (f",{int((d - int(d)) * 100):02d}" if d != int(d) else "")

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        try:
            return rupiah(value)
        except BukanAngka as exc:
            raise forms.ValidationError(f"Jumlah {exc}.") from None


def _tahun_pilihan():
    now = timezone.localdate().year
    return [(t, t) for t in range(now + 1, now - 6, -1)]


class ApbdesBaruForm(forms.ModelForm):
    tahun = forms.TypedChoiceField(label="Tahun anggaran", coerce=int, choices=_tahun_pilihan)

    class Meta:
        model = Apbdes
        fields = ["tahun", "nomor_perdes", "tanggal_perdes"]
        widgets = {"tanggal_perdes": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class PerdesForm(forms.ModelForm):
    class Meta:
        model = Apbdes
        fields = ["nomor_perdes", "tanggal_perdes"]
        widgets = {"tanggal_perdes": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class KegiatanForm(forms.ModelForm):
    sumber_dana = forms.CharField(
        label="Sumber dana", required=False, max_length=60, help_text="Kode Siskeudes, mis. DDS atau DDS, ADD"
    )

    class Meta:
        model = Kegiatan
        fields = ["kode", "nama", "sumber_dana", "lokasi", "keluaran"]

    def clean_kode(self):
        kode = self.cleaned_data["kode"].strip()
        if not k.kode_kegiatan_valid(kode):
            raise forms.ValidationError("Tulis bidang.sub-bidang.nomor, mis. 2.3.01 (bidang 1–5, sub-bidang yang ada).")
        return k.kode_kegiatan(kode)

    def clean_sumber_dana(self):
        kode = [s.strip().upper() for s in self.cleaned_data["sumber_dana"].split(",") if s.strip()]
        salah = [s for s in kode if s not in k.SUMBER_DANA]
        if salah:
            raise forms.ValidationError(f"Sumber dana tidak dikenal: {', '.join(salah)}.")
        return ", ".join(kode)


class BarisForm(forms.ModelForm):
    anggaran = RupiahField(label="Anggaran (Rp)")
    kegiatan = forms.ModelChoiceField(label="Kegiatan", queryset=None, required=False)
    sumber_dana = forms.ChoiceField(
        label="Sumber dana", required=False, choices=[("", "—")] + [(a, f"{a} · {b}") for a, b in k.SUMBER_DANA.items()]
    )

    class Meta:
        model = Baris
        fields = ["kode", "uraian", "kegiatan", "sumber_dana", "anggaran"]
        help_texts = {"kode": "Mis. 4.2.1 (Dana Desa), 4.2.3 (ADD), 5.2.1, 6.1.1 (SiLPA)."}

    def __init__(self, *args, tahun, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kegiatan"].queryset = Kegiatan.objects.filter(desa=desa, tahun=tahun).order_by("kode")
        self.fields["kegiatan"].help_text = "Wajib untuk belanja (5.x); kosongkan untuk pendapatan dan pembiayaan."
        self.fields["kode"].widget.attrs["list"] = "kode-rekening"

    def clean_kode(self):
        kode = k.normal_kode(self.cleaned_data["kode"])
        if not k.kode_valid(kode):
            raise forms.ValidationError("Kode rekening tidak dikenal: tulis mis. 4.2.1 (Dana Desa) atau 5.2.1.")
        return kode

    def clean(self):
        data = super().clean()
        kode = data.get("kode") or ""
        if kode.startswith(k.BELANJA) and not data.get("kegiatan"):
            self.add_error("kegiatan", "Baris belanja harus masuk ke satu kegiatan.")
        if data.get("kode") and not data.get("uraian"):
            data["uraian"] = k.nama_akun(kode)
        return data


class ImporForm(forms.Form):
    tahun = forms.TypedChoiceField(label="Tahun anggaran", coerce=int, choices=_tahun_pilihan)
    jenis = forms.ChoiceField(label="Jenis berkas", choices=ImporApbdes.Jenis.choices, widget=forms.RadioSelect)
    berkas = forms.FileField(label="Berkas", help_text="Templat APBDes (.xlsx) atau ekspor Siskeudes (.zip)")

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        maks = getattr(settings, "BALAI_MAKS_UNGGAH_APBDES", MAKS_UNGGAH)
        if berkas.size > maks:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({berkas.size // 2**20} MB; paling besar {maks // 2**20} MB)."
            )
        return berkas


def realisasi_fields(lines):
    """Two amount fields per line (semester I and II), named r1_<pk>, r2_<pk>."""
    fields = {}
    for b in lines:
        for smt in (1, 2):
            fields[f"r{smt}_{b.pk}"] = RupiahField(label=f"{b.kode} semester {smt}", required=False)
    return fields


class RealisasiForm(forms.Form):
    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.fields.update(realisasi_fields(lines))
        if not self.is_bound:
            for b in lines:
                self.initial[f"r1_{b.pk}"] = b.realisasi_smt1
                self.initial[f"r2_{b.pk}"] = b.realisasi_smt2

    def nilai(self):
        """{baris pk: {semester: Decimal or None}} of the fields that were filled or cleared."""
        return {b.pk: {smt: self.cleaned_data.get(f"r{smt}_{b.pk}") for smt in (1, 2)} for b in self.lines}

    def baris_form(self):
        return [(b, self[f"r1_{b.pk}"], self[f"r2_{b.pk}"]) for b in self.lines]
