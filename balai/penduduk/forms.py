from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from balai.core.widgets import FastSelect
from balai.wilayah.models import RT, Dusun

from . import kode, privasi
from .models import ImporPenduduk, Keluarga, Penduduk, Peristiwa

KODE_FIELDS = [
    f.name for f in Penduduk._meta.concrete_fields if any(isinstance(v, kode.KodeValidator) for v in f.validators)
]


def _kode_field(form, name):
    model_field = Penduduk._meta.get_field(name)
    jenis = kode.jenis_field(model_field)
    wajib = not model_field.null
    form.fields[name] = forms.TypedChoiceField(
        label=model_field.verbose_name.capitalize(),
        choices=kode.pilihan(jenis, kosong="—" if not wajib else None),
        coerce=int,
        empty_value=None,
        required=wajib,
        initial=model_field.default if model_field.has_default() else None,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _rt_choices(desa):
    return RT.objects.filter(desa=desa).select_related("rw__dusun").order_by("rw__nomor", "nomor")


class RTChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, rt):
        return f"RT {rt.nomor:03d} / RW {rt.rw.nomor:03d} · Dusun {rt.rw.dusun.nama}"


class NomorSamaran(forms.TextInput):
    """A NIK/KK number shown masked (for a read-only field)."""

    def format_value(self, value):
        return privasi.samarkan(str(value)) if value else ""


def kunci_nomor(form, names, user):
    """Roles that see masked numbers (admin kabupaten working in a village) keep the numbers of
    an existing record read-only and masked: the form must not reveal what every other page
    masks. They still type numbers of new records themselves."""
    if privasi.boleh_lihat_nik(user) or form.instance.pk is None:
        return
    for name in names:
        field = form.fields[name]
        field.disabled = True
        field.widget = NomorSamaran()
        field.help_text = "Disamarkan untuk peran Anda; hanya admin/operator desa yang dapat mengubahnya."


class PendudukForm(forms.ModelForm):
    # Choices filled in __init__, inside the village scope.
    rt = RTChoiceField(queryset=None, required=False, label="RT/RW", empty_label="— belum ditempatkan —")
    no_kk = forms.CharField(
        label="Nomor KK",
        required=False,
        max_length=16,
        help_text="16 angka; kosongkan bila belum masuk KK. KK harus sudah terdaftar di menu Keluarga.",
    )

    class Meta:
        model = Penduduk
        fields = [
            "nik",
            "nama",
            "jenis_kelamin",
            "tempat_lahir",
            "tanggal_lahir",
            "agama",
            "pendidikan_kk",
            "pendidikan_sedang",
            "bahasa",
            "pekerjaan",
            "status_kawin",
            "shdk",
            "warganegara",
            "ayah_nik",
            "nama_ayah",
            "ibu_nik",
            "nama_ibu",
            "golongan_darah",
            "akta_lahir",
            "dokumen_pasport",
            "tanggal_akhir_paspor",
            "dokumen_kitas",
            "akta_perkawinan",
            "tanggal_perkawinan",
            "akta_perceraian",
            "tanggal_perceraian",
            "cacat",
            "sakit_menahun",
            "cara_kb",
            "hamil",
            "ktp_el",
            "status_rekam",
            "status_penduduk",
            "alamat_sekarang",
            "suku",
            "tag_id_card",
            "asuransi",
            "no_asuransi",
            "rt",
            "lat",
            "lng",
        ]
        widgets = {
            "tanggal_lahir": DateInput(),
            "tanggal_akhir_paspor": DateInput(),
            "tanggal_perkawinan": DateInput(),
            "tanggal_perceraian": DateInput(),
        }

    def __init__(self, *args, desa, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.desa = desa
        for name in KODE_FIELDS:
            if name in self.fields:
                _kode_field(self, name)
        self.fields["rt"].queryset = _rt_choices(desa)
        if self.instance.keluarga_id:
            self.fields["no_kk"].initial = self.instance.keluarga.no_kk
        kunci_nomor(self, ("nik", "no_kk", "ayah_nik", "ibu_nik"), user)
        self.order_fields(["nik", "nama", "no_kk"])

    def clean_no_kk(self):
        no_kk = (self.cleaned_data["no_kk"] or "").strip()
        if not no_kk:
            self.instance.keluarga = None
            return ""
        keluarga = Keluarga.objects.filter(desa=self.desa, no_kk=no_kk).first()
        if keluarga is None:
            raise ValidationError("Nomor KK ini belum terdaftar di desa ini. Tambahkan dulu di menu Keluarga.")
        self.instance.keluarga = keluarga
        return no_kk

    def _post_clean(self):
        # Model validation (NIK rules, heads of family) runs in the service, which reports per field.
        opts = self._meta
        try:
            self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)
        except ValidationError as e:
            self._update_errors(e)


class PeristiwaForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal peristiwa", widget=DateInput())
    no_dokumen = forms.CharField(label="Nomor dokumen", max_length=100, required=False)
    asal_tujuan = forms.CharField(label="Alamat tujuan", max_length=255, required=False)
    keterangan = forms.CharField(label="Keterangan", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, jenis, **kwargs):
        super().__init__(*args, **kwargs)
        if jenis == Peristiwa.Jenis.MATI:
            del self.fields["asal_tujuan"]
            self.fields["no_dokumen"].label = "Nomor akta/surat kematian"
        else:
            self.fields["no_dokumen"].label = "Nomor surat pindah"

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise ValidationError("Tanggal peristiwa tidak boleh di masa depan.")
        return tanggal


class KedatanganForm(forms.Form):
    """Extra fields for a resident moving in."""

    tanggal = forms.DateField(label="Tanggal datang", widget=DateInput())
    no_dokumen = forms.CharField(label="Nomor surat pindah (SKPWNI)", max_length=100, required=False)
    asal_tujuan = forms.CharField(label="Alamat asal", max_length=255, required=False)


class KeluargaForm(forms.ModelForm):
    rt = RTChoiceField(queryset=None, required=False, label="RT/RW", empty_label="— belum ditempatkan —")

    class Meta:
        model = Keluarga
        fields = ["no_kk", "alamat", "rt", "tanggal_daftar", "tanggal_cetak_kk"]
        widgets = {"tanggal_daftar": DateInput(), "tanggal_cetak_kk": DateInput()}
        help_texts = {"tanggal_cetak_kk": "Tanggal yang tercetak pada kartu; tampil di Buku KTP dan KK."}

    def __init__(self, *args, desa, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rt"].queryset = _rt_choices(desa)
        kunci_nomor(self, ("no_kk",), user)

    def _post_clean(self):
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)


def cari_nomor_penuh(q, user):
    """Whether a numeric search `q` must match a whole NIK/KK number. Roles that see masked
    numbers only find a resident by the full 16 digits: a prefix search would let them read a
    masked number digit by digit from which rows stay in the list. (A shorter number then finds
    nothing.)"""
    return len(q) >= 16 or not privasi.boleh_lihat_nik(user)


class PendudukFilter(forms.Form):
    """Filters of the resident list; shared by the list page and the export."""

    # The list is opened all day: its choices come from a per-village cache and its selects
    # are written without a template per option.
    q = forms.CharField(label="Cari nama/NIK", required=False, max_length=100)
    dusun = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, widget=FastSelect)
    rw = forms.TypedChoiceField(label="RW", required=False, coerce=int, empty_value=None, widget=FastSelect)
    rt = forms.TypedChoiceField(label="RT", required=False, coerce=int, empty_value=None, widget=FastSelect)
    jenis_kelamin = forms.TypedChoiceField(
        label="Jenis kelamin", required=False, coerce=int, empty_value=None, choices=[], widget=FastSelect
    )
    status_dasar = forms.TypedChoiceField(
        label="Status", required=False, coerce=int, empty_value=None, choices=[], widget=FastSelect
    )

    def __init__(self, *args, desa, user, **kwargs):
        from .selectors import pilihan_tempat

        super().__init__(*args, **kwargs)
        self.user = user
        tempat = pilihan_tempat(desa=desa)
        self.fields["dusun"].choices = [("", "Semua dusun"), *tempat["dusun"]]
        self.fields["rw"].choices = [("", "Semua RW"), *tempat["rw"]]
        self.fields["rt"].choices = [("", "Semua RT"), *tempat["rt"]]
        self.fields["jenis_kelamin"].choices = kode.pilihan("jenis_kelamin", kosong="Semua")
        self.fields["status_dasar"].choices = (
            [("", "Hidup")]
            + [(k, n) for k, n in kode.pilihan("status_dasar") if k != kode.HIDUP]
            + [("0", "Semua status")]
        )

    def tanpa_saring(self):
        """Whether the list is the plain one (the living, nothing chosen): its total is known."""
        if not self.is_bound:
            return True
        return self.is_valid() and not any(v not in (None, "") for v in self.cleaned_data.values())

    def filter(self, qs):
        if self.is_bound and not self.is_valid():
            return qs.none()  # the page says what is wrong (a search too long, a dusun that is gone)
        data = self.cleaned_data if self.is_bound else {}
        status = data.get("status_dasar")
        if status is None:
            qs = qs.filter(status_dasar=kode.HIDUP)
        elif status:
            qs = qs.filter(status_dasar=status)
        for name in ("dusun_id", "rw_id", "rt_id", "jenis_kelamin"):
            if data.get(name.removesuffix("_id")) is not None:
                qs = qs.filter(**{name: data[name.removesuffix("_id")]})
        q = (data.get("q") or "").strip()
        if q.isdigit():
            qs = qs.filter(nik=q) if cari_nomor_penuh(q, self.user) else qs.filter(nik__startswith=q)
        elif q:
            qs = qs.filter(nama__icontains=q)
        return qs


