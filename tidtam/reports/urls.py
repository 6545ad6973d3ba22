from django.urls import path

from tidtam.reports import views

app_name = "reports"
urlpatterns = [
    path("new/", views.report_add, name="add"),
    path("<int:number>/edit/", views.report_edit, name="edit"),
]
