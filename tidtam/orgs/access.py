"""Who may see and change what. Every read of a unit's data starts here."""

from django.db.models import Q

from tidtam.orgs.models import Membership, Unit, User

Role = Membership.Role
EDITOR_ROLES = {Role.REPORTER, Role.APPROVER}  # they register projects and file reports
DASHBOARD_ROLES = {Role.EXECUTIVE, Role.COORDINATOR}  # they read the dashboards of their units


def is_admin(user: User) -> bool:
    return user.is_superuser or any(m.role == Role.ADMIN for m in memberships(user))


def memberships(user: User) -> list[Membership]:
    """The user's memberships with their units, fetched once per request object (the login
    backend fetches them with the user)."""
    cached = getattr(user, "_tidtam_memberships", None)
    if cached is None:
        cached = keep_memberships(user, Membership.objects.filter(user=user).select_related("unit"))
    return cached


def keep_memberships(user: User, rows) -> list[Membership]:
    """Remember the user's memberships on this user object (this request's)."""
    user._tidtam_memberships = list(rows)
    return user._tidtam_memberships


def roles(user: User) -> set[str]:
    return {m.role for m in memberships(user)}


def follows_up(user: User) -> bool:
    """An admin, or a coordinator of any agency: the follow-up page, the review queue and the
    import of the old system's printouts."""
    return is_admin(user) or Role.COORDINATOR in roles(user)


def files_reports(user: User) -> bool:
    """A reporter or approver somewhere: their reports to work on."""
    return bool(roles(user) & EDITOR_ROLES)


def sees_dashboard(user: User) -> bool:
    return is_admin(user) or bool(roles(user) & DASHBOARD_ROLES)


def paths_in_role(user: User, wanted: set[str]) -> set[str]:
    """The paths of the units where the user holds one of these roles."""
    return {m.unit.path for m in memberships(user) if m.role in wanted}


def subtree_q(paths: set[str], field: str) -> Q:
    """Units (through ``field``, a unit path) in the subtree of any of these paths."""
    condition = Q(pk__in=[])
    for path in sorted(paths):
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def readable_units_q(user: User, field: str = "path") -> Q:
    """A filter on unit paths the user may read: their own subtrees in any role."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if is_admin(user):
        return Q()
    return subtree_q({m.unit.path for m in memberships(user)}, field)


def editable_units_q(user: User, field: str = "path") -> Q:
    """Reporters and approvers change what lies in their unit's subtree; admins all."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if is_admin(user):
        return Q()
    return subtree_q(paths_in_role(user, EDITOR_ROLES), field)


def can_edit_unit(user: User, unit: Unit) -> bool:
    """``editable_units_q`` answered for one unit from the memberships already read, without
    a query: the unit lies in the subtree of a unit where the user reports or approves."""
    if not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    return any(unit.path.startswith(path) for path in paths_in_role(user, EDITOR_ROLES))


def coordinates_agency(user: User, agency_id: int | None) -> bool:
    """An admin, or a coordinator who follows the agency: they review its reports, reopen its
    rounds and bring in its printouts from the old system."""
    if is_admin(user):
        return True
    return agency_id is not None and any(
        m.role == Role.COORDINATOR and m.unit_id == agency_id for m in memberships(user)
    )


def can_import_into(user: User, unit: Unit) -> bool:
    """Importing the old system's printouts is the follow-up's work: the agency's coordinators
    and admins may write the printed project and reports, even where they may not edit."""
    agency = unit.agency
    return coordinates_agency(user, agency.pk if agency else None)


def can_write_unit(user: User, unit: Unit, *, importing: bool = False) -> bool:
    """Whether the project and report services let the user write a unit's projects: its
    editors, or for an import of the old system's printouts, ``can_import_into``."""
    return can_import_into(user, unit) if importing else can_edit_unit(user, unit)


def editable_units(user: User):
    return Unit.objects.filter(editable_units_q(user))


def readable_units(user: User):
    return Unit.objects.filter(readable_units_q(user))


def followed_agencies(user: User):
    """The agencies a coordinator follows."""
    return Unit.objects.filter(
        memberships__user=user, memberships__role=Role.COORDINATOR, kind=Unit.Kind.AGENCY
    )
