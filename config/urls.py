from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from tidtam.orgs.forms import OwnPasswordForm
from tidtam.orgs.views import LoginView, admin_password_change

admin.site.site_header = admin.site.site_title = _("tidtam administration")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="projects:list", permanent=False)),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # a person added by a setup import sets their own password here (orgs.services.password_link)
    path(
        "password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_set.html",
            form_class=OwnPasswordForm,
            success_url="/login/",
            post_reset_login=False,
        ),
        name="password_set",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    # before the admin site's own: the same page, with the password saved through the service
    path("admin/password_change/", admin.site.admin_view(admin_password_change)),
    path("admin/", admin.site.urls),
    # the coordinator's follow-up page moved to the follow-up app; old bookmarks still work
    path("projects/follow-up/", RedirectView.as_view(pattern_name="followup:follow_up")),
    path("projects/", include("tidtam.projects.urls")),
    path("projects/<str:code>/reports/", include("tidtam.reports.urls")),
    path("projects/<str:code>/plan/", include("tidtam.workplans.urls")),
    path("followup/", include("tidtam.followup.urls")),
    path("annual/", include("tidtam.annual.urls")),
    path("ita/", include("tidtam.ita.urls")),
    path("kpis/", include("tidtam.indicators.urls")),
    path("legacy/", include("tidtam.legacy.urls")),
    path("intake/", include("tidtam.intake.urls")),
    path("", include("tidtam.documents.urls")),
]
