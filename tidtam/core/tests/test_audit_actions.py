"""Each app declares the actions it records; every one reads as words in Thai and English."""

import re

import pytest
from django.utils import translation

from tidtam.core import actions, audit
from tidtam.core.models import AuditEntry

THAI = re.compile(r"[\u0E00-\u0E7F]")


def test_every_declared_action_has_a_thai_and_an_english_label():
    declared = actions.declared()
    # the apps' actions.py are found at start-up: one from each app that records changes
    apps = {name.split(".")[0] for name in declared}
    assert apps == {
        "projects", "reports", "rounds", "followup", "documents", "legacy", "ita", "orgs", "plans",
        "intake", "indicators", "workplans",
    }  # fmt: skip
    for name in declared:
        with translation.override("th"):
            thai = actions.label_of(name)
        with translation.override("en"):
            english = actions.label_of(name)
        assert THAI.search(thai) and not THAI.search(english), name
        assert name not in (thai, english)


def test_an_action_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        actions.Action("projects.project.created", "again")


def test_a_service_cannot_record_an_undeclared_action(cast):
    with pytest.raises(TypeError):
        audit.record(action="projects.project.created", actor=cast.alice, target=cast.a, changes={})
    assert not AuditEntry.objects.exists()
