"""The list's status badge, written in Python: the markup and the labels of the filter."""

from django.utils import translation

from tidtam.projects.templatetags.project_tags import status_badge


def test_each_status_has_its_badge_and_label():
    with translation.override("en"):
        assert status_badge("not_started") == (
            '<span class="badge badge-not_started">No report yet</span>'
        )
        assert status_badge("behind_plan") == (
            '<span class="badge badge-behind_plan">behind plan</span>'
        )
    with translation.override("th"):
        assert status_badge("completed") == '<span class="badge badge-completed">แล้วเสร็จ</span>'
