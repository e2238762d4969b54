"""Form widgets for pages that are opened all day long.

Django's select widget renders every <option> through its own template include: a filter form
with a few hundred RT, RW and dusun options costs more than the rest of the page. `FastSelect`
writes the same markup in Python."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A single <select> written directly, one string per option (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        parts = [f'<select name="{conditional_escape(name)}"']
        for key, val in self.build_attrs(self.attrs, attrs).items():  # as attrs.html writes them
            if val is True:
                parts.append(f" {key}")
            elif val is not False and val is not None:
                parts.append(f' {key}="{conditional_escape(val)}"')
        parts.append(">")
        for option, label in self.choices:
            if isinstance(label, (list, tuple)):
                return super().render(name, value, attrs, renderer)  # an option group: Django's way
            option = "" if option is None else str(option)
            selected = " selected" if option in chosen else ""
            parts.append(f'<option value="{conditional_escape(option)}"{selected}>{conditional_escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))
