from django.urls import path

from tidtam.documents import views
from tidtam.documents.formview import VERIFY_PATH

app_name = "documents"
urlpatterns = [
    path("projects/<str:code>/form.pdf", views.form_pdf, name="form_pdf"),
    path(f"{VERIFY_PATH}<str:code>/", views.verify, name="verify"),
    path("documents/batches/new/", views.batch_new, name="batch_new"),
    path("documents/batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("documents/batches/<int:pk>/download/", views.batch_download, name="batch_download"),
]
