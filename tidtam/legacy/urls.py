from django.urls import path

from tidtam.legacy import views

app_name = "legacy"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("import/", views.confirm_import, name="import"),
    path("imports/<int:pk>/", views.imported, name="detail"),
]
