from django.urls import path

from tidtam.workplans import views

app_name = "workplans"
urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("<int:number>/approve/", views.plan_approve, name="approve"),
    path("upload/", views.plan_upload, name="upload"),
    path("template.<str:fmt>", views.plan_template, name="template"),
]
