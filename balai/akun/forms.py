import time
from datetime import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.akun.access import can_use_host

from . import pembatas


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau kata sandi salah. Periksa lagi, huruf besar dan kecil dibedakan."),
        "inactive": _("Akun ini dinonaktifkan. Hubungi admin kabupaten."),
        "wrong_host": _("Akun ini tidak terdaftar untuk situs ini. Masuk melalui alamat desa atau kecamatan Anda."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")

    def clean(self):
        # Before the password is checked: while a limit holds, a right password is no news.
        username = self.cleaned_data.get("username")
        if username is not None:
            sampai = pembatas.terkunci_sampai(self.request, username)
            if sampai is not None:
                raise forms.ValidationError(pesan_terkunci(sampai), code="terlalu_sering")
        return super().clean()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not can_use_host(user, self.request.tenant):
            raise forms.ValidationError(self.error_messages["wrong_host"], code="wrong_host")


def pesan_terkunci(sampai):
    """When to try again, in Indonesian, the same for every username (existing or not)."""
    menit = max(1, round((sampai - time.time()) / 60))
    pukul = timezone.localtime(datetime.fromtimestamp(sampai, tz=timezone.get_current_timezone()))
    return _(
        "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi pukul %(pukul)s "
        "(sekitar %(menit)d menit lagi). Lupa kata sandi? Gunakan tautan Lupa kata sandi."
    ) % {"pukul": pukul.strftime("%H.%M"), "menit": menit}


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode 6 digit dari aplikasi autentikator"),
        min_length=6,
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Kode terdiri dari 6 angka."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"]
        allowed, _info = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(_("Terlalu banyak kode salah. Tunggu sebentar lalu coba lagi."))
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("Kode salah atau sudah kedaluwarsa. Masukkan kode terbaru."))
        return token
