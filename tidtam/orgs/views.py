from django.contrib.auth import views as auth_views

from tidtam.orgs.forms import LoginForm


class LoginView(auth_views.LoginView):
    """Django's login with throttling; a refused attempt while locked answers 429."""

    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response
