from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import Izin, PengaturanKehadiran
from .services import MASUK, PULANG, Lokasi


class AbsenForm(forms.Form):
    """What the phone sends: the screen code and, where asked, the browser's location. Time is
    never taken from the phone."""

    aksi = forms.ChoiceField(choices=[(MASUK, "Absen masuk"), (PULANG, "Absen pulang")])
    kode = forms.CharField(required=False, max_length=300)
    lintang = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    bujur = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    akurasi = forms.FloatField(required=False, min_value=0, widget=forms.HiddenInput)

    def lokasi(self):
        d = self.cleaned_data
        if d.get("lintang") is None or d.get("bujur") is None:
            return None
        return Lokasi(d["lintang"], d["bujur"], d.get("akurasi"))


class PengaturanForm(forms.ModelForm):
    class Meta:
        model = PengaturanKehadiran
        fields = [
            "jam_masuk",
            "jam_pulang",
            "jam_pulang_jumat",
            "toleransi_menit",
            "wajib_qr",
            "geofence_aktif",
            "lintang",
            "bujur",
            "radius_meter",
        ]
        widgets = {
            "jam_masuk": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "jam_pulang": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "jam_pulang_jumat": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "lintang": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
            "bujur": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
        }

    def clean(self):
        data = super().clean()
        masuk, pulang, jumat = data.get("jam_masuk"), data.get("jam_pulang"), data.get("jam_pulang_jumat")
        if masuk and pulang and pulang <= masuk:
            self.add_error("jam_pulang", "Jam pulang harus setelah jam masuk.")
        if masuk and jumat and jumat <= masuk:
            self.add_error("jam_pulang_jumat", "Jam pulang hari Jumat harus setelah jam masuk.")
        if not data.get("wajib_qr") and not data.get("geofence_aktif"):
            raise ValidationError("Pilih setidaknya satu bukti kehadiran: kode QR di kantor atau lokasi ponsel.")
        if data.get("geofence_aktif"):
            for f in ("lintang", "bujur"):
                if data.get(f) is None and f not in self.errors:
                    self.add_error(f, "Isi titik kantor untuk memakai geofence.")
        return data


class IzinForm(forms.ModelForm):
    lampiran_berkas = forms.FileField(
        label="Lampiran",
        required=False,
        help_text="Surat dokter, surat tugas atau surat permohonan: PDF atau foto (JPEG/PNG). Wajib untuk sakit "
        "lebih dari satu hari dan dinas luar.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    class Meta:
        model = Izin
        fields = ["jenis", "mulai", "sampai", "alasan"]
        widgets = {
            "mulai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "sampai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "alasan": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }

    def clean(self):
        data = super().clean()
        mulai, sampai, jenis = data.get("mulai"), data.get("sampai"), data.get("jenis")
        if mulai and sampai:
            if sampai < mulai:
                self.add_error("sampai", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
            elif (sampai - mulai).days > 90:
                self.add_error("sampai", "Satu pengajuan paling lama 90 hari; ajukan lagi untuk sisanya.")
            if mulai < timezone.localdate().replace(day=1) and jenis != Izin.Jenis.SAKIT:
                self.add_error("mulai", "Izin untuk bulan yang sudah lewat tidak dapat diajukan lagi.")
        perlu_lampiran = jenis == Izin.Jenis.DINAS_LUAR or (
            jenis == Izin.Jenis.SAKIT and mulai and sampai and sampai > mulai
        )
        if perlu_lampiran and not data.get("lampiran_berkas"):
            self.add_error("lampiran_berkas", "Lampirkan surat dokter atau surat tugas untuk pengajuan ini.")
        return data


class PutusanForm(forms.Form):
    keputusan = forms.ChoiceField(choices=[("setujui", "Setujui"), ("tolak", "Tolak")])
    catatan = forms.CharField(
        label="Alasan penolakan / catatan", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
