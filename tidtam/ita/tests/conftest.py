import pytest
from django.utils import translation

from tidtam.ita.models import ItaRole, Tool
from tidtam.ita.services import setup


@pytest.fixture(autouse=True)
def _english():
    """Service messages are checked in the English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def ita(cast, framework):
    """Assessments of A and B for 2566; ``assessor`` runs the city's ITA, ``alice`` is A's
    ITA coordinator. A: 226 civil servants, 503 employees, both divisions, surveys open."""
    from tidtam.orgs.testing import make_user

    cast.assessor = make_user("assessor")
    ItaRole.objects.create(user=cast.assessor, role=ItaRole.Role.ASSESSOR)
    ItaRole.objects.create(user=cast.alice, role=ItaRole.Role.COORDINATOR, agency=cast.a)
    ItaRole.objects.create(user=cast.bob, role=ItaRole.Role.COORDINATOR, agency=cast.b)
    cast.iit = framework.tools.get(kind=Tool.Kind.INTERNAL)
    cast.eit = framework.tools.get(kind=Tool.Kind.EXTERNAL)
    cast.oit = framework.tools.get(kind=Tool.Kind.DISCLOSURE)
    cast.civil, cast.employee = list(cast.iit.groups.all())
    cast.citizen = cast.eit.groups.first()
    cast.aa = setup.assessment_create(actor=cast.assessor, framework=framework, agency=cast.a)
    setup.assessment_setup(
        actor=cast.alice,
        assessment=cast.aa,
        counts={cast.civil.pk: 226, cast.employee.pk: 503},
        divisions=[cast.a_admin, cast.a_works],
        eit_target=500,
        coordinator_name="สมศรี",
    )
    cast.aa.refresh_from_db()  # the service saved a row of its own (locked, counted)
    setup.set_surveys_open(actor=cast.alice, assessment=cast.aa, is_open=True)
    cast.bb = setup.assessment_create(actor=cast.assessor, framework=framework, agency=cast.b)
    return cast


def all_best(tool):
    """question id → the option worth most, for each question of a survey tool."""
    from tidtam.ita.models import Question

    choices = {}
    for question in Question.objects.filter(indicator__tool=tool).prefetch_related("options"):
        options = list(question.options.all())
        best = options[-1] if question.polarity == "negative" else options[0]
        choices[question.pk] = best.pk
    return choices
