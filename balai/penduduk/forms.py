from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst

from balai.core.widgets import FastSelect, Pilihan
from balai.wilayah.models import RT, Dusun

from . import choices, kode, privasi
from .models import ImporPenduduk, Keluarga, Penduduk, nama_memuat

KODE_FIELDS = [
    f.name for f in Penduduk._meta.concrete_fields if any(isinstance(v, kode.KodeValidator) for v in f.validators)
]


def _kode_field(form, name, *, model=Penduduk, required=None):
    """A choice of reference codes, labelled as the model names it ("Akseptor KB", not
    "Akseptor kb"). A required code without a default starts empty: the operator chooses it,
    nothing is preselected (the first code of SHDK is KEPALA KELUARGA)."""
    model_field = model._meta.get_field(name)
    jenis = kode.jenis_field(model_field)
    wajib = not model_field.null if required is None else required
    default = model_field.default if model_field.has_default() else None
    kosong = "—" if not wajib else (None if default is not None else "— pilih —")
    form.fields[name] = forms.TypedChoiceField(
        label=capfirst(model_field.verbose_name),
        choices=kode.pilihan(jenis, kosong=kosong),
        coerce=int,
        empty_value=None,
        required=wajib,
        initial=default,
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
        # A NIK is required, except on the record of a newborn still waiting for theirs.
        self.fields["nik"].required = self.instance.pk is None or bool(self.instance.nik)
        if not self.fields["nik"].required:
            self.fields["nik"].help_text = "Kosong: NIK belum terbit. Isi setelah akta/KK baru terbit."
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


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _pilihan(choices_cls, *, required=False, label=None, **kwargs):
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "— pilih —" if required else "—"), *choices_cls.choices],
        coerce=int,
        empty_value=None,
        required=required,
        **kwargs,
    )


def _bukan_masa_depan(tanggal, pesan="Tanggal peristiwa tidak boleh di masa depan."):
    if tanggal and tanggal > timezone.localdate():
        raise ValidationError(pesan)
    return tanggal


