"""Writes of units, people and their roles: each checks, saves in one transaction and records
the change. Only an administrator sets up the city's units and people."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tidtam.core import audit, concurrency
from tidtam.orgs import access
from tidtam.orgs.actions import (
    MEMBERSHIP_ADDED,
    MEMBERSHIP_REMOVED,
    PASSWORD_SET,
    PASSWORD_TURNED_OFF,
    PERSON_CHANGED,
    PERSON_CREATED,
    UNIT_CHANGED,
    UNIT_CREATED,
)
from tidtam.orgs.models import Membership, Unit, User

UNIT_FIELDS = ["kind", "name", "parent", "code", "agency_code"]
PERSON_FIELDS = ["username", "full_name", "email", "position"]
# what lets a login in at all, and into the admin site: changed by an admin, recorded
ACCESS_FIELDS = ["is_active", "is_staff", "is_superuser"]


def _require_admin(actor: User) -> None:
    if not access.is_admin(actor):
        raise ValidationError(_("Only an administrator sets up units and people."))


@transaction.atomic
def unit_create(
    *, actor: User, kind: str, name: str, parent: Unit | None, code: str = "", agency_code: str = ""
) -> Unit:
    _require_admin(actor)
    unit = Unit(kind=kind, name=name, parent=parent, code=code, agency_code=agency_code)
    unit.full_clean(exclude=["path"])
    unit.save()
    audit.record_changes(
        action=UNIT_CREATED, actor=actor, target=unit, before={}, fields=UNIT_FIELDS, unit=unit
    )
    return unit


def _edit(actor: User, row, fields: list[str], changes: dict, action, version, moved=None):
    """Lock the row, refuse a form loaded before someone else's save (``version``: the one it
    was loaded at; None from no form), set the changes, check, save and record what changed
    with the row's new version. ``moved(row, old_path)``: for a unit, what follows a change of
    its place."""
    _require_admin(actor)
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"not a field of {row._meta.label}: {sorted(unknown)}")
    row = type(row).objects.select_for_update().get(pk=row.pk)
    concurrency.check(row, version)
    before = audit.snapshot(row, fields)
    old_path = getattr(row, "path", None)
    for name, value in changes.items():
        setattr(row, name, value)
    row.full_clean(exclude=["path"] if moved else None)
    if moved:
        moved(row, old_path)
    row.save()
    unit = row if isinstance(row, Unit) else None
    concurrency.record_edit(
        action=action, actor=actor, target=row, before=before, fields=fields, unit=unit
    )
    return row


def _move_subtree(unit: Unit, old_path: str) -> None:
    if unit.parent is not None and unit.parent.path.startswith(old_path):
        raise ValidationError({"parent": _("A unit cannot lie inside itself.")})
    path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
    if path != old_path:  # the subtree follows
        for below in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            Unit.objects.filter(pk=below.pk).update(path=path + below.path[len(old_path) :])


@transaction.atomic
def unit_update(*, actor: User, unit: Unit, version: int | None = None, **changes) -> Unit:
    """Change a unit; moving it under another parent moves its whole subtree."""
    return _edit(actor, unit, UNIT_FIELDS, changes, UNIT_CHANGED, version, moved=_move_subtree)


@transaction.atomic
def person_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    email: str = "",
    position: str = "",
    password: str | None = None,
) -> User:
    """A new login, without a password (they set their own through ``password_link``) or
    with the one an admin typed in the admin site (never recorded)."""
    _require_admin(actor)
    user = User(username=username, full_name=full_name, email=email, position=position)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    audit.record_changes(
        action=PERSON_CREATED, actor=actor, target=user, before={}, fields=PERSON_FIELDS
    )
    return user


@transaction.atomic
def person_update(*, actor: User, user: User, version: int | None = None, **changes) -> User:
    return _edit(actor, user, PERSON_FIELDS + ACCESS_FIELDS, changes, PERSON_CHANGED, version)


@transaction.atomic
def password_set(*, actor: User, user: User, password: str | None) -> User:
    """Set a person's password (``None``: no password login), by an administrator or by the
    person themselves (``password_link``). The audit log records who did it, never the
    password."""
    if actor.pk != user.pk:
        _require_admin(actor)
    locked = User.objects.select_for_update().get(pk=user.pk)
    if password is None:
        locked.set_unusable_password()
    else:
        locked.set_password(password)
    locked.save(update_fields=["password"])
    action = PASSWORD_SET if password is not None else PASSWORD_TURNED_OFF
    audit.record(action=action, actor=actor, target=locked, changes={})
    user.password = locked.password  # so that a session kept on ``user`` follows the change
    return user


@transaction.atomic
def membership_add(*, actor: User, user: User, unit: Unit, role: str) -> Membership:
    _require_admin(actor)
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        audit.record(
            action=MEMBERSHIP_ADDED,
            actor=actor,
            target=membership,
            changes={"role": [None, role], "unit": [None, str(unit)]},
            unit=unit,
        )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """Take a role in a unit away; the audit log keeps who had it, where and until when."""
    _require_admin(actor)
    membership = Membership.objects.select_related("unit").get(pk=membership.pk)
    audit.record(
        action=MEMBERSHIP_REMOVED,
        actor=actor,
        target=membership,
        changes={"role": [membership.role, None], "unit": [str(membership.unit), None]},
        unit=membership.unit,
    )
    membership.delete()


def password_link(user: User) -> str:
    """The path where a person without a password sets their own (Django's password-reset
    token: valid once, for ``PASSWORD_RESET_TIMEOUT``)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_set", kwargs={"uidb64": uid, "token": token})
