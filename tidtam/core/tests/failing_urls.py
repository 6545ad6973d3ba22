"""A URL that fails, for the test that server errors reach the log."""

from django.urls import path


def fail(request):
    raise ZeroDivisionError("a deliberate failure")


urlpatterns = [path("fail/", fail)]
