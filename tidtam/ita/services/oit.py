"""The OIT workflow. The agency fills each item (has it or not, URLs or files, a note) and
submits; the assessor marks each item passed or not with an observation and finishes the
review, opening a correction window; the agency corrects the failed items and resubmits
before the window closes; the assessor closes. Each step is audited; any other move is
refused with a message saying why.

    draft ──submit──▶ submitted ──finish review──▶ reviewed ──resubmit──▶ resubmitted
                                                       │                       │
                                                       └──────── close ◀───────┘
"""

import datetime as dt
import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.core import concurrency
from tidtam.core.audit import record
from tidtam.core.validators import hidden_characters, hidden_message
from tidtam.ita.actions import OIT_ITEM_FILLED, OIT_ITEM_REVIEWED, OIT_MOVED
from tidtam.ita.models import Assessment, OitEntry, OitEvidence, OitItem, Tool
from tidtam.ita.reports_link import tidtam_report_url
from tidtam.orgs.models import User

State = Assessment.OitState
MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png")


def check_uploads(files) -> None:
    """Refuse evidence files with hidden characters in their names, too large, or of a type
    nobody can open (the indicators' evidence follows the same rule)."""
    for upload in files:
        if found := hidden_characters(upload.name):
            raise ValidationError({"files": hidden_message(found)})
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError({"files": _("A file may be at most 10 MB.")})
        if not upload.name.lower().endswith(FILE_TYPES):
            raise ValidationError(
                {
                    "files": _("Attach PDF, Word, Excel or image files (%(types)s).")
                    % {"types": " ".join(FILE_TYPES)}
                }
            )


URL_MAX = OitEvidence._meta.get_field("url").max_length


def entries(assessment: Assessment) -> list[OitEntry]:
    """One entry per item of the year, created on first use."""
    items = OitItem.objects.filter(
        sub_indicator__indicator__tool__framework=assessment.framework,
        sub_indicator__indicator__tool__kind=Tool.Kind.DISCLOSURE,
    )
    existing = set(assessment.oit.values_list("item_id", flat=True))
    OitEntry.objects.bulk_create(
        OitEntry(assessment=assessment, item=item) for item in items if item.pk not in existing
    )
    return list(
        assessment.oit.select_related("item__sub_indicator__indicator").prefetch_related("evidence")
    )


def _refuse(message: str) -> None:
    raise ValidationError(message)


def agency_may_edit(assessment: Assessment, entry: OitEntry, today: dt.date) -> str | None:
    """None when the agency may change the entry now, otherwise the reason it may not."""
    state = assessment.oit_state
    if state == State.DRAFT:
        return None
    if state == State.REVIEWED:
        if assessment.oit_correction_until and today > assessment.oit_correction_until:
            return _("The correction window closed on %(date)s.") % {
                "date": assessment.oit_correction_until.isoformat()
            }
        if entry.passed:
            return _("This item has passed; only failed items can be corrected.")
        return None
    return _("The OIT is %(state)s; the agency cannot change it now.") % {
        "state": assessment.get_oit_state_display()
    }


def _lock_entry(entry: OitEntry, version: int | None) -> OitEntry:
    """The entry as saved now, locked; refused when the form was loaded before a later save."""
    entry = OitEntry.objects.select_for_update().select_related("item").get(pk=entry.pk)
    concurrency.check(entry, version)
    return entry


def _lock(assessment: Assessment, entry: OitEntry | None = None) -> Assessment:
    if entry is not None and entry.assessment_id != assessment.pk:
        raise ValidationError(_("This item belongs to another assessment."))
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


@transaction.atomic
def entry_fill(
    *,
    actor: User,
    assessment: Assessment,
    entry: OitEntry,
    has_it: bool,
    note: str,
    urls: list[str],
    files: list = (),
    use_tidtam_report: bool = False,
    remove_files: bool = False,
    version: int | None = None,
) -> OitEntry:
    """Set the answer, note and URLs; add ``files`` to the files already given (or replace
    them when ``remove_files``). ``version``: the entry's version the form was loaded from;
    a save over a later one is refused."""
    assessment = _lock(assessment, entry)
    entry = _lock_entry(entry, version)
    reason = agency_may_edit(assessment, entry, timezone.localdate())
    if reason:
        _refuse(reason)
    check_uploads(files)
    for url in urls:
        if len(url) > URL_MAX:
            raise ValidationError(
                {
                    "urls": _("A web address may be at most %(n)s characters: %(start)s…")
                    % {"n": URL_MAX, "start": url[:60]}
                }
            )
    urls = list(urls)
    if use_tidtam_report:
        if not entry.item.tidtam_source:
            raise ValidationError(_("tidtam does not produce this item."))
        urls.append(tidtam_report_url(assessment, entry.item.tidtam_source))
    before = {"has_it": entry.has_it, "note": entry.note, "evidence": _evidence(entry)}
    entry.has_it, entry.note = has_it, note
    if assessment.oit_state == State.REVIEWED:
        entry.passed = None  # a corrected item goes back to the assessor
    entry.save(update_fields=["has_it", "note", "passed"])
    entry.evidence.filter(file="").delete()
    if remove_files:
        for old in entry.evidence.exclude(file=""):
            # the file goes once the rows are gone for good: removed now, a refusal or an
            # error later in the transaction would leave rows naming no file (a 500 to read)
            transaction.on_commit(functools.partial(old.file.storage.delete, old.file.name))
            old.delete()
    for url in dict.fromkeys(u for u in urls if u):
        OitEvidence.objects.create(entry=entry, url=url)
    for upload in files:
        OitEvidence.objects.create(entry=entry, file=upload)
    after = {"has_it": has_it, "note": note, "evidence": _evidence(entry)}
    _audit(OIT_ITEM_FILLED, actor, assessment, entry, before, after)
    return entry


