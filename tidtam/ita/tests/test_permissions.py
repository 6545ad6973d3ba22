"""Every ITA URL × role: anonymous → login (public pages excepted), another agency → 404,
a reader without the right role → 403, the right role → 200."""

import pytest
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.ita.services import oit

READ = ["detail", "tracking", "contractors", "oit", "result"]
MANAGE = ["setup", "codes"]
POSTS = [("surveys_toggle", {}), ("oit_step_submit", {})]


def url(name, ita):
    pk = ita.aa.pk
    if name == "oit_step_submit":
        return reverse("ita:oit_step", args=[pk, "submit"])
    if name == "oit_entry":
        return reverse("ita:oit_entry", args=[pk, oit.entries(ita.aa)[0].pk])
    return reverse(f"ita:{name}", args=[pk])


@pytest.mark.parametrize("name", [*READ, *MANAGE, "oit_entry"])
def test_anonymous_get_goes_to_login(client, ita, name):
    response = client.get(url(name, ita))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(("name", "data"), POSTS)
def test_anonymous_post_goes_to_login(client, ita, name, data):
    response = client.post(url(name, ita), data)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("who", ["bob", "bert", "cody", "olive"])
@pytest.mark.parametrize("name", [*READ, *MANAGE, "oit_entry", "surveys_toggle"])
def test_other_agency_gets_404(client, ita, who, name):
    client.force_login(getattr(ita, who))
    method = client.post if name == "surveys_toggle" else client.get
    assert method(url(name, ita)).status_code == 404


@pytest.mark.parametrize("name", [*MANAGE, "surveys_toggle", "oit_step_submit"])
def test_reader_gets_403_on_managing_pages(client, ita, name):
    client.force_login(ita.ed)  # A's executive reads, does not manage
    method = client.get if name in MANAGE else client.post
    assert method(url(name, ita)).status_code == 403


@pytest.mark.parametrize("action", ["finish", "close"])
def test_agency_cannot_take_assessor_steps(client, ita, action):
    client.force_login(ita.alice)
    response = client.post(reverse("ita:oit_step", args=[ita.aa.pk, action]))
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["alice", "assessor", "root"])
@pytest.mark.parametrize("name", [*READ, *MANAGE, "oit_entry"])
def test_managers_get_200(client, ita, who, name):
    client.force_login(getattr(ita, who))
    assert client.get(url(name, ita)).status_code == 200


def test_public_pages_need_no_login(client, ita):
    token = ita.aa.token
    for name in ("survey", "survey_iit", "survey_eit", "survey_thanks"):
        assert client.get(reverse(f"ita:{name}", args=[token])).status_code == 200, name


@pytest.mark.parametrize("path", ["index", "create", "roles"])
def test_staff_lists_need_login(client, ita, path):
    response = client.get(reverse(f"ita:{path}"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_create_is_for_assessors_and_coordinators(client, ita, framework):
    client.force_login(ita.ed)
    assert client.get(reverse("ita:create")).status_code == 403
    client.force_login(ita.alice)  # A's ITA coordinator may open A's assessment only
    response = client.post(reverse("ita:create"), {"framework": framework.pk, "agency": ita.b.pk})
    assert response.status_code == 200 and "error-summary" in page_of(response)
