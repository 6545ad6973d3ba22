from django.urls import path

from tidtam.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("template.xlsx", views.template_workbook, name="template"),
    path("template/<str:kind>.<str:fmt>", views.template_file, name="template_kind"),
    path("export/", views.export_file, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/import/", views.confirm, name="confirm"),
    path("<int:pk>/result/", views.result, name="result"),
]
