from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import reverse

from tidtam.orgs.forms import AdminOwnPasswordForm, LoginForm


class LoginView(auth_views.LoginView):
    """Django's login with throttling; a refused attempt while locked answers 429."""

    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


def admin_password_change(request):
    """The admin site's "change password" (of the administrator themselves), as Django's
    but saved through ``services.password_set``: audited."""
    request.current_app = admin.site.name
    return auth_views.PasswordChangeView.as_view(
        form_class=AdminOwnPasswordForm,
        success_url=reverse("admin:password_change_done"),
        extra_context=admin.site.each_context(request),
    )(request)
