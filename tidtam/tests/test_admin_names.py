"""The admin site speaks Thai, in Sarabun: every section and list of tidtam's own is named in
Thai, and no two fields of a page share a label."""

import re

from django.apps import apps
from django.urls import reverse
from django.utils import translation

THAI = range(0x0E00, 0x0E80)
GLUED = re.compile("[\u0e00-\u0e7f][A-Za-z]")  # an English plural "s" after a Thai name


def _thai(text: str) -> bool:
    return any(ord(c) in THAI for c in text)


def test_every_section_and_list_of_tidtams_own_is_named_in_thai(admin_client):
    with translation.override("th"):
        page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="th")
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("tidtam.")}
    names = [
        (str(app["name"]), [str(model["name"]) for model in app["models"]])
        for app in page.context["app_list"]
        if app["app_label"] in ours
    ]
    assert names
    assert "css/sarabun.css" in page.content.decode()  # in the form's typeface, like the site
    assert [(app, models) for app, models in names if not _thai(app)] == []
    assert [m for _app, models in names for m in models if not _thai(m) or GLUED.search(m)] == []


def test_no_two_fields_of_a_model_share_a_label_in_thai():
    shared = []
    with translation.override("th"):
        for model in apps.get_models():
            if not model.__module__.startswith("tidtam."):
                continue
            labels = [str(f.verbose_name) for f in model._meta.get_fields() if f.concrete]
            shared += [(model.__name__, label) for label in set(labels) if labels.count(label) > 1]
    assert shared == []
