from django.urls import path

from tidtam.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.indicator_new, name="new"),
    path("agency/<str:agency>/<int:year>/", views.agency, name="agency"),
    path("city/<int:year>/", views.city, name="city"),
    path("city/<int:year>/export.<str:fmt>", views.city_export, name="city_export"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/<int:year>/edit/", views.indicator_edit, name="edit"),
    path("<str:code>/<int:year>/print.pdf", views.print_pdf, name="print"),
    path("<str:code>/<int:year>/q<int:quarter>/", views.result_edit, name="result"),
    path("<str:code>/<int:year>/q<int:quarter>/assess/", views.assess, name="assess"),
    path("<str:code>/<int:year>/q<int:quarter>/<str:action>/", views.result_step, name="step"),
]
