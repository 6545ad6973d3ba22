"""Coordinators and admins register and change indicators on pages of their own."""

import pytest
from django.urls import reverse

from tidtam.core.testing import form_data, page_of
from tidtam.indicators.models import IndicatorYear
from tidtam.indicators.tests.helpers import make_year
from tidtam.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def _new(cast, **extra):
    return {
        "agency": cast.a.pk,
        "fiscal_year": "๒๕๖๗",
        "name": "ตัวชี้วัดใหม่",
        "responsible_unit": cast.a_admin.pk,
        "kind": "goal",
        "dimension": "2",
        "unit_of_measure": "ระดับความสำเร็จ",
        "direction": "higher",
        "target": "5",
        "source": "typed",
        **extra,
    }


def test_a_coordinator_registers_an_indicator_of_the_agency_they_follow(client, cast):
    client.force_login(cast.alice)
    assert client.get(reverse("indicators:new")).status_code == 403
    client.force_login(cast.carol)
    page = client.get(reverse("indicators:new"))
    assert list(page.context["form"].fields["agency"].queryset) == [cast.a]
    refused = client.post(reverse("indicators:new"), _new(cast, agency=cast.b.pk))
    assert refused.status_code == 200 and not IndicatorYear.objects.exists()
    refused = client.post(reverse("indicators:new"), _new(cast, projects="50310000-99"))
    assert "50310000-99" in page_of(refused) and not IndicatorYear.objects.exists()
    project = make_project(cast.alice, cast.a_admin, fiscal_year=2567)
    saved = client.post(reverse("indicators:new"), _new(cast, projects=project.code))
    assert saved.status_code == 302
    year = IndicatorYear.objects.get()
    assert (year.indicator.code, year.fiscal_year, year.dimension) == ("5031-0001", 2567, 2)
    assert list(year.projects.all()) == [project]


def test_the_next_year_keeps_the_identity_and_a_stale_edit_is_refused(client, cast):
    year = make_year(cast, fiscal_year=2566)
    url = reverse("indicators:edit", args=[year.indicator.code, 2567])
    client.force_login(cast.cody)
    assert client.get(url).status_code == 404  # another agency's indicator
    client.force_login(cast.carol)
    page = client.get(url)
    assert page.context["form"]["name"].value() == year.name  # prefilled from the latest year
    assert client.post(url, {**form_data(page), "target": "85"}).status_code == 302
    assert list(year.indicator.years.values_list("fiscal_year", flat=True)) == [2567, 2566]

    url = reverse("indicators:edit", args=[year.indicator.code, 2566])
    loaded = form_data(client.get(url))
    assert client.post(url, {**loaded, "target": "70"}).status_code == 302
    refused = client.post(url, {**loaded, "target": "75"})
    assert refused.status_code == 200 and refused.context["stale"] is not None
    year.refresh_from_db()
    assert year.target == 70
