from django.urls import path

from tidtam.reports import views

app_name = "reports"
urlpatterns = [
    path("new/", views.report_add, name="add"),
    path("<int:number>/", views.report_detail, name="detail"),
    path("<int:number>/edit/", views.report_edit, name="edit"),
    path("<int:number>/<str:action>/", views.report_review, name="review"),
]
