"""The daily reminder digest: at most one e-mail per person per day.

- To each reporter and approver, while a round's due date is near (``days_before``), the
  running projects of their units without a submitted report for that round.
- To each coordinator, the projects of their agencies missing the last round that is past due,
  and the reports waiting for their review.
- The sections an app above followup adds (``register_sections``, from its
  ``AppConfig.ready``): the indicators' quarterly results due, overdue or waiting for review.
Idempotent: a person who got today's digest gets nothing more today; one failure is logged and
the job goes on with the next person.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext as _

from tidtam.followup.models import DigestSent
from tidtam.followup.selectors import followed_agencies_q
from tidtam.lib.thai import format_date_short
from tidtam.orgs import access
from tidtam.orgs.models import Membership, User
from tidtam.projects.models import Project
from tidtam.reports.models import ProgressReport, ReviewStatus
from tidtam.rounds.models import ReportingRound

log = logging.getLogger(__name__)
Role = Membership.Role


@dataclass
class Digest:
    user: User
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, title: str, lines: list[str]) -> None:
        if lines:
            self.sections.append((title, lines))

    @property
    def body(self) -> str:
        parts = [_("Dear %(name)s,") % {"name": self.user}]
        for title, lines in self.sections:
            parts.append("\n".join([title, *[f"- {line}" for line in lines]]))
        parts.append(_("This reminder is sent at most once a day by tidtam."))
        return "\n\n".join(parts)


# (user, today, days_before) → the (title, lines) sections of that person's digest
Sections = Callable[[User, dt.date, int], list[tuple[str, list[str]]]]
_other_sections: list[Sections] = []


def register_sections(sections: Sections) -> None:
    """Add another app's reminders to the daily digest (still one e-mail a day)."""
    if sections not in _other_sections:
        _other_sections.append(sections)


def _without_report(projects, round_: ReportingRound):
    filed = ProgressReport.objects.filter(
        project=OuterRef("pk"),
        date__gte=round_.period_start,
        date__lte=round_.period_end,
        first_submitted_at__isnull=False,
    )
    return (
        projects.filter(start_date__lte=round_.period_end, end_date__gte=round_.period_start)
        .exclude(Exists(filed))
        .select_related("responsible_unit")
        .order_by("code")
    )


def _project_line(project: Project) -> str:
    return f"{project.code} {project.name} ({project.responsible_unit})"


def digest_for(user: User, today: dt.date, *, days_before: int = 3) -> Digest:
    """What this person should be reminded of today (an empty digest when nothing)."""
    digest = Digest(user)
    editor_paths = access.paths_in_role(user, access.EDITOR_ROLES)
    coordinates = Role.COORDINATOR in access.roles(user)
    upcoming = (
        ReportingRound.objects.filter(
            due_date__gte=today, due_date__lte=today + dt.timedelta(days=days_before)
        )
        .order_by("due_date")
        .first()
    )
    if editor_paths and upcoming is not None:
        projects = Project.objects.filter(access.subtree_q(editor_paths, "responsible_unit__path"))
        digest.add(
            _("Round %(round)s is due on %(due)s; these projects have not reported yet:")
            % {"round": upcoming.number, "due": format_date_short(upcoming.due_date)},
            [_project_line(p) for p in _without_report(projects, upcoming)],
        )
    if coordinates:
        followed = Project.objects.filter(followed_agencies_q(user))
        overdue = ReportingRound.objects.filter(due_date__lt=today).order_by("-due_date").first()
        if overdue is not None:
            digest.add(
                _("Round %(round)s was due on %(due)s; these projects have not reported:")
                % {"round": overdue.number, "due": format_date_short(overdue.due_date)},
                [_project_line(p) for p in _without_report(followed, overdue)],
            )
        waiting = (
            ProgressReport.objects.filter(
                project__in=followed.values("pk"), status=ReviewStatus.SUBMITTED
            )
            .select_related("project")
            .order_by("submitted_at")
        )
        digest.add(
            _("Reports waiting for your review:"),
            [
                _("%(code)s report %(number)s") % {"code": r.project.code, "number": r.number}
                for r in waiting
            ],
        )
    for sections in _other_sections:
        for title, lines in sections(user, today, days_before):
            digest.add(title, lines)
    return digest


def send_digests(today: dt.date, *, dry_run: bool = False) -> dict[str, int]:
    """Send today's digests; safe to run twice."""
    counts = {"sent": 0, "already": 0, "nothing": 0, "no_email": 0, "failed": 0}
    already = set(DigestSent.objects.filter(day=today).values_list("user_id", flat=True))
    users = User.objects.filter(
        is_active=True,
        memberships__role__in=[Role.REPORTER, Role.APPROVER, Role.COORDINATOR],
    ).distinct()
    for user in users.order_by("pk"):
        if user.pk in already:
            counts["already"] += 1
            continue
        if not user.email:
            counts["no_email"] += 1
            continue
        try:
            with translation.override(settings.LANGUAGE_CODE):
                digest = digest_for(user, today)
                if not digest.sections:
                    counts["nothing"] += 1
                    continue
                subject = _("tidtam: reports to follow up on %(date)s") % {
                    "date": format_date_short(today)
                }
                body = digest.body
            if dry_run:
                counts["sent"] += 1
                continue
            with transaction.atomic():
                # the row first: a second run, even a concurrent one, stops here
                DigestSent.objects.create(user=user, day=today, summary=subject)
                send_mail(subject, body, None, [user.email])
            counts["sent"] += 1
        except IntegrityError:
            counts["already"] += 1
        except Exception:  # one bad digest must not stop the others
            log.exception("reminder digest for user %s failed", user.pk)
            counts["failed"] += 1
    return counts
