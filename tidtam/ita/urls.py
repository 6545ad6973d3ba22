from django.urls import path

from tidtam.ita.views import framework, oit, public, results, roles, staff

app_name = "ita"
urlpatterns = [
    path("", staff.index, name="index"),
    path("new/", staff.create, name="create"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/setup/", staff.setup_view, name="setup"),
    path("<int:pk>/surveys/", staff.surveys_toggle, name="surveys_toggle"),
    path("<int:pk>/qr/<str:kind>.svg", staff.qr, name="qr"),
    path("<int:pk>/contractors/", staff.contractor_list, name="contractors"),
    path("<int:pk>/codes/", staff.codes, name="codes"),
    path("<int:pk>/codes/<int:batch>.csv", staff.batch_download, name="batch_download"),
    path("<int:pk>/tracking/", staff.tracking, name="tracking"),
    path("<int:pk>/oit/", oit.checklist, name="oit"),
    path("<int:pk>/oit/<int:entry_pk>/", oit.entry, name="oit_entry"),
    path("<int:pk>/oit/file/<int:evidence_pk>/", oit.evidence_file, name="oit_file"),
    path("<int:pk>/oit/<str:action>/", oit.step, name="oit_step"),
    path("<int:pk>/result/", results.result, name="result"),
    path("roles/", roles.roles, name="roles"),
    path("roles/<int:pk>/revoke/", roles.role_revoke, name="role_revoke"),
    path("framework/<int:year>/", framework.framework_detail, name="framework"),
    path("framework/<int:year>/weights/", framework.weights, name="framework_weights"),
    path("framework/<int:year>/q/<int:pk>/", framework.question_edit, name="framework_question"),
    path("framework/<int:year>/level/<int:pk>/", framework.level_edit, name="framework_level"),
    path("framework/<int:year>/oit/<int:pk>/", framework.oit_item_edit, name="framework_oit"),
    path(
        "framework/<int:year>/indicator/<int:indicator>/new-question/",
        framework.question_add,
        name="framework_question_add",
    ),
    path(
        "framework/<int:year>/q/<int:pk>/remove/",
        framework.question_delete,
        name="framework_question_delete",
    ),
    path(
        "framework/<int:year>/sub/<int:sub>/new-item/",
        framework.oit_item_add,
        name="framework_oit_add",
    ),
    path(
        "framework/<int:year>/oit/<int:pk>/remove/",
        framework.oit_item_delete,
        name="framework_oit_delete",
    ),
    path("compare/<int:year>/", results.compare, name="compare"),
    path("compare/<int:year>.xlsx", results.compare_xlsx, name="compare_xlsx"),
    # Public: the survey by the agency's link, and tidtam's own reports for OIT items.
    path("s/<str:token>/", public.landing, name="survey"),
    path("s/<str:token>/iit/", public.survey, {"kind": "iit"}, name="survey_iit"),
    path("s/<str:token>/eit/", public.survey, {"kind": "eit"}, name="survey_eit"),
    path("s/<str:token>/eit/code/", public.eit_code, name="survey_eit_code"),
    path("s/<str:token>/thanks/", public.thanks, name="survey_thanks"),
    path("open/<str:token>/<str:kind>/", public.open_report, name="open_report"),
    path("open/<str:token>/<str:kind>.xlsx", public.open_report_xlsx, name="open_report_xlsx"),
    path("open/<str:token>/<str:kind>.pdf", public.open_report_pdf, name="open_report_pdf"),
]
