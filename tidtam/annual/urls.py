from django.urls import path

from tidtam.annual import views

app_name = "annual"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency>/<int:year>/", views.agency_year, name="year"),
    path("<str:agency>/<int:year>/<str:kind>.xlsx", views.xlsx, name="xlsx"),
    path("<str:agency>/<int:year>/<str:kind>.pdf", views.pdf, name="pdf"),
]
