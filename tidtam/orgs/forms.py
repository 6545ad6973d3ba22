from django import forms
from django.contrib.admin import forms as admin_forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.orgs import services, throttle


class ThrottledLogin:
    """Refuses logins while the account or the client address is locked (``orgs.throttle``)
    and counts each failure. ``throttled`` tells the page to say when to try again."""

    throttled = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        until = throttle.locked_until(self.request, username) if username else None
        if until:
            self.throttled = True
            raise forms.ValidationError(
                _("Too many failed logins. Please try again after %(time)s.")
                % {"time": timezone.localtime(until).strftime("%H:%M")},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                throttle.failed(self.request, username)
            raise
        throttle.succeeded(self.request, username)
        return cleaned


class LoginForm(ThrottledLogin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    pass


class _OwnPasswordSaved:
    """A person's new password of their own, saved and recorded by ``services.password_set``."""

    def save(self, commit=True):
        password = self.cleaned_data["new_password1"]
        return services.password_set(actor=self.user, user=self.user, password=password)


class OwnPasswordForm(_OwnPasswordSaved, SetPasswordForm):
    """A person setting their own password through their link (``services.password_link``)."""


class AdminOwnPasswordForm(_OwnPasswordSaved, admin_forms.AdminPasswordChangeForm):
    """An administrator changing their own password in the admin site (the old one asked)."""
