"""Small things seen on the ITA pages: the overview names the agency's ITA coordinator, survey
questions are numbered 1, 2, … as people number them."""

from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.ita.services.surveys import questions_of


def test_the_overview_names_the_agencys_ita_coordinator(client, ita):
    ita.alice.full_name = "นางสาวอลิส ใจดี"
    ita.alice.save()
    client.force_login(ita.assessor)
    page = page_of(client.get(reverse("ita:detail", args=[ita.aa.pk])))
    assert "นางสาวอลิส ใจดี" in page  # the agency's ITA coordinator in tidtam
    assert "สมศรี" in page  # and the one named in the setup
    page = page_of(client.get(reverse("ita:detail", args=[ita.bb.pk])))
    assert "bob" in page and "นางสาวอลิส ใจดี" not in page  # B's own


def test_survey_questions_are_numbered_from_one(client, ita):
    page = page_of(client.get(reverse("ita:survey_iit", args=[ita.aa.token])))
    questions = list(questions_of(ita.iit))
    text = " ".join(page.text.split())
    for number, question in [(1, questions[0]), (len(questions), questions[-1])]:
        assert f"{number}. {' '.join(question.text.split())}" in text
    assert f"{questions[0].code}. " not in text  # not the framework's code (i1.)
