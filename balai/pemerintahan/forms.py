from django import forms
from django.utils.translation import gettext_lazy as _

from balai.wilayah.models import RT, RW, Desa, Dusun


class ProfilDesaForm(forms.ModelForm):
    class Meta:
        model = Desa
        fields = ["nama_kepala", "alamat_kantor", "kode_pos", "telepon", "email", "luas_wilayah_ha", "lat", "lng"]

    def _koordinat(self, name, batas, label):
        value = self.cleaned_data.get(name)
        if value is not None and not -batas <= value <= batas:
            raise forms.ValidationError(
                _("%(label)s harus antara -%(b)s dan %(b)s derajat.") % {"label": label, "b": batas}
            )
        return value

    def clean_lat(self):
        return self._koordinat("lat", 90, _("Lintang"))

    def clean_lng(self):
        return self._koordinat("lng", 180, _("Bujur"))


class DusunForm(forms.ModelForm):
    class Meta:
        model = Dusun
        fields = ["nama", "kepala"]


class RWForm(forms.ModelForm):
    # Choices are declared empty and filled in __init__, inside the village scope.
    dusun = forms.ModelChoiceField(label=_("Dusun"), queryset=Dusun.objects.none())

    class Meta:
        model = RW
        fields = ["dusun", "nomor", "ketua"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dusun"].queryset = Dusun.objects.all()


class RTForm(forms.ModelForm):
    rw = forms.ModelChoiceField(label=_("RW"), queryset=RW.objects.none())

    class Meta:
        model = RT
        fields = ["rw", "nomor", "ketua"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rw"].queryset = RW.objects.select_related("dusun")


FORMS = {Dusun: DusunForm, RW: RWForm, RT: RTForm}
