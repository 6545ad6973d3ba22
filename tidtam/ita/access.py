"""Who may see and change an agency's ITA: its members read; its ITA coordinator, the city's
ITA assessors and admins manage; only assessors and admins review OIT and publish scores.
Another agency's assessment is a 404, never a 403, so that its existence does not leak."""

from django.db.models import Q, QuerySet
from django.http import Http404

from tidtam.ita.models import Assessment, ItaRole
from tidtam.orgs import access as org_access
from tidtam.orgs.models import Unit, User


def _ita_roles(user: User) -> list[ItaRole]:
    cached = getattr(user, "_tidtam_ita_roles", None)
    if cached is None:
        cached = list(ItaRole.objects.filter(user=user)) if user.is_authenticated else []
        user._tidtam_ita_roles = cached
    return cached


def is_assessor(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return org_access.is_admin(user) or any(
        r.role == ItaRole.Role.ASSESSOR for r in _ita_roles(user)
    )


def coordinated_agency_ids(user: User) -> set[int]:
    return {r.agency_id for r in _ita_roles(user) if r.role == ItaRole.Role.COORDINATOR}


def member_agency_ids(user: User) -> set[int]:
    """Agencies in which the user holds any role, at the agency or in a unit below it."""
    if not user.is_authenticated:
        return set()
    ids = {pk for m in org_access.memberships(user) for pk in m.unit.path_ids}
    return set(Unit.objects.filter(pk__in=ids, kind=Unit.Kind.AGENCY).values_list("pk", flat=True))


def assessments_for_user(user: User) -> QuerySet[Assessment]:
    assessments = Assessment.objects.select_related("framework", "agency")
    if is_assessor(user):
        return assessments
    agencies = member_agency_ids(user) | coordinated_agency_ids(user)
    return assessments.filter(agency_id__in=agencies)


def can_manage(user: User, assessment: Assessment) -> bool:
    return is_assessor(user) or assessment.agency_id in coordinated_agency_ids(user)


def can_review(user: User) -> bool:
    return is_assessor(user)


def get_assessment_for_user(user: User, pk: int) -> tuple[Assessment, bool]:
    """The assessment and whether the user manages it; 404 when they may not read it."""
    assessment = assessments_for_user(user).filter(pk=pk).first()
    if assessment is None:
        raise Http404
    return assessment, can_manage(user, assessment)


def agencies_to_assess(user: User) -> QuerySet[Unit]:
    """Agencies for which the user may open an assessment."""
    agencies = Unit.objects.filter(kind=Unit.Kind.AGENCY)
    if is_assessor(user):
        return agencies
    return agencies.filter(Q(pk__in=coordinated_agency_ids(user)))


def can_compare(user: User) -> bool:
    """The comparison of all agencies: assessors, admins and the city's executives."""
    if is_assessor(user):
        return True
    return any(
        m.role == org_access.Role.EXECUTIVE and m.unit.kind == Unit.Kind.CITY
        for m in org_access.memberships(user)
    )
