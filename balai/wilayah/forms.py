from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RT, RW, Desa, Dusun


class ProfilDesaForm(forms.ModelForm):
    class Meta:
        model = Desa
        fields = ["nama_kepala", "alamat_kantor", "kode_pos", "telepon", "email", "luas_wilayah_ha", "lat", "lng"]


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
