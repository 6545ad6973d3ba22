"""Who reads an agency's annual documents: its own people (in any unit of the agency), the
coordinators who follow it, those above it (the city's executives) and admins. Another agency
is a 404, the same answer as one that does not exist."""

from django.db.models import Q, QuerySet
from django.http import Http404

from tidtam.orgs import access
from tidtam.orgs.models import Unit, User


def may_read(user: User, agency: Unit) -> bool:
    """Answered from the user's memberships, without a query."""
    if not user.is_authenticated:
        return False
    if access.is_admin(user):
        return True
    return any(
        agency.path.startswith(m.unit.path) or m.unit.path.startswith(agency.path)
        for m in access.memberships(user)
    )


def agencies_for_user(user: User) -> QuerySet[Unit]:
    """The agencies whose documents the user reads, by name."""
    agencies = Unit.objects.filter(kind=Unit.Kind.AGENCY).exclude(agency_code="")
    if not access.is_admin(user):
        above = {pk for m in access.memberships(user) for pk in m.unit.path_ids}
        agencies = agencies.filter(access.readable_units_q(user) | Q(pk__in=above))
    return agencies.order_by("name")


def agency_for_user(user: User, agency_code: str) -> Unit:
    agency = Unit.objects.filter(kind=Unit.Kind.AGENCY, agency_code=agency_code).first()
    if agency is None or not agency_code or not may_read(user, agency):
        raise Http404
    return agency
