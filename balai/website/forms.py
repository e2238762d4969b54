from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.akun.models import User

from .models import Artikel, Halaman, Kategori, Komentar, MenuSitus, PengaturanSitus, Perangkat

RICH = {"data-editor": "rich", "rows": 14}
GAMBAR_HELP = _("JPEG, PNG, WebP atau GIF, paling besar %(mb)s MB. Data lokasi (EXIF/GPS) dibuang.")


def gambar_fields(label, *, current=None):
    """An upload field and, when a picture is set, a checkbox to remove it."""
    from django.conf import settings

    fields = {
        "file": forms.FileField(
            label=label,
            required=False,
            help_text=GAMBAR_HELP % {"mb": settings.BALAI_MAX_IMAGE_MB},
            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        )
    }
    if current:
        fields["hapus"] = forms.BooleanField(label=_("Hapus %(label)s") % {"label": label.lower()}, required=False)
    return fields


class GambarMixin:
    """Adds `<name>_file` (and `<name>_hapus`) fields for each picture field in `gambar`."""

    gambar = {}

    def add_gambar_fields(self):
        for name, label in self.gambar.items():
            for suffix, field in gambar_fields(label, current=getattr(self.instance, f"{name}_id", None)).items():
                self.fields[f"{name}_{suffix}"] = field


class ArtikelForm(GambarMixin, forms.ModelForm):
    gambar = {"gambar": _("Gambar utama")}

    AKSI = [("draft", _("Simpan sebagai draf")), ("terbit", _("Terbitkan sekarang")), ("jadwal", _("Jadwalkan"))]

    kategori = forms.ModelChoiceField(label=_("Kategori"), queryset=Kategori.objects.none(), required=False)
    tags = forms.CharField(
        label=_("Tag"), required=False, max_length=300, help_text=_("Pisahkan dengan koma, mis. posyandu, kesehatan")
    )
    aksi = forms.ChoiceField(label=_("Status"), choices=AKSI, initial="draft", widget=forms.RadioSelect)
    terbit_pada = forms.DateTimeField(
        label=_("Waktu terbit"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Wajib untuk jadwal; boleh dikosongkan untuk terbit sekarang."),
    )

    class Meta:
        model = Artikel
        fields = ["judul", "ringkasan", "isi", "kategori", "unggulan"]
        widgets = {"isi": forms.Textarea(attrs=RICH), "ringkasan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].queryset = Kategori.objects.all()
        self.add_gambar_fields()
        a = self.instance
        if a.pk:
            self.initial["tags"] = ", ".join(t.nama for t in a.tags.all())
            self.initial["aksi"] = {"terbit": "terbit", "terjadwal": "jadwal"}.get(a.status, "draft")
            if a.terbit_pada:
                self.initial["terbit_pada"] = timezone.localtime(a.terbit_pada)

    def clean(self):
        data = super().clean()
        aksi, waktu = data.get("aksi"), data.get("terbit_pada")
        if aksi == "jadwal" and (waktu is None or waktu <= timezone.now()):
            self.add_error("terbit_pada", _("Untuk menjadwalkan, isi waktu terbit yang akan datang."))
        return data

    def service_data(self):
        d = self.cleaned_data
        status = {"draft": Artikel.Status.DRAFT, "terbit": Artikel.Status.TERBIT, "jadwal": Artikel.Status.TERJADWAL}
        data = {k: d[k] for k in ("judul", "ringkasan", "isi", "kategori", "unggulan")}
        data["status"] = status[d["aksi"]]
        data["terbit_pada"] = d.get("terbit_pada") if d["aksi"] == "jadwal" else self._waktu_terbit_lalu()
        data["gambar_file"], data["gambar_hapus"] = d.get("gambar_file"), d.get("gambar_hapus", False)
        return data

    def _waktu_terbit_lalu(self):
        """Keep an earlier publication time (republishing); a future one means "now" instead."""
        waktu = self.instance.terbit_pada
        return waktu if waktu is not None and waktu <= timezone.now() else None

    def tag_names(self):
        return [t for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]


class KomentarForm(forms.ModelForm):
    # Honeypot: hidden from people by CSS, filled in by bots.
    situs_web = forms.CharField(required=False, label=_("Jangan diisi"))

    class Meta:
        model = Komentar
        fields = ["nama", "isi"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    @property
    def dari_robot(self):
        return bool(self.cleaned_data.get("situs_web"))


class PengaturanForm(GambarMixin, forms.ModelForm):
    gambar = {"logo": _("Logo"), "banner": _("Gambar sampul")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_gambar_fields()

    class Meta:
        model = PengaturanSitus
        fields = ["warna_tema", "slogan", "judul_sambutan", "sambutan", "komentar_aktif", "komentar_otomatis"]
        widgets = {"warna_tema": forms.TextInput(attrs={"type": "color"}), "sambutan": forms.Textarea(attrs=RICH)}


class HalamanForm(forms.ModelForm):
    class Meta:
        model = Halaman
        fields = ["judul", "slug", "isi", "urutan", "terbit"]
        widgets = {"isi": forms.Textarea(attrs=RICH)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Alamat halaman: /halaman/<slug>/. Kosongkan untuk dibuat dari judul.")


class PerangkatForm(GambarMixin, forms.ModelForm):
    gambar = {"foto": _("Foto")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_gambar_fields()
        # Only this village's accounts, and none already linked to another official.
        akun = User.objects.filter(desa_id=self.instance.desa_id, is_active=True).filter(
            Q(perangkat__isnull=True) | Q(perangkat__pk=self.instance.pk)
        )
        self.fields["pengguna"].queryset = akun.order_by("first_name", "username")
        self.fields["pengguna"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"

    class Meta:
        model = Perangkat
        fields = ["nama", "jabatan", "nip", "nipd", "pengguna", "urutan", "aktif"]


class MenuForm(forms.ModelForm):
    class Meta:
        model = MenuSitus
        fields = ["label", "url", "urutan"]


class KategoriForm(forms.ModelForm):
    class Meta:
        model = Kategori
        fields = ["nama"]


class AmbangKesegaranForm(forms.Form):
    hari = forms.IntegerField(
        label=_("Ingatkan desa bila tidak ada terbitan selama (hari)"), min_value=1, max_value=365
    )
