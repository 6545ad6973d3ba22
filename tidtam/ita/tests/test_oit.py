import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.ita import scoring, selectors
from tidtam.ita.models import Assessment
from tidtam.ita.services import oit

State = Assessment.OitState


def fill_all(ita, assessment):
    for entry in oit.entries(assessment):
        oit.entry_fill(
            actor=ita.alice,
            assessment=assessment,
            entry=entry,
            has_it=True,
            note="",
            urls=[f"https://bangsue.example/{entry.item.code}"],
        )


def review_all(ita, assessment, failing=()):
    for entry in oit.entries(assessment):
        failed = entry.item.code in failing
        oit.entry_review(
            actor=ita.assessor,
            assessment=assessment,
            entry=entry,
            passed=not failed,
            observation="ลิงก์ไม่ตรง" if failed else "",
        )


def test_full_workflow_with_a_correction(ita):
    a = ita.aa
    assert len(oit.entries(a)) == 43
    fill_all(ita, a)
    a = oit.oit_submit(actor=ita.alice, assessment=a)
    assert a.oit_state == State.SUBMITTED
    review_all(ita, a, failing={"O5"})
    until = timezone.localdate() + dt.timedelta(days=7)
    a = oit.oit_finish_review(actor=ita.assessor, assessment=a, correction_until=until)
    assert a.oit_state == State.REVIEWED
    assert scoring.display(selectors.oit_score(a)) == "98.33"  # (29/30 + 13/13) / 2
    passed = next(e for e in oit.entries(a) if e.item.code == "O1")
    with pytest.raises(ValidationError, match="passed"):
        oit.entry_fill(actor=ita.alice, assessment=a, entry=passed, has_it=True, note="", urls=[])
    failed = next(e for e in oit.entries(a) if e.item.code == "O5")
    oit.entry_fill(
        actor=ita.alice, assessment=a, entry=failed, has_it=True, note="แก้แล้ว",
        urls=["https://bangsue.example/contact"],
    )  # fmt: skip
    a = oit.oit_submit(actor=ita.alice, assessment=a)
    assert a.oit_state == State.RESUBMITTED
    failed.refresh_from_db()
    oit.entry_review(actor=ita.assessor, assessment=a, entry=failed, passed=True, observation="")
    a = oit.oit_close(actor=ita.assessor, assessment=a)
    assert a.oit_state == State.CLOSED
    assert selectors.oit_score(a) == 100
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "ita.oit.item_filled",
        "ita.oit.submitted",
        "ita.oit.item_reviewed",
        "ita.oit.reviewed",
        "ita.oit.resubmitted",
        "ita.oit.closed",
    } <= actions


def test_submit_needs_every_item_and_evidence(ita):
    with pytest.raises(ValidationError, match="Answer every item"):
        oit.oit_submit(actor=ita.alice, assessment=ita.aa)
    fill_all(ita, ita.aa)
    entry = oit.entries(ita.aa)[0]
    oit.entry_fill(actor=ita.alice, assessment=ita.aa, entry=entry, has_it=True, note="", urls=[])
    with pytest.raises(ValidationError, match="O1"):
        oit.oit_submit(actor=ita.alice, assessment=ita.aa)


@pytest.mark.parametrize(
    ("state", "move"),
    [
        (State.DRAFT, "close"),
        (State.DRAFT, "review"),
        (State.SUBMITTED, "close"),
        (State.SUBMITTED, "submit"),
        (State.CLOSED, "submit"),
        (State.CLOSED, "fill"),
        (State.CLOSED, "review"),
        (State.RESUBMITTED, "fill"),
    ],
)
def test_illegal_transitions_refused_with_a_message(ita, state, move):
    fill_all(ita, ita.aa)
    Assessment.objects.filter(pk=ita.aa.pk).update(oit_state=state)
    ita.aa.refresh_from_db()
    entry = oit.entries(ita.aa)[0]
    actions = {
        "close": lambda: oit.oit_close(actor=ita.assessor, assessment=ita.aa),
        "submit": lambda: oit.oit_submit(actor=ita.alice, assessment=ita.aa),
        "review": lambda: oit.entry_review(
            actor=ita.assessor, assessment=ita.aa, entry=entry, passed=True, observation=""
        ),
        "fill": lambda: oit.entry_fill(
            actor=ita.alice, assessment=ita.aa, entry=entry, has_it=False, note="", urls=[]
        ),
    }
    with pytest.raises(ValidationError) as caught:
        actions[move]()
    assert caught.value.messages[0]
    ita.aa.refresh_from_db()
    assert ita.aa.oit_state == state


