import re

import pytest
from django import forms

from balai.core.widgets import FastSelect, Pilihan

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


def test_options_escaped_once_still_mark_each_pages_choice():
    """The escaped options are kept per choice list; each render marks only its own value."""
    select = FastSelect(choices=CHOICES)
    first = select.render("rt", "2")
    second = select.render("rt", "x'y")
    assert '<option value="2" selected>' in first and "selected" not in first.replace('value="2" selected', "")
    assert '<option value="x&#x27;y" selected>' in second and '<option value="2">' in second
    assert _normal(select.render("rt", None)) == _normal(forms.Select(choices=CHOICES).render("rt", None))


def test_ready_made_choices_are_kept_as_given_and_validate():
    class F(forms.Form):
        rt = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, widget=FastSelect)

    def form(value):
        f = F({"rt": value})
        f.fields["rt"].choices = Pilihan(CHOICES)
        return f

    assert not form("7").is_valid()
    form = form("2")
    assert form.is_valid() and form.cleaned_data["rt"] == 2
    assert '<option value="2" selected>Dua</option>' in str(form["rt"])
