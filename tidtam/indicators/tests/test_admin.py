"""Admins register indicators in the admin site, through the services."""

import pytest
from django.urls import reverse

from tidtam.core import audit
from tidtam.core.testing import admin_form_data, page_of
from tidtam.indicators.models import IndicatorYear
from tidtam.indicators.tests.helpers import make_year

pytestmark = pytest.mark.django_db


def _new(cast, **extra):
    return {
        "fiscal_year": "2567",
        "name": "ตัวชี้วัดใหม่",
        "responsible_unit": cast.a_admin.pk,
        "kind": "output",
        "dimension": "1",
        "unit_of_measure": "ร้อยละ",
        "direction": "higher",
        "target": "80",
        "source": "typed",
        **extra,
    }


def test_a_new_indicator_gets_its_code_and_is_audited(admin_client, cast):
    url = reverse("admin:indicators_indicatoryear_add")
    refused = admin_client.post(url, _new(cast, agency=cast.b.pk))  # unit of another agency
    assert refused.status_code == 200 and not IndicatorYear.objects.exists()
    saved = admin_client.post(url, _new(cast, agency=cast.a.pk))
    assert saved.status_code == 302
    year = IndicatorYear.objects.get()
    assert year.indicator.code == "5031-0001"
    assert audit.history(year.indicator).filter(action="indicators.year.saved").exists()


def test_a_new_year_keeps_the_identity_and_a_stale_save_is_refused(admin_client, cast, client):
    year = make_year(cast, fiscal_year=2566)
    url = reverse("admin:indicators_indicatoryear_add")
    saved = admin_client.post(url, _new(cast, existing=year.indicator.pk))
    assert saved.status_code == 302
    assert year.indicator.years.count() == 2
    again = admin_client.post(url, _new(cast, existing=year.indicator.pk))
    assert again.status_code == 200  # that year exists already

    change = reverse("admin:indicators_indicatoryear_change", args=[year.pk])
    loaded = admin_form_data(admin_client.get(change))
    assert admin_client.post(change, {**loaded, "target": "85"}).status_code == 302
    refused = admin_client.post(change, {**loaded, "target": "90"})
    assert refused.status_code == 200 and "85" in page_of(refused)
    year.refresh_from_db()
    assert year.target == 85 and year.version == 2
