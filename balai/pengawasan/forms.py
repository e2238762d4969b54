from django import forms

from balai.core.registry import SCORE_PARTS


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
