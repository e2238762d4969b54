import re

import pytest
from django import forms

from balai.core.widgets import FastSelect

CHOICES = [("", "Semua"), (1, 'RT 001 / RW 001 · Dusun <Krajan> & "Kidul"'), (2, "Dua"), ("x'y", "Tiga")]


def _normal(html):
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", 1, "2", "x'y", "999"])
def test_fast_select_writes_what_django_select_writes(value):
    attrs = {"id": "id_rt", "class": "pilih", "required": True}
    django_html = forms.Select(choices=CHOICES).render("rt", value, attrs=attrs)
    fast_html = FastSelect(choices=CHOICES).render("rt", value, attrs=attrs)
    assert _normal(fast_html) == _normal(django_html)


def test_fast_select_in_a_form_keeps_the_chosen_value():
    class F(forms.Form):
        rt = forms.TypedChoiceField(choices=CHOICES, coerce=str, required=False, widget=FastSelect)

    html = str(F({"rt": "2"})["rt"])
    assert '<option value="2" selected>Dua</option>' in html and 'name="rt"' in html
    assert "&lt;Krajan&gt; &amp; &quot;Kidul&quot;" in html
