"""Quarterly scores: the agency's coordinator sets them, audited; others read or get 403/404."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.followup.services import project_score
from tidtam.projects.tests.factories import make_project


@pytest.fixture
def project(cast):
    return make_project(cast.alice, cast.a_admin)


def test_the_coordinator_scores_and_rescores_a_quarter(cast, project):
    project_score(actor=cast.carol, project=project, quarter=3, score=Decimal("100"))
    project_score(actor=cast.carol, project=project, quarter=3, score=Decimal("95.50"), note="ดี")
    row = project.quarter_scores.get()
    assert (row.quarter, row.score, row.note) == (3, Decimal("95.50"), "ดี")
    entries = AuditEntry.objects.filter(action="followup.project.scored").order_by("id")
    assert [e.changes.get("score") for e in entries] == [[None, "100"], ["100.00", "95.50"]]


@pytest.mark.parametrize("who", ["alice", "anna", "ed", "cody", "chief"])
def test_only_the_agencys_coordinator_scores(cast, project, who):
    with pytest.raises(PermissionDenied):
        project_score(actor=getattr(cast, who), project=project, quarter=1, score=Decimal(50))


@pytest.mark.parametrize(
    ("quarter", "score", "field"),
    [
        (0, Decimal("50"), "quarter"),
        (5, Decimal("50"), "quarter"),
        (1, Decimal("100.01"), "score"),
        (1, Decimal("-1"), "score"),
        (1, Decimal("1.005"), "score"),
    ],
)
def test_bad_scores_are_refused(cast, project, quarter, score, field):
    with pytest.raises(ValidationError) as refusal:
        project_score(actor=cast.carol, project=project, quarter=quarter, score=score)
    assert field in refusal.value.message_dict


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("carol", 200, 302),
        ("root", 200, 302),
        ("alice", 200, 403),
        ("ed", 200, 403),
        ("bob", 404, 404),
        ("cody", 404, 404),
    ],
)
def test_score_page_matrix(client, cast, project, who, get, post):
    url = reverse("followup:scores", kwargs={"code": project.code})
    client.force_login(getattr(cast, who))
    assert client.get(url).status_code == get
    response = client.post(url, {"quarter": "3", "score": "๑๐๐", "note": ""})
    assert response.status_code == post


def test_anonymous_score_page_goes_to_log_in(client, project):
    url = reverse("followup:scores", kwargs={"code": project.code})
    assert client.get(url).status_code == 302
