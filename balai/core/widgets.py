"""Form widgets for pages that are opened all day long.

Django's select widget renders every <option> through its own template include: a filter form
with a few hundred RT, RW and dusun options costs more than the rest of the page. `FastSelect`
writes the same markup in Python, and keeps the escaped options of the choice lists it has seen
(a village's places change rarely), so a page marks the chosen one instead of escaping them all."""

from functools import lru_cache

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class Pilihan(BaseChoiceIterator):
    """Choices already in their final form, (value, label) pairs: a field given these keeps them
    as they are, where a list would be walked and copied again by every form that sets it (a
    village's few hundred RT, on every page of the resident list)."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)


@lru_cache(maxsize=256)
def _options(choices: tuple) -> tuple[str, ...]:
    """The <option> tags of `choices` ((value, label) strings), without `selected`."""
    return tuple(
        f'<option value="{conditional_escape(v)}">{conditional_escape(label)}</option>' for v, label in choices
    )


class FastSelect(forms.Select):
    """A single <select> written directly (no option groups: those go Django's way)."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = []
        for option, label in self.choices:
            if isinstance(label, (list, tuple)):
                return super().render(name, value, attrs, renderer)
            choices.append(("" if option is None else str(option), str(label)))
        chosen = set(self.format_value(value))
        parts = [f'<select name="{conditional_escape(name)}"']
        for key, val in self.build_attrs(self.attrs, attrs).items():  # as attrs.html writes them
            if val is True:
                parts.append(f" {key}")
            elif val is not False and val is not None:
                parts.append(f' {key}="{conditional_escape(val)}"')
        parts.append(">")
        options = _options(tuple(choices))
        if chosen:
            options = [
                tag.replace('">', '" selected>', 1) if option in chosen else tag
                for (option, _), tag in zip(choices, options, strict=True)
            ]
        parts.extend(options)
        parts.append("</select>")
        return mark_safe("".join(parts))