def _evidence(entry: OitEntry) -> list[str]:
    return [e.url or e.file.name for e in entry.evidence.all()]


def _audit(action, actor, assessment, entry, before, after) -> None:
    concurrency.record_save(
        action=action,
        actor=actor,
        target=entry,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        unit=assessment.agency,
    )


def _transition(actor, assessment, allowed: set[str], new: str, **extra) -> Assessment:
    assessment = _lock(assessment)
    old = assessment.oit_state
    if old not in allowed:
        _refuse(
            _("Cannot move the OIT from “%(old)s” to “%(new)s”.")
            % {"old": assessment.get_oit_state_display(), "new": State(new).label}
        )
    assessment.oit_state = new
    for name, value in extra.items():
        setattr(assessment, name, value)
    assessment.save(update_fields=["oit_state", *extra])
    changes = {"oit_state": [old, new]}
    changes.update({k: [None, v.isoformat() if v else None] for k, v in extra.items()})
    record(
        action=OIT_MOVED[new],
        actor=actor,
        target=assessment,
        changes=changes,
        unit=assessment.agency,
    )
    return assessment


@transaction.atomic
def oit_submit(*, actor: User, assessment: Assessment) -> Assessment:
    """Agency → assessor, first time (draft) or after corrections (reviewed)."""
    rows = entries(assessment)
    unanswered = [e.item.code for e in rows if e.has_it is None]
    if unanswered:
        _refuse(
            _("Answer every item before submitting: %(codes)s.")
            % {"codes": ", ".join(unanswered[:10]) + ("…" if len(unanswered) > 10 else "")}
        )
    no_evidence = [e.item.code for e in rows if e.has_it and not e.evidence.all()]
    if no_evidence:
        _refuse(
            _("Give a URL or file for: %(codes)s.")
            % {"codes": ", ".join(no_evidence[:10]) + ("…" if len(no_evidence) > 10 else "")}
        )
    if assessment.oit_state == State.REVIEWED:
        if (
            assessment.oit_correction_until
            and timezone.localdate() > assessment.oit_correction_until
        ):
            _refuse(_("The correction window has closed."))
        return _transition(actor, assessment, {State.REVIEWED}, State.RESUBMITTED)
    return _transition(actor, assessment, {State.DRAFT}, State.SUBMITTED)


@transaction.atomic
def entry_review(
    *,
    actor: User,
    assessment: Assessment,
    entry: OitEntry,
    passed: bool,
    observation: str,
    version: int | None = None,
) -> OitEntry:
    """The assessor's verdict on one item. ``version``: as for ``entry_fill``."""
    assessment = _lock(assessment, entry)
    entry = _lock_entry(entry, version)
    if assessment.oit_state not in {State.SUBMITTED, State.RESUBMITTED}:
        _refuse(_("Items can be reviewed only after the agency submits."))
    if not passed and not observation.strip():
        raise ValidationError({"observation": _("Write an observation for an item that fails.")})
    before = {"passed": entry.passed, "observation": entry.observation}
    entry.passed, entry.observation = passed, observation
    entry.save(update_fields=["passed", "observation"])
    _audit(OIT_ITEM_REVIEWED, actor, assessment, entry, before, {
        "passed": passed, "observation": observation})  # fmt: skip
    return entry


@transaction.atomic
def oit_finish_review(
    *, actor: User, assessment: Assessment, correction_until: dt.date
) -> Assessment:
    unreviewed = [e.item.code for e in entries(assessment) if e.passed is None]
    if unreviewed:
        _refuse(_("Review every item first: %(codes)s.") % {"codes": ", ".join(unreviewed[:10])})
    if correction_until < timezone.localdate():
        raise ValidationError({"correction_until": _("The window cannot end in the past.")})
    return _transition(
        actor,
        assessment,
        {State.SUBMITTED},
        State.REVIEWED,
        oit_correction_until=correction_until,
    )


@transaction.atomic
def oit_close(*, actor: User, assessment: Assessment) -> Assessment:
    if assessment.oit_state == State.RESUBMITTED:
        unreviewed = [e.item.code for e in entries(assessment) if e.passed is None]
        if unreviewed:
            _refuse(_("Review every item first: %(codes)s.") % {"codes": ", ".join(unreviewed)})
    return _transition(actor, assessment, {State.REVIEWED, State.RESUBMITTED}, State.CLOSED)