def test_correction_window_closes(ita):
    fill_all(ita, ita.aa)
    oit.oit_submit(actor=ita.alice, assessment=ita.aa)
    review_all(ita, ita.aa, failing={"O7"})
    oit.oit_finish_review(
        actor=ita.assessor, assessment=ita.aa, correction_until=timezone.localdate()
    )
    Assessment.objects.filter(pk=ita.aa.pk).update(
        oit_correction_until=timezone.localdate() - dt.timedelta(days=1)
    )
    ita.aa.refresh_from_db()
    failed = next(e for e in oit.entries(ita.aa) if e.item.code == "O7")
    with pytest.raises(ValidationError, match="window closed"):
        oit.entry_fill(
            actor=ita.alice, assessment=ita.aa, entry=failed, has_it=True, note="", urls=["https://x.example/"]
        )  # fmt: skip
    with pytest.raises(ValidationError, match="window has closed"):
        oit.oit_submit(actor=ita.alice, assessment=ita.aa)
    assert oit.oit_close(actor=ita.assessor, assessment=ita.aa).oit_state == State.CLOSED


def test_failing_needs_an_observation(ita):
    fill_all(ita, ita.aa)
    oit.oit_submit(actor=ita.alice, assessment=ita.aa)
    entry = oit.entries(ita.aa)[0]
    with pytest.raises(ValidationError):
        oit.entry_review(
            actor=ita.assessor, assessment=ita.aa, entry=entry, passed=False, observation=" "
        )


def test_o11_filled_with_tidtams_own_report(ita):
    entry = next(e for e in oit.entries(ita.aa) if e.item.code == "O11")
    oit.entry_fill(
        actor=ita.alice, assessment=ita.aa, entry=entry, has_it=True, note="",
        urls=[], use_tidtam_report=True,
    )  # fmt: skip
    url = entry.evidence.get().url
    assert url.endswith(f"/ita/open/{ita.aa.token}/operating_plan/")
    o1 = oit.entries(ita.aa)[0]
    with pytest.raises(ValidationError):
        oit.entry_fill(
            actor=ita.alice, assessment=ita.aa, entry=o1, has_it=True, note="", urls=[],
            use_tidtam_report=True,
        )  # fmt: skip


def test_entry_of_another_assessment_refused(ita):
    theirs = oit.entries(ita.bb)[0]
    with pytest.raises(ValidationError):
        oit.entry_fill(
            actor=ita.alice, assessment=ita.aa, entry=theirs, has_it=True, note="", urls=[]
        )


def test_oit_score_waits_for_the_review(ita):
    assert selectors.oit_score(ita.aa) is None
    fill_all(ita, ita.aa)
    oit.oit_submit(actor=ita.alice, assessment=ita.aa)
    assert selectors.oit_score(ita.aa) is None
    review_all(ita, ita.aa)
    assert selectors.oit_score(ita.aa) == 100


def test_result_form_prefilled_with_computed_oit(client, ita):
    from django.urls import reverse

    fill_all(ita, ita.aa)
    oit.oit_submit(actor=ita.alice, assessment=ita.aa)
    review_all(ita, ita.aa, failing={"O1"})
    client.force_login(ita.assessor)
    page = page_of(client.get(reverse("ita:result", args=[ita.aa.pk])))
    assert 'value="98.3333"' in page  # (29/30 + 13/13) / 2, to the stored four places