class KematianForm(forms.Form):
    """A death, with what the death certificate asks (OpenSID's log_penduduk fields)."""

    tanggal = forms.DateField(label="Tanggal meninggal", widget=DateInput())
    waktu = forms.TimeField(label="Jam meninggal", widget=TimeInput(), required=False)
    tempat = forms.CharField(label="Tempat meninggal", max_length=100, required=False)
    sebab_kematian = _pilihan(choices.SebabKematian, required=True, label="Sebab kematian")
    penolong_mati = _pilihan(choices.PenolongMati, label="Yang menerangkan kematian")
    pelapor = forms.CharField(label="Nama pelapor", max_length=100)
    hubungan_pelapor = forms.CharField(
        label="Hubungan pelapor dengan yang meninggal",
        max_length=50,
        help_text="Misalnya anak, suami, istri, tetangga, ketua RT.",
    )
    no_dokumen = forms.CharField(label="Nomor akta/surat kematian", max_length=100, required=False)
    keterangan = forms.CharField(label="Keterangan", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_tanggal(self):
        return _bukan_masa_depan(self.cleaned_data["tanggal"])


class PindahKeluarForm(forms.Form):
    """A move out of the kabupaten's register (to another village of the kabupaten the receiving
    village asks instead: Pindah antar desa)."""

    tanggal = forms.DateField(label="Tanggal pindah", widget=DateInput())
    jenis_pindah = _pilihan(choices.JenisPindah, required=True, label="Jenis kepindahan")
    asal_tujuan = forms.CharField(label="Alamat tujuan", max_length=255, help_text="Alamat lengkap di tempat baru.")
    alasan_pindah = _pilihan(choices.AlasanPindah, required=True, label="Alasan pindah")
    no_dokumen = forms.CharField(label="Nomor surat pindah (SKPWNI)", max_length=100, required=False)
    keterangan = forms.CharField(label="Keterangan", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_tanggal(self):
        return _bukan_masa_depan(self.cleaned_data["tanggal"])


class KedatanganForm(forms.Form):
    """Extra fields for a resident moving in from outside the kabupaten."""

    tanggal = forms.DateField(label="Tanggal datang", widget=DateInput())
    asal_tujuan = forms.CharField(label="Alamat asal", max_length=255, help_text="Alamat lengkap tempat asal.")
    alasan_pindah = _pilihan(choices.AlasanPindah, label="Alasan pindah")
    no_dokumen = forms.CharField(label="Nomor surat pindah (SKPWNI)", max_length=100, required=False)

    def clean_tanggal(self):
        return _bukan_masa_depan(self.cleaned_data["tanggal"], "Tanggal datang tidak boleh di masa depan.")


class OrangTuaField(forms.ModelChoiceField):
    def label_from_instance(self, p):
        return f"{p.nama} ({kode.nama('shdk', p.shdk).lower()}, lahir {p.tanggal_lahir:%Y})"


class KelahiranForm(forms.ModelForm):
    """A birth in a chosen KK: the child's parents from the register (the KK's living members,
    or another resident of the village by NIK), the birth details OpenSID keeps, and the
    child's NIK if it is issued already. Nothing a newborn does not have (documents,
    occupation, marriage) is asked."""

    ibu = OrangTuaField(queryset=None, required=False, label="Ibu", empty_label="— pilih ibu —")
    ibu_nik_lain = forms.CharField(label="atau NIK ibu (penduduk desa ini di KK lain)", max_length=16, required=False)
    ibu_tidak_diketahui = forms.BooleanField(label="Ibu tidak diketahui / tidak tercatat di desa ini", required=False)
    nama_ibu = forms.CharField(label="Nama ibu (bila tidak tercatat di desa ini)", max_length=100, required=False)
    ayah = OrangTuaField(queryset=None, required=False, label="Ayah", empty_label="— tidak diketahui —")
    ayah_nik_lain = forms.CharField(label="atau NIK ayah (penduduk desa ini di KK lain)", max_length=16, required=False)
    keterangan = forms.CharField(label="Keterangan", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    class Meta:
        model = Penduduk
        fields = [
            "nama",
            "jenis_kelamin",
            "tempat_lahir",
            "tanggal_lahir",
            "waktu_lahir",
            "tempat_dilahirkan",
            "penolong_kelahiran",
            "jenis_kelahiran",
            "kelahiran_anak_ke",
            "berat_lahir",
            "panjang_lahir",
            "agama",
            "shdk",
            "nik",
            "akta_lahir",
        ]
        widgets = {"tanggal_lahir": DateInput(), "waktu_lahir": TimeInput()}
        help_texts = {
            "nik": "Kosongkan bila NIK anak belum terbit; isi nanti lewat Ubah data.",
            "akta_lahir": "Kosongkan bila akta belum terbit.",
            "tempat_lahir": "Kota/kabupaten tempat lahir, seperti di akta.",
        }

    def __init__(self, *args, desa, keluarga, **kwargs):
        super().__init__(*args, **kwargs)
        self.desa, self.keluarga = desa, keluarga
        for name in ("jenis_kelamin", "agama", "shdk"):
            _kode_field(self, name, required=name != "agama")
        self.fields["agama"].help_text = "Kosongkan agar sama dengan agama ibu (atau ayah)."
        self.fields["agama"].choices = kode.pilihan("agama", kosong="— sama dengan ibu/ayah —")
        self.initial["shdk"] = self.initial.get("shdk") or 4  # ANAK
        hidup = Penduduk.objects.filter(desa=desa, keluarga=keluarga, status_dasar=kode.HIDUP).order_by(
            "shdk", "tanggal_lahir"
        )
        self.fields["ibu"].queryset = hidup.filter(jenis_kelamin=kode.PEREMPUAN)
        self.fields["ayah"].queryset = hidup.filter(jenis_kelamin=kode.LAKI_LAKI)
        ibu = self.fields["ibu"].queryset.filter(shdk__in=(1, 3)).first()
        ayah = self.fields["ayah"].queryset.filter(shdk__in=(1, 2)).first()
        self.fields["ibu"].initial = ibu.pk if ibu else None
        self.fields["ayah"].initial = ayah.pk if ayah else None
        for name in ("tempat_dilahirkan", "penolong_kelahiran", "jenis_kelahiran"):
            self.fields[name].required = True
            self.fields[name].choices = [("", "— pilih —"), *Penduduk._meta.get_field(name).choices]
        self.fields["kelahiran_anak_ke"].widget.attrs["min"] = 1
        self.fields["berat_lahir"].widget.attrs.update(min=300, max=7000)
        self.order_fields(
            ["ibu", "ibu_nik_lain", "ibu_tidak_diketahui", "nama_ibu", "ayah", "ayah_nik_lain", *self._meta.fields]
        )

    KELOMPOK = (
        ("Orang tua", ("ibu", "ibu_nik_lain", "ibu_tidak_diketahui", "nama_ibu", "ayah", "ayah_nik_lain")),
        ("Anak", ("nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "waktu_lahir", "agama", "shdk")),
        (
            "Keterangan kelahiran",
            (
                "tempat_dilahirkan",
                "penolong_kelahiran",
                "jenis_kelahiran",
                "kelahiran_anak_ke",
                "berat_lahir",
                "panjang_lahir",
            ),
        ),
        ("Dokumen (bila sudah terbit)", ("nik", "akta_lahir", "keterangan")),
    )

    def kelompok(self):
        """The fields in the fieldsets of the page: (legend, [bound fields])."""
        return [(legend, [self[name] for name in names]) for legend, names in self.KELOMPOK]

    def _orang_tua_lain(self, field, nik):
        nik = (nik or "").strip()
        if not nik:
            return None
        p = Penduduk.objects.filter(desa=self.desa, nik=nik, status_dasar=kode.HIDUP).first()
        if p is None:
            self.add_error(field, "NIK ini bukan penduduk hidup desa ini.")
        return p

    def clean_tanggal_lahir(self):
        return _bukan_masa_depan(self.cleaned_data["tanggal_lahir"], "Tanggal lahir tidak boleh di masa depan.")

    def clean_berat_lahir(self):
        berat = self.cleaned_data["berat_lahir"]
        if berat is not None and not 300 <= berat <= 7000:
            raise ValidationError("Berat lahir dalam gram, antara 300 dan 7000 (misalnya 3100).")
        return berat

    def clean_panjang_lahir(self):
        panjang = self.cleaned_data["panjang_lahir"]
        if panjang is not None and not 20 <= panjang <= 70:
            raise ValidationError("Panjang lahir dalam sentimeter, antara 20 dan 70 (misalnya 49,5).")
        return panjang

    def clean(self):
        data = super().clean()
        ibu_lain = self._orang_tua_lain("ibu_nik_lain", data.get("ibu_nik_lain"))
        ayah_lain = self._orang_tua_lain("ayah_nik_lain", data.get("ayah_nik_lain"))
        data["ibu"] = data.get("ibu") or ibu_lain
        data["ayah"] = data.get("ayah") or ayah_lain
        if data["ibu"] is not None and data.get("ibu_tidak_diketahui"):
            self.add_error("ibu_tidak_diketahui", "Ibu sudah dipilih; hapus centang ini, atau kosongkan pilihan ibu.")
        elif data["ibu"] is None and not data.get("ibu_tidak_diketahui") and "ibu_nik_lain" not in self.errors:
            self.add_error("ibu", "Pilih ibu dari register, atau centang “Ibu tidak diketahui”.")
        return data

    def _post_clean(self):
        # Model validation (NIK rules, parents) runs in the service, which reports per field.
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields, opts.exclude)
        if self.cleaned_data.get("ibu") is None:
            self.instance.nama_ibu = self.cleaned_data.get("nama_ibu", "")


class CariKeluargaForm(forms.Form):
    q = forms.CharField(label="Cari KK: nama kepala keluarga atau nomor KK", max_length=100)


class PindahAntarDesaForm(forms.Form):
    """The receiving village asks to take in a resident of another village of the kabupaten."""

    nik = forms.CharField(
        label="NIK penduduk yang pindah",
        max_length=16,
        min_length=16,
        help_text="NIK penduduk hidup di desa lain di kabupaten ini. Desa asal akan mengonfirmasi.",
    )
    tanggal = forms.DateField(label="Tanggal pindah", widget=DateInput())
    no_kk = forms.CharField(
        label="Masuk ke KK desa ini (nomor KK)",
        max_length=16,
        required=False,
        help_text="KK yang sudah terdaftar di desa ini; atau kosongkan dan isi nomor KK baru di bawah.",
    )
    no_kk_baru = forms.CharField(
        label="atau nomor KK baru",
        max_length=16,
        required=False,
        help_text="Bila ia membentuk KK baru di desa ini (sebagai kepala keluarga).",
    )
    rt = RTChoiceField(queryset=None, required=False, label="RT/RW", empty_label="— sama dengan KK —")
    alasan_pindah = _pilihan(choices.AlasanPindah, required=True, label="Alasan pindah")
    no_dokumen = forms.CharField(label="Nomor surat pindah (SKPWNI)", max_length=100, required=False)
    keterangan = forms.CharField(label="Keterangan", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, desa, **kwargs):
        super().__init__(*args, **kwargs)
        self.desa = desa
        self.fields["rt"].queryset = _rt_choices(desa)
        _kode_field(self, "shdk")
        self.order_fields(["nik", "tanggal", "no_kk", "no_kk_baru", "shdk"])

    def clean_nik(self):
        nik = self.cleaned_data["nik"].strip()
        if not nik.isdigit():
            raise ValidationError("NIK harus 16 angka.")
        return nik

    def clean_tanggal(self):
        return _bukan_masa_depan(self.cleaned_data["tanggal"], "Tanggal pindah tidak boleh di masa depan.")

    def clean_no_kk(self):
        no_kk = self.cleaned_data["no_kk"].strip()
        if not no_kk:
            return None
        keluarga = Keluarga.objects.filter(desa=self.desa, no_kk=no_kk).first()
        if keluarga is None:
            raise ValidationError("Nomor KK ini belum terdaftar di desa ini.")
        return keluarga


class TolakPindahForm(forms.Form):
    alasan = forms.CharField(label="Alasan penolakan", max_length=255)


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


SEMUA_STATUS = "0"


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

    def __init__(self, *args, desa, user, tempat=None, **kwargs):
        """`tempat`: the village's place choices when the caller has them (selectors.untuk_daftar)."""
        from .selectors import pilihan_tempat

        super().__init__(*args, **kwargs)
        self.user = user
        tempat = tempat or pilihan_tempat(desa=desa)
        self.fields["dusun"].choices = Pilihan([("", "Semua dusun"), *tempat["dusun"]])
        self.fields["rw"].choices = Pilihan([("", "Semua RW"), *tempat["rw"]])
        self.fields["rt"].choices = Pilihan([("", "Semua RT"), *tempat["rt"]])
        self.fields["jenis_kelamin"].choices = kode.pilihan("jenis_kelamin", kosong="Semua")
        self.fields["status_dasar"].choices = (
            [("", "Hidup")]
            + [(k, n) for k, n in kode.pilihan("status_dasar") if k != kode.HIDUP]
            + [(SEMUA_STATUS, "Semua status")]
        )

    def tanpa_saring(self):
        """Whether the list is the plain one (the living, nothing chosen): its total is known."""
        if not self.is_bound:
            return True
        return self.is_valid() and not any(v not in (None, "") for v in self.cleaned_data.values())

    def mencari_nama(self):
        """Whether the list is searched by part of a name."""
        q = (self.cleaned_data.get("q") or "").strip() if self.is_bound and self.is_valid() else ""
        return bool(q) and not q.isdigit()

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
            qs = qs.filter(nama_memuat(q))
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
            qs = qs.filter(Q(no_rtm__icontains=q) | nama_memuat(q, "kepala__"))
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
        label="Berkas OpenSID (.xlsx, .xls atau .csv)",
        help_text=(
            "Format 43 kolom OpenSID, baris pertama berisi nama kolom. Dari buku kerja Excel dibaca lembar yang "
            "baris pertamanya berisi nama kolom OpenSID (lembar lain, mis. petunjuk, diabaikan). Maksimal 40 MB."
        ),
    )
    # "Valid rows only" is offered after a check, beside its problems and warnings.
    mode = forms.ChoiceField(
        label="Cara impor",
        choices=[(m.value, m.label) for m in (ImporPenduduk.Mode.UJI, ImporPenduduk.Mode.SEMUA)],
        initial=ImporPenduduk.Mode.UJI,
        widget=forms.RadioSelect,
    )

    def clean_berkas(self):
        from .impor import jenis_berkas

        berkas = self.cleaned_data["berkas"]
        head = berkas.read(4096)
        berkas.seek(0)
        jenis = jenis_berkas(head, berkas.name)
        if jenis is None:
            raise ValidationError(
                "Berkas ini bukan Excel (.xlsx, .xls) atau CSV: isinya tidak dikenali sebagai lembar kerja. "
                "Simpan ulang dari Excel sebagai .xlsx atau CSV UTF-8."
            )
        if berkas.size > MAKS_UKURAN_IMPOR:
            raise ValidationError(
                f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); batasnya "
                f"{MAKS_UKURAN_IMPOR // 1024 // 1024} MB. Pecah berkas per dusun lalu impor satu per satu."
            )
        return berkas
