from django import forms
from django.utils.translation import gettext_lazy as _

from .berkas import batas_byte
from .models import Agenda, Album, Dokumen, Foto, Pengumuman

WAKTU = "%Y-%m-%dT%H:%M"
HTML_HELP = _("Bisa diberi huruf tebal atau miring, daftar dan tautan dengan tombol di atas kotak teks.")


class WaktuInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=WAKTU, **kwargs)


def _waktu_field(label, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=WaktuInput(),
        input_formats=[WAKTU, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        error_messages={
            "required": _("Isi %(label)s.") % {"label": label},
            "invalid": _("Format waktu tidak dikenali."),
        },
    )


class AgendaForm(forms.ModelForm):
    mulai = _waktu_field(_("Mulai"))
    selesai = _waktu_field(_("Selesai"))

    class Meta:
        model = Agenda
        fields = ["judul", "mulai", "selesai", "lokasi", "penyelenggara", "uraian", "status"]
        help_texts = {"uraian": HTML_HELP}
        error_messages = {"judul": {"required": _("Judul agenda wajib diisi.")}}
        widgets = {"uraian": forms.Textarea(attrs={"rows": 8, "data-editor": "rich"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial["status"] = Agenda.Status.TERBIT

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("selesai", _("Waktu selesai tidak boleh sebelum waktu mulai."))
        return data


class PengumumanForm(forms.ModelForm):
    mulai_tayang = _waktu_field(_("Mulai tayang"))
    berlaku_sampai = _waktu_field(
        _("Berlaku sampai"), required=False, help_text=_("Sesudah waktu ini pengumuman hilang sendiri dari situs.")
    )

    class Meta:
        model = Pengumuman
        fields = ["judul", "isi", "mulai_tayang", "berlaku_sampai", "disematkan", "penting", "terbit"]
        help_texts = {"isi": HTML_HELP}
        error_messages = {
            "judul": {"required": _("Judul pengumuman wajib diisi.")},
            "isi": {"required": _("Isi pengumuman wajib diisi.")},
        }
        widgets = {"isi": forms.Textarea(attrs={"rows": 8, "data-editor": "rich"})}

    def clean(self):
        data = super().clean()
        mulai, sampai = data.get("mulai_tayang"), data.get("berlaku_sampai")
        if mulai and sampai and sampai <= mulai:
            self.add_error("berlaku_sampai", _("'Berlaku sampai' harus sesudah 'mulai tayang'."))
        return data


class DokumenForm(forms.ModelForm):
    """The file is checked by content in the service (simpan_dokumen), never trusted here."""

    berkas = forms.FileField(label=_("Berkas"), required=False)

    class Meta:
        model = Dokumen
        fields = ["judul", "kategori", "terbit"]
        error_messages = {"judul": {"required": _("Judul dokumen wajib diisi.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mb = batas_byte() // 1024 // 1024
        self.fields["berkas"].required = self.instance.pk is None
        self.fields["berkas"].error_messages["required"] = _("Pilih berkas yang akan diunggah.")
        self.fields["berkas"].help_text = _("PDF, DOCX, XLSX, ODT atau ODS, paling besar %(mb)s MB.") % {"mb": mb}
        if self.instance.pk:
            self.fields["berkas"].help_text += " " + _("Kosongkan bila berkas tidak diganti.")
        self.fields["berkas"].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.odt,.ods"


class AlbumForm(forms.ModelForm):
    class Meta:
        model = Album
        fields = ["judul", "tanggal", "uraian", "terbit"]
        help_texts = {"uraian": _("Teks biasa, tanpa huruf tebal atau tautan.")}
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "uraian": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {"judul": {"required": _("Judul album wajib diisi.")}}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the cleaned value is a list."""

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)) and data:
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UnggahFotoForm(forms.Form):
    """Several pictures at once. Each is checked and re-encoded by the media service; this form
    only makes sure something was chosen."""

    foto = MultipleFileField(
        label=_("Foto"),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif", "multiple": True}),
        help_text=_(
            "Pilih beberapa foto sekaligus (JPEG, PNG, WebP, GIF). Foto yang sah tetap disimpan; "
            "berkas yang ditolak disebutkan satu per satu beserta alasannya."
        ),
        error_messages={"required": _("Pilih minimal satu foto.")},
    )


class FotoForm(forms.ModelForm):
    class Meta:
        model = Foto
        fields = ["keterangan", "urutan"]