BUKAN_WARGA = "Penduduk ini bukan warga desa ini."


class RumahTanggaFilter(forms.Form):
    """Filters of the household list: its number, the head's name or a member's whole NIK, and
    the head's dusun."""

    q = forms.CharField(label="Cari nomor / nama kepala / NIK", required=False, max_length=100)
    dusun = forms.ModelChoiceField(queryset=None, required=False, empty_label="Semua dusun")

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.desa = desa
        self.fields["dusun"].queryset = Dusun.objects.filter(desa=desa).order_by("nama")

    def filter(self, qs):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("dusun") is not None:
            qs = qs.filter(kepala__dusun=data["dusun"])
        q = (data.get("q") or "").strip()
        if q.isdigit() and len(q) == 16:
            # A whole NIK finds the household of that resident (any role: nothing is revealed
            # that the number did not already say); shorter numbers match household numbers only.
            anggota = Penduduk.objects.filter(desa=self.desa, nik=q, rumah_tangga__isnull=False)
            qs = qs.filter(pk__in=anggota.values("rumah_tangga_id"))
        elif q:
            qs = qs.filter(Q(no_rtm__icontains=q) | Q(kepala__nama__icontains=q))
        return qs


class RumahTanggaForm(forms.Form):
    """A new household: its number (empty: the next running number) and whether the head's
    whole KK joins. The head is chosen from the search results (a button per resident)."""

    no_rtm = forms.CharField(
        label="Nomor rumah tangga",
        required=False,
        max_length=30,
        help_text="Kosongkan agar dibuat otomatis (RTM-0001, RTM-0002, ...), atau isi nomor yang sudah dipakai desa.",
    )
    sekeluarga = forms.BooleanField(
        label="Sertakan seluruh anggota KK kepala rumah tangga yang masih hidup", required=False, initial=True
    )
    kepala = forms.ModelChoiceField(
        queryset=None, required=False, error_messages={"invalid_choice": BUKAN_WARGA}, widget=forms.HiddenInput
    )

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepala"].queryset = Penduduk.objects.filter(desa=desa)


class AnggotaRumahTanggaForm(forms.Form):
    """Who to add to, remove from, or make head of a household: one resident or one KK of the
    village (the buttons of the search results and of the member list)."""

    penduduk = forms.ModelChoiceField(queryset=None, required=False, error_messages={"invalid_choice": BUKAN_WARGA})
    keluarga = forms.ModelChoiceField(
        queryset=None, required=False, error_messages={"invalid_choice": "Keluarga ini bukan milik desa ini."}
    )

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penduduk"].queryset = Penduduk.objects.filter(desa=desa)
        self.fields["keluarga"].queryset = Keluarga.objects.filter(desa=desa)


# CSV and xlsx are read as streams, so the limit bounds the import's time, not its memory
# (a legacy .xls, loaded whole, holds at most 65,536 rows). 40 MB is some 160,000 residents.
MAKS_UKURAN_IMPOR = 40 * 1024 * 1024


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas OpenSID (.xlsx atau .csv)",
        help_text="Format 43 kolom OpenSID, baris pertama berisi nama kolom. Maksimal 40 MB.",
    )
    mode = forms.ChoiceField(
        label="Cara impor", choices=ImporPenduduk.Mode.choices, initial=ImporPenduduk.Mode.UJI, widget=forms.RadioSelect
    )

    def clean_berkas(self):
        from .impor import jenis_berkas

        berkas = self.cleaned_data["berkas"]
        head = berkas.read(4096)
        berkas.seek(0)
        jenis = jenis_berkas(head, berkas.name)
        if jenis is None:
            raise ValidationError(
                "Berkas ini bukan Excel (.xlsx) atau CSV. Simpan ulang dari Excel sebagai .xlsx atau CSV UTF-8."
            )
        if berkas.size > MAKS_UKURAN_IMPOR:
            raise ValidationError(
                f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); batasnya "
                f"{MAKS_UKURAN_IMPOR // 1024 // 1024} MB. Pecah berkas per dusun lalu impor satu per satu."
            )
        return berkas
