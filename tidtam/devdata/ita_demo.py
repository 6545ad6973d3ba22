"""ITA demo data on top of the core demo (``tidtam load_demo``): the sample district's FY2566
assessment with its published scores, a second district to compare, and ITA roles. Running
it again changes nothing."""

from decimal import Decimal

from django.db import transaction

from tidtam.ita.models import Assessment, Framework, ItaRole, Tool
from tidtam.ita.services import results, setup
from tidtam.orgs.models import Unit, User

# agency code: (civil servants, employees, IIT, EIT, OIT, previous total)
DEMO = {
    "50310000": (226, 503, "94.62", "90.43", "100", "86.22"),
    "50300000": (180, 410, "82.44", "80.82", "100", None),
}


@transaction.atomic
def load_ita_demo() -> list[Assessment]:
    framework = Framework.objects.get(fiscal_year=2566)
    admin = User.objects.get(username="admin")
    assessor = User.objects.get(username="coordinator")
    ItaRole.objects.get_or_create(user=assessor, role=ItaRole.Role.ASSESSOR, agency=None)
    bang_sue = Unit.objects.get(agency_code="50310000")
    ItaRole.objects.get_or_create(
        user=User.objects.get(username="approver"),
        role=ItaRole.Role.COORDINATOR,
        agency=bang_sue,
    )
    iit = framework.tools.get(kind=Tool.Kind.INTERNAL)
    civil, employee = list(iit.groups.all())[:2]
    made = []
    for code, (n_civil, n_employee, s_iit, s_eit, s_oit, previous) in DEMO.items():
        agency = Unit.objects.filter(agency_code=code).first()
        if agency is None:
            continue
        assessment = Assessment.objects.filter(framework=framework, agency=agency).first()
        if assessment is None:
            assessment = setup.assessment_create(actor=admin, framework=framework, agency=agency)
            setup.assessment_setup(
                actor=admin,
                assessment=assessment,
                counts={civil.pk: n_civil, employee.pk: n_employee},
                divisions=list(agency.children.filter(kind=Unit.Kind.DIVISION)),
                eit_target=500,
            )
            setup.set_surveys_open(actor=admin, assessment=assessment, is_open=True)
            results.scores_publish(
                actor=assessor,
                assessment=assessment,
                iit_score=Decimal(s_iit),
                eit_score=Decimal(s_eit),
                oit_score=Decimal(s_oit),
                previous_total=Decimal(previous) if previous else None,
            )
        made.append(assessment)
    return made
