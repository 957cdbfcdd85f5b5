import re

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from . import two_factor


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=6,
        min_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Enter the six digits your app shows."))],
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": "[0-9]{6}",
            }
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()


class VerifyForm(forms.Form):
    """The code after the password: six digits from the app, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code from your authenticator app or a recovery code"),
        max_length=24,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none"}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if re.fullmatch(r"\d{6}", token) or two_factor.looks_like_recovery_code(token):
            return token
        raise forms.ValidationError(
            _("Enter the six digits your app shows, or a recovery code (xxxx-xxxx-xxxx-xxxx).")
        )
