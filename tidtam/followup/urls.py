from django.urls import path

from tidtam.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.follow_up, name="follow_up"),
    path("queue/", views.review_queue, name="queue"),
    path("my-reports/", views.my_reports, name="my_reports"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("money/", views.money, name="money"),
    path("money/curve/", views.money_curve, name="money_curve"),
    path("money/curve/<int:agency>/", views.money_curve, name="money_curve_agency"),
    path("dashboard/export.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("projects/export.<str:fmt>", views.projects_export, name="projects_export"),
    path("exports/<int:pk>/", views.export_job, name="export_job"),
    path("exports/<int:pk>/download/", views.export_job_download, name="export_job_download"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("scores/<str:code>/", views.project_scores, name="scores"),
]
