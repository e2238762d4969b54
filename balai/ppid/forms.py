"""Forms of the PPID service. They parse input only; rules live in the services (a refusal
without its legal basis is refused there too, whoever calls)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .berkas import batas_identitas
from .choices import AlasanKeberatan, CaraMemperoleh, CaraSalinan, Jawaban, PutusanKeberatan
from .models import InformasiPublik, Permohonan

# A field people never see (hidden by CSS, skipped by keyboard and screen readers): only
# robots fill it in.
HONEYPOT = "situs_web"

PEMOHON_FIELDS = [
    "nama",
    "nomor_identitas",
    "alamat",
    "telepon",
    "email",
    "pekerjaan",
    "rincian",
    "tujuan",
    "cara_memperoleh",
    "cara_salinan",
]


class _Honeypot(forms.Form):
    situs_web = forms.CharField(
        required=False,
        label=_("Jangan diisi"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def robot(self):
        return bool(self.data.get(HONEYPOT))


class PermohonanForm(forms.ModelForm):
    """The public request form. Its initial data is a plain dict of PEMOHON_FIELDS, so a signed-in
    resident's details can be filled in by whoever builds the form."""

    situs_web = _Honeypot.base_fields[HONEYPOT]
    berkas_identitas = forms.FileField(
        label=_("Foto/pindaian KTP atau identitas lain"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )

    class Meta:
        model = Permohonan
        fields = PEMOHON_FIELDS
        widgets = {
            "alamat": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "rincian": forms.Textarea(attrs={"rows": 4}),
            "tujuan": forms.Textarea(attrs={"rows": 3}),
            "cara_memperoleh": forms.RadioSelect,
            "cara_salinan": forms.RadioSelect,
            "telepon": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "nomor_identitas": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        error_messages = {
            "nama": {"required": _("Tuliskan nama Anda.")},
            "nomor_identitas": {"required": _("Tuliskan nomor KTP atau identitas lain.")},
            "alamat": {"required": _("Tuliskan alamat Anda.")},
            "rincian": {"required": _("Tuliskan informasi apa yang Anda butuhkan.")},
            "tujuan": {"required": _("Tuliskan untuk apa informasi ini akan digunakan.")},
        }

    def __init__(self, *args, wajib_identitas=True, **kwargs):
        super().__init__(*args, **kwargs)
        mb = batas_identitas() // 1024 // 1024
        self.fields["berkas_identitas"].required = wajib_identitas
        self.fields["berkas_identitas"].help_text = _(
            "JPG, PNG atau PDF, paling besar %(mb)s MB. Disimpan tertutup."
        ) % {"mb": mb}
        self.fields["berkas_identitas"].error_messages["required"] = _("Lampirkan foto atau pindaian identitas Anda.")
        self.fields["cara_salinan"].choices = list(CaraSalinan.choices)
        self.fields["cara_salinan"].required = False
        self.fields["cara_salinan"].help_text = _("Hanya bila Anda meminta salinan.")

    def clean(self):
        data = super().clean()
        if not data.get("telepon") and not data.get("email"):
            self.add_error("telepon", _("Isi nomor telepon atau alamat email agar PPID dapat menghubungi Anda."))
        salinan = data.get("cara_memperoleh") in (CaraMemperoleh.SOFTCOPY, CaraMemperoleh.HARDCOPY)
        if salinan and not data.get("cara_salinan"):
            self.add_error("cara_salinan", _("Pilih cara mendapatkan salinan."))
        if not salinan:
            data["cara_salinan"] = ""
        if data.get("cara_salinan") == CaraSalinan.EMAIL and not data.get("email"):
            self.add_error("email", _("Isi alamat email untuk menerima salinan lewat email."))
        return data

    def robot(self):
        return bool(self.data.get(HONEYPOT))

    def data_pemohon(self):
        return {name: self.cleaned_data[name] for name in PEMOHON_FIELDS}


class KeberatanForm(_Honeypot):
    nomor = forms.CharField(
        label=_("Nomor registrasi permohonan"), max_length=40, help_text=_("Mis. PPID/33.03.04.2006/2026/0001")
    )
    kode = forms.CharField(
        label=_("Kode akses"), max_length=40, help_text=_("Tertera pada tautan halaman status permohonan Anda.")
    )
    alasan = forms.ChoiceField(label=_("Alasan keberatan"), choices=AlasanKeberatan.choices, widget=forms.RadioSelect)
    uraian = forms.CharField(
        label=_("Kasus posisi"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ceritakan singkat apa yang terjadi dan apa yang Anda harapkan."),
    )


class InformasiForm(forms.ModelForm):
    """The file is checked by content in the service, never trusted here."""

    berkas_baru = forms.FileField(label=_("Berkas"), required=False)
    hapus_berkas = forms.BooleanField(label=_("Hapus berkas yang ada"), required=False)

    class Meta:
        model = InformasiPublik
        fields = [
            "kategori",
            "judul",
            "ringkasan",
            "wajib",
            "penguasa",
            "penanggung_jawab",
            "tanggal",
            "tempat",
            "bentuk",
            "jangka_simpan",
            "tautan",
            "uji_konsekuensi",
            "dasar_hukum",
            "terbit",
        ]
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ringkasan": forms.Textarea(attrs={"rows": 3}),
            "uji_konsekuensi": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "uji_konsekuensi": _("Wajib untuk informasi dikecualikan: akibat yang timbul bila informasi dibuka."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas_baru"].help_text = _("PDF, DOCX, XLSX, ODT atau ODS. Tidak untuk informasi dikecualikan.")
        self.fields["berkas_baru"].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.odt,.ods"
        if not self.instance.berkas:
            del self.fields["hapus_berkas"]

    def clean_tautan(self):
        tautan = self.cleaned_data.get("tautan", "").strip()
        if tautan and not tautan.startswith(("/", "https://", "http://")):
            raise forms.ValidationError(_("Tautan harus diawali / (halaman situs ini) atau https://."))
        return tautan

    def clean(self):
        data = super().clean()
        if data.get("kategori") == "dikecualikan":
            for name in ("uji_konsekuensi", "dasar_hukum"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Wajib diisi untuk informasi dikecualikan."))
            if data.get("berkas_baru") or data.get("tautan"):
                self.add_error("kategori", _("Informasi dikecualikan tidak boleh diberi berkas atau tautan publik."))
        return data


class JawabForm(forms.Form):
    jawaban = forms.ChoiceField(label=_("Jawaban"), choices=Jawaban.choices, widget=forms.RadioSelect)
    uraian_jawaban = forms.CharField(
        label=_("Uraian untuk pemohon"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Informasi yang diberikan dan caranya; atau mengapa tidak diberikan seluruhnya."),
    )
    dasar_pengecualian = forms.CharField(
        label=_("Dasar hukum pengecualian"),
        required=False,
        max_length=300,
        help_text=_("Wajib bila ditolak atau diberikan sebagian. Mis. UU 14/2008 Pasal 17 huruf h."),
    )
    uji_konsekuensi = forms.CharField(
        label=_("Uji konsekuensi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila ditolak atau diberikan sebagian."),
    )
    penguasa_lain = forms.CharField(
        label=_("Badan publik yang menguasai informasi"),
        required=False,
        max_length=200,
        help_text=_("Bila informasi belum dikuasai desa."),
    )
    biaya = forms.IntegerField(label=_("Biaya salinan (Rp)"), min_value=0, initial=0, required=False)


class PerpanjangForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan perpanjangan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan alasan perpanjangan.")},
    )


class TanggapanForm(forms.Form):
    putusan = forms.ChoiceField(label=_("Putusan"), choices=PutusanKeberatan.choices, widget=forms.RadioSelect)
    tanggapan = forms.CharField(
        label=_("Tanggapan tertulis"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tuliskan tanggapan atasan PPID.")},
    )
