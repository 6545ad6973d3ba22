"""Fuzz the whole site: every URL pattern of the resolver, as each role, with generated query
strings and generated form data. No request may answer 5xx (the test client re-raises a view's
exception, so its traceback fails the test), a GET writes nothing, and a refused POST (4xx, a
form shown again with errors, or an error message) leaves every table as it was.

The path arguments come from real objects (the demo data, its follow-up and ITA parts, and a
few objects made below); a pattern nobody taught this module to fill fails
``test_every_url_pattern_can_be_filled``, so a new page is fuzzed from the day it is added.
The field names come from the forms the pages render (crawled once per module). Each example
runs in a savepoint that is rolled back, so every example starts from the same data.

Budget: ``MAX_EXAMPLES`` examples (one GET and one POST each) per URL pattern × role,
derandomized so that CI runs the same requests every time.
"""

import datetime as dt
import hashlib
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, reset_queries, transaction
from django.forms import BaseForm, BaseFormSet
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, ContextList
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Examples per URL pattern, each sent as every role. CI's budget; explore deeper by hand with
# FUZZ_EXAMPLES=50 .venv/bin/pytest tidtam/tests/test_fuzz.py
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
ROLES = ["anonymous", "reporter", "approver", "coordinator", "executive", "admin", "outsider"]
SAMPLE = "50310000-2961"
YEAR = 2566


# --- the URL patterns ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str  # the whole route, e.g. "projects/<str:code>/edit/": the test's id
    name: str | None  # "projects:edit"; None for an unnamed pattern
    args: tuple[str, ...]  # the names of its path arguments

    @property
    def test_id(self) -> str:
        """Its name, or its route without the converters (``-k`` reads neither < nor ?)."""
        if self.name:
            return self.name
        return re.sub(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)|[$^]", r"\1\2", self.route) or "/"


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            args = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
            yield Pattern(route, name, tuple(a or b for a, b in args))


PATTERNS = list(_walk(get_resolver().url_patterns))


# --- filling path arguments from real objects --------------------------------------------------

ADMIN_MODEL = re.compile(r"^admin/(\w+)/(\w+)/(?:<path:object_id>/|<id>/)")


def _admin_object(route):
    app_label, model_name = ADMIN_MODEL.match(route).groups()
    model = apps.get_model(app_label, model_name)
    return model.objects.order_by("pk").first()


def _fill_admin(site, pattern):
    if pattern.route.startswith("admin/r/"):
        from django.contrib.contenttypes.models import ContentType

        from tidtam.orgs.models import Unit

        unit = Unit.objects.order_by("pk").first()
        content_type = ContentType.objects.get_for_model(Unit)
        return [{"content_type_id": str(content_type.pk), "object_id": str(unit.pk)}]
    if "app_label" in pattern.args:
        return [{"app_label": label} for label in ("orgs", "plans", "rounds", "legacy")]
    if "url" in pattern.args:
        return [{"url": "no-such-page/"}]
    if ADMIN_MODEL.match(pattern.route):
        found = _admin_object(pattern.route)
        assert found is not None, f"no object to fill {pattern.route}"
        key = "id" if "<id>" in pattern.route else "object_id"
        return [{key: str(found.pk)}]
    return None


# Arguments that mean the same on every page that has them.
GENERIC = {
    "code": lambda site: [SAMPLE],
    "year": lambda site: [YEAR],
    "fmt": lambda site: ["xlsx", "csv", "json"],
    "token": lambda site: [site.assessment.token],
}

# Per pattern: a function of the site giving the variants of its path arguments (the generic
# ones above are added when missing).
FILL = {
    "reports:detail": lambda s: [{"number": n} for n in s.report_numbers],
    "reports:edit": lambda s: [{"number": n} for n in s.report_numbers],
    "reports:review": lambda s: [
        {"number": n, "action": a} for n in s.report_numbers for a in ("submit", "accept", "return")
    ],
    "documents:verify": lambda s: [{"code": printed.code} for printed in s.printed],
    "documents:batch_detail": lambda s: [{"pk": s.print_batch.pk}],
    "documents:batch_download": lambda s: [{"pk": s.print_batch.pk}],
    "followup:export_job": lambda s: [{"pk": s.export_job.pk}],
    "followup:export_job_download": lambda s: [{"pk": s.export_job.pk}],
    "followup:round": lambda s: [{"pk": s.round.pk}],
    "followup:money_curve_agency": lambda s: [{"agency": s.agency.pk}],
    "ita:qr": lambda s: [{"pk": s.assessment.pk, "kind": k} for k in ("iit", "eit")],
    "ita:batch_download": lambda s: [{"pk": s.assessment.pk, "batch": s.code_batch.pk}],
    "ita:oit_entry": lambda s: [{"pk": s.assessment.pk, "entry_pk": s.oit_entry.pk}],
    "ita:oit_file": lambda s: [{"pk": s.assessment.pk, "evidence_pk": s.evidence.pk}],
    "ita:oit_step": lambda s: [
        {"pk": s.assessment.pk, "action": a} for a in ("submit", "finish", "close")
    ],
    "ita:role_revoke": lambda s: [{"pk": role.pk} for role in s.ita_roles],
    "ita:framework_question": lambda s: [{"pk": s.question.pk}],
    "ita:framework_question_delete": lambda s: [{"pk": s.question.pk}],
    "ita:framework_level": lambda s: [{"pk": s.level.pk}],
    "ita:framework_oit": lambda s: [{"pk": s.oit_item.pk}],
    "ita:framework_oit_delete": lambda s: [{"pk": s.oit_item.pk}],
    "ita:framework_question_add": lambda s: [{"indicator": s.question.indicator_id}],
    "ita:framework_oit_add": lambda s: [{"sub": s.oit_item.sub_indicator_id}],
    "ita:open_report": lambda s: [{"kind": kind} for kind in sorted(s.report_kinds)],
    "ita:open_report_xlsx": lambda s: [{"kind": kind} for kind in sorted(s.report_kinds)],
    "ita:open_report_pdf": lambda s: [{"kind": kind} for kind in sorted(s.report_kinds)],
    "annual:year": lambda s: [
        {"agency": a, "year": y} for a in ("50310000", "50300000") for y in (YEAR, 3000)
    ],
    "annual:xlsx": lambda s: [
        {"agency": "50310000", "year": YEAR, "kind": k} for k in (*sorted(s.report_kinds), "nope")
    ],
    "annual:pdf": lambda s: [
        {"agency": "50310000", "year": YEAR, "kind": k} for k in ("annual", "nope")
    ],
    "legacy:detail": lambda s: [{"pk": s.legacy_import.pk}],
    "intake:template_kind": lambda s: [{"kind": k} for k in ("units", "projects", "nope")],
    "intake:detail": lambda s: [{"pk": s.setup_import.pk}],
    "intake:confirm": lambda s: [{"pk": s.setup_import.pk}],
    "intake:result": lambda s: [{"pk": s.setup_import.pk}],
    "password_set": lambda s: [{"uidb64": "MQ", "token": "set-password"}],
    "indicators:detail": lambda s: [{"code": q["code"]} for q in s.indicator_quarters],
    "indicators:result": lambda s: s.indicator_quarters,
    "indicators:edit": lambda s: [
        {"code": q["code"], "year": y} for q in s.indicator_quarters for y in (q["year"], 2600)
    ],
    "indicators:assess": lambda s: s.indicator_quarters,
    "indicators:print": lambda s: [
        {"code": q["code"], "year": y} for q in s.indicator_quarters for y in (q["year"], 2600)
    ],
    "indicators:step": lambda s: [
        {**q, "action": a} for q in s.indicator_quarters for a in ("submit", "accept", "return")
    ],
    "indicators:agency": lambda s: [{"agency": "50310000", "year": YEAR}],
    "indicators:evidence": lambda s: [{"pk": s.indicator_evidence.pk}],
    "workplans:approve": lambda s: [{"number": 1}, {"number": 2}],
}


def variants(site, pattern: Pattern) -> list[dict]:
    """The path arguments of ``pattern`` for real objects, one dict per variant; raises
    ``LookupError`` when this module does not know how to fill the pattern."""
    if not pattern.args:
        return [{}]
    if pattern.route.startswith("admin/"):
        found = _fill_admin(site, pattern)
        if found is None:
            raise LookupError(f"{pattern.route}: no way to fill it")
        return found
    found = [dict(v) for v in FILL[pattern.name](site)] if pattern.name in FILL else [{}]
    if pattern.route.startswith("ita/<int:pk>/"):  # an assessment's pages
        found = [{"pk": site.assessment.pk, **v} for v in found]
    for name in pattern.args:
        if name not in found[0]:
            if name not in GENERIC:
                raise LookupError(f"{pattern.route}: no value for <{name}>, add it to FILL")
            found = [{**v, name: value} for v in found for value in GENERIC[name](site)]
    return found


def path_of(pattern: Pattern, kwargs: dict) -> str:
    if pattern.name:
        return reverse(pattern.name, kwargs=kwargs)
    path = pattern.route
    for name, value in kwargs.items():
        quoted = urllib.parse.quote(str(value), safe="")
        path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", quoted, path)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


# --- the site: the demo data and one object of every kind a URL names -----------------------


@dataclass(repr=False)
class Site:
    users: dict  # role → user (anonymous: None)
    objects: dict  # what FILL reads, by name
    variants: dict = field(default_factory=dict)  # route → [path kwargs]
    forms: dict = field(default_factory=dict)  # path → [FormSpec] of the forms posting there
    route_forms: dict = field(default_factory=dict)  # route → [FormSpec]
    query_values: dict = field(default_factory=dict)  # GET forms' field → the values offered
    page_parameters: dict = field(default_factory=dict)  # path → its GET forms' fields
    tables: list = field(default_factory=list)
    sessions: dict = field(default_factory=dict)  # role → session key
    base: dict = field(default_factory=dict)  # the fingerprint every example starts from

    def __repr__(self) -> str:
        # Hypothesis prints a failing example's arguments; a model's repr may read the
        # database, which pytest-django refuses there, and the replay then fails as flaky
        return "Site()"

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _build() -> Site:
    from django.contrib.auth.models import Group

    from tidtam.annual.printing import document_print
    from tidtam.devdata.demo import load_demo
    from tidtam.devdata.followup_demo import load_followup_demo
    from tidtam.devdata.indicators_demo import load_indicators_demo
    from tidtam.devdata.ita_demo import load_ita_demo
    from tidtam.devdata.plans_demo import even_plan
    from tidtam.documents.batch import batch_create
    from tidtam.documents.models import PrintedForm
    from tidtam.documents.services import form_print
    from tidtam.documents.tasks import print_batch
    from tidtam.followup.background import export_job_create
    from tidtam.indicators import rules as indicator_rules
    from tidtam.indicators import services as indicators
    from tidtam.indicators.printing import indicator_print
    from tidtam.intake.export import export as setup_export
    from tidtam.intake.services import upload_create
    from tidtam.ita import frameworks, reports_link
    from tidtam.ita.models import ItaRole, OitItem, Question, ResultLevel, Tool
    from tidtam.ita.services import oit, surveys
    from tidtam.legacy.parser import parse
    from tidtam.legacy.services import import_printout
    from tidtam.legacy.tests.helpers import sample_text
    from tidtam.orgs.models import Membership, Unit
    from tidtam.orgs.testing import make_user
    from tidtam.projects.models import Project
    from tidtam.rounds.models import ReportingRound
    from tidtam.rounds.services import round_reopen
    from tidtam.workplans.services import plan_save, targets_set, tolerance_set

    frameworks.load(frameworks.read(2565), apps.get_model)
    frameworks.load(frameworks.read(2566), apps.get_model)
    users = load_demo()
    load_followup_demo()
    assessment = load_ita_demo()[0]
    for other in load_ita_demo():
        oit.entries(other)  # made on first use: made now, so that a GET writes nothing
    ita_indicator = load_indicators_demo()[0]  # FY2566, four quarters accepted and assessed
    outsider = make_user("outsider")  # a reporter of another agency
    Membership.objects.create(
        user=outsider,
        unit=Unit.objects.get(parent__agency_code="50300000", name="ฝ่ายโยธา"),
        role=Membership.Role.REPORTER,
    )
    users = {**users, "outsider": outsider, "anonymous": None}
    admin, reporter, approver = users["admin"], users["reporter"], users["approver"]
    sample = Project.objects.get(code=SAMPLE)

    form_print(actor=admin, projects=[sample])
    plan_save(actor=reporter, project=sample, rows=even_plan(sample))
    tolerance_set(actor=admin, fiscal_year=YEAR, points=5)
    targets_set(actor=admin, fiscal_year=YEAR, rates=[Decimal(q) for q in (30, 52, 77, 100)])
    indicator_print(actor=admin, year=ita_indicator)
    document_print(actor=admin, agency=sample.agency, fiscal_year=YEAR, kind="annual")
    entry = oit.entries(assessment)[0]
    oit.entry_fill(
        actor=approver,
        assessment=assessment,
        entry=entry,
        has_it=True,
        note="",
        urls=[],
        files=[SimpleUploadedFile("evidence.pdf", b"%PDF-1.4\n%fuzz\n")],
    )
    iit = assessment.framework.tools.get(kind=Tool.Kind.INTERNAL)
    outcome = import_printout(
        actor=admin, parsed=parse(sample_text("variant-e-second-printout.txt")), source_name="e.txt"
    )
    assert outcome.import_id, "the legacy sample changed nothing: pick another"
    numbers = {}
    for report in sample.reports.order_by("number"):
        numbers.setdefault(report.status, report.number)
    # an indicator of this quarter with a draft result and its evidence
    now_year, now_quarter = indicator_rules.quarter_of(timezone.localdate())
    current = indicators.indicator_create(
        actor=admin,
        agency=sample.agency,
        fiscal_year=now_year,
        name="ตัวชี้วัดของไตรมาสนี้",
        responsible_unit=sample.responsible_unit,
        unit_of_measure="ร้อยละ",
        target=Decimal(80),
    )
    draft = indicators.result_save(
        actor=reporter,
        year=current,
        quarter=now_quarter,
        result=Decimal(85),
        narrative="ร่าง",
        files=[SimpleUploadedFile("kpi.pdf", b"%PDF-1.4\n%fuzz\n")],
    )
    objects = {
        "indicator_quarters": [
            {"code": ita_indicator.indicator.code, "year": YEAR, "quarter": 4},
            {"code": current.indicator.code, "year": now_year, "quarter": now_quarter},
        ],
        "indicator_evidence": draft.evidence.get(),
        "assessment": assessment,
        "report_numbers": sorted(numbers.values()),
        "printed": list(PrintedForm.objects.order_by("pk")),  # a project's, an indicator's, annual
        "print_batch": batch_create(actor=reporter, unit=sample.responsible_unit, fiscal_year=YEAR),
        "export_job": export_job_create(actor=users["executive"], fmt="csv", filters={}, total=0),
        "round": ReportingRound.objects.filter(calendar__fiscal_year=YEAR).order_by("pk").first(),
        "agency": sample.agency,
        "code_batch": surveys.codes_issue_batch(
            actor=approver, assessment=assessment, tool=iit, size=3
        ),
        "oit_entry": entry,
        "evidence": entry.evidence.exclude(file="").get(),
        "ita_roles": list(ItaRole.objects.order_by("pk")),
        "question": Question.objects.filter(indicator__tool__framework=assessment.framework)
        .order_by("pk")
        .first(),
        "level": ResultLevel.objects.filter(framework=assessment.framework).order_by("pk").first(),
        "oit_item": OitItem.objects.filter(
            sub_indicator__indicator__tool__framework=assessment.framework
        )
        .order_by("pk")
        .first(),
        "report_kinds": reports_link.KINDS,
        "legacy_import": apps.get_model("legacy", "LegacyImport").objects.get(pk=outcome.import_id),
        "setup_import": upload_create(
            actor=users["coordinator"], name="setup.xlsx", data=setup_export(YEAR)[2], rows=1
        ),
    }
    print_batch.enqueue(objects["print_batch"].pk)  # a task row, for the admin's task pages
    Group.objects.create(name="fuzz")  # a group, for the admin's group pages
    round_reopen(
        actor=users["coordinator"],
        round_=objects["round"],
        reason="ทดสอบ",
        until=timezone.localdate() + dt.timedelta(days=7),
        unit=sample.responsible_unit,
    )
    site = Site(users=users, objects=objects)
    for pattern in PATTERNS:
        site.variants[pattern.route] = variants(site, pattern)
    site.tables = sorted(
        {m._meta.db_table for m in apps.get_models(include_auto_created=True)} - UNWATCHED
    )
    for role in ROLES:
        _client(site, role)
    _crawl(site)
    site.base = fingerprint(site.tables)
    return site


# Written by any request of a signed-in user: not what a form saves.
UNWATCHED = {"django_session"}

# Who shows a page's forms: the admin sees nearly all; the others the forms of their roles.
CRAWLERS = ["admin", "approver", "coordinator", "reporter"]


def _crawl(site: Site) -> None:
    """GET every page as a few roles and keep the forms they show: the fields a POST fills."""
    seen = set()
    for role in CRAWLERS:
        client = _client(site, role)
        for pattern in PATTERNS:
            if role != "admin" and pattern.route.startswith("admin/"):
                continue
            for kwargs in site.variants[pattern.route]:
                page = path_of(pattern, kwargs)
                with transaction.atomic():
                    response = client.get(page)
                    _finish(response)
                    transaction.set_rollback(True)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                parser = FormParser()
                parser.feed(response.content.decode())
                for form in parser.forms:
                    target = urllib.parse.urlsplit(urllib.parse.urljoin(page, form.action)).path
                    if form.method == "get":
                        site.page_parameters.setdefault(page, set()).update(form.names())
                        for spec in form.fields.values():
                            offered = site.query_values.setdefault(spec.name, [])
                            offered += [v for v in spec.options + spec.default if v not in offered]
                        continue
                    key = (target, tuple(sorted(form.names())))
                    if key in seen:
                        continue
                    seen.add(key)
                    site.forms.setdefault(target, []).append(form)
                    try:
                        route = resolve(target).route
                    except Resolver404:
                        continue
                    site.route_forms.setdefault(route, []).append(form)


def _finish(response) -> None:
    """Read a streamed response to its end, which closes its file as a server would (the
    client closed every other response already: closing again would close the database
    connection, through Django's request_finished signal)."""
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def _client(site: Site, role: str) -> Client:
    """A client signed in as ``role`` by the session made once for the module (a login of its
    own would write the user's last login, and cost a write per example)."""
    client = Client()
    if role not in site.sessions and site.users[role] is not None:
        client.force_login(site.users[role])
        site.sessions[role] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    if role in site.sessions:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = site.sessions[role]
    return client


# The fuzz test reads the site from here: given as an argument, it made Hypothesis's replay of
# a failing example fail as flaky ("stopped drawing earlier").
BUILT: list[Site] = []


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        built = _build()
        BUILT.append(built)
        yield built
        BUILT.clear()
        transaction.set_rollback(True)
    cache.clear()


# --- the forms a page shows ------------------------------------------------------------------


@dataclass
class FieldSpec:
    name: str
    kind: str  # text, textarea, select, checkbox, radio, file, hidden, submit, …
    default: list = field(default_factory=list)  # the values the page sends as it is
    options: list = field(default_factory=list)  # the values it offers


@dataclass
class FormSpec:
    method: str
    action: str
    fields: dict = field(default_factory=dict)  # name → FieldSpec

    def names(self) -> list[str]:
        return list(self.fields)


class FormParser(HTMLParser):
    """The forms of a page: each field with the values the page would send and could send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[FormSpec] = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None

    def _field(self, name, kind) -> FieldSpec:
        return self._form.fields.setdefault(name, FieldSpec(name, kind))

    def handle_starttag(self, tag, attrs):
        a = {k: v if v is not None else "" for k, v in attrs}
        if tag == "form":
            method = "post" if "hx-post" in a else a.get("method", "get").lower()
            self._form = FormSpec(method, a.get("hx-post") or a.get("action", ""))
            self.forms.append(self._form)
            return
        if self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option = [a.get("value"), "selected" in a, ""]
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            spec = self._field(name, kind)
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            if kind in ("checkbox", "radio", "submit"):
                spec.options.append(value)
                if "checked" in a:
                    spec.default.append(value)
            elif kind != "file":
                spec.default.append(value)
        elif tag == "button":
            self._field(name, "submit").options.append(a.get("value", ""))
        elif tag == "select":
            self._select = self._field(name, "select-multiple" if "multiple" in a else "select")
        elif tag == "textarea":
            self._textarea = self._field(name, "textarea")
            self._textarea.default.append("")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.default[-1] += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            select = self._select
            if (
                select is not None
                and select.kind == "select"
                and select.options
                and not select.default
            ):
                select.default.append(select.options[0])
            self._select = None
        elif tag == "option" and self._option is not None:
            value, selected, text = self._option
            value = text.strip() if value is None else value
            self._select.options.append(value)
            if selected:
                self._select.default.append(value)
            self._option = None


# --- generated input -------------------------------------------------------------------------

NASTY = [
    "99999",  # first: the value of the simplest example (a year past 9999 CE, a huge count)
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "1",
    "๑๒๓",
    "๒๕๖๖",
    "2566",
    "-99999",
    "2147483648",
    "9" * 30,
    "-" + "9" * 30,
    "1e400",
    "NaN",
    "inf",
    "0.001",
    "1,000.50",
    "100.005",
    "٣",
    "abc\u202egpj.exe",
    "a\u200bb",
    "\ufeff",
    "\u200f\u202d",
    "<b>x</b>",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "' OR '1'='1",
    "../../etc/passwd",
    "2023-02-30",
    "30/02/2566",
    "31/12/2570",
    "0000-00-00",
    "\r\n",
    "on",
    "true",
    "None",
    "ก" * 5000,
    "x" * 100_000,
]
CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),  # Thai letters, marks, digits
    st.sampled_from("0123456789-.,/:%+e \x00\t\n\u200b\u200d\u202e\u2066\ufeff"),
    st.characters(),
)
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(CHARACTERS, max_size=30),
    st.integers(-(10**25), 10**25).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.builds(
        lambda s, n: s * n, st.text(CHARACTERS, min_size=1, max_size=3), st.integers(100, 3000)
    ),
)
NAMES = st.text(st.characters(codec="ascii", categories=["L", "N", "P"]), min_size=1, max_size=12)
KNOWN_PARAMETERS = ["fy", "page", "q", "status", "unit", "strategy", "year", "sort", "kind"]
KNOWN_PARAMETERS += ["next", "o", "p", "e", "all", "_changelist_filters", "_popup", "fmt"]
FILE_CONTENTS = st.one_of(
    st.binary(max_size=64),
    st.sampled_from([b"", b"\xef\xbb\xbfname,tax_id\n\xe0\xb8\x81,1234\n", b"%PDF-1.4\n"]),
    st.text(CHARACTERS, max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)
FILE_NAMES = st.one_of(
    st.sampled_from(["a.pdf", "a.csv", "a.xlsx", "a.txt", "abc\u202egpj.exe", ".pdf", "ก" * 300]),
    st.text(CHARACTERS, min_size=1, max_size=20).filter(lambda n: "/" not in n and "\\" not in n),
)


@st.composite
def tables(draw) -> bytes:
    """A CSV as the contractor list reads it, its cells generated (a real tax id now and then)."""
    cells = st.one_of(st.just("0105536000446"), VALUES)
    rows = draw(st.lists(st.tuples(cells, cells, cells), min_size=1, max_size=3))
    lines = ["tax_id,name,contact", *(",".join(f'"{c}"' for c in row) for row in rows)]
    return "\n".join(lines).encode("utf-8", "replace")


@st.composite
def uploads(draw):
    name = draw(FILE_NAMES).replace("\x00", "")
    return SimpleUploadedFile(name or "x", draw(st.one_of(FILE_CONTENTS, tables())))


@st.composite
def queries(draw, offered: dict, own: set) -> str:
    """Parameters of the page's own filters, of the site's and well-known ones (with a value
    a filter offers, or a generated one), and names nobody uses."""
    names = sorted({*KNOWN_PARAMETERS, *offered})
    choices = [st.sampled_from(sorted(own))] if own else []
    pairs = {}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.one_of(*choices, st.sampled_from(names), NAMES))
        if offered.get(name) and draw(st.booleans()):
            value = draw(st.sampled_from(offered[name]))
        else:
            value = draw(VALUES)
        pairs[name] = value.encode(
            "utf-8", "surrogatepass"
        )  # one value a name: Django reads the last
    return urllib.parse.urlencode(pairs)


@st.composite
def form_data(draw, forms: list) -> dict:
    """A form as the page shows it, some fields changed to generated values or left out (the
    smallest example keeps the page's own values), and a few fields it does not have."""
    data = {}
    if forms:
        form = draw(st.sampled_from(forms))
        for spec in form.fields.values():
            mode = draw(st.integers(0, 7))
            if mode <= 3:
                value = spec.default if spec.kind not in ("submit", "file") else spec.options[:1]
            elif mode == 4:
                continue
            elif mode == 5 and spec.options:
                value = [draw(st.sampled_from(spec.options))]
            elif spec.kind == "file":
                value = draw(st.lists(uploads(), min_size=1, max_size=2))
            else:
                value = draw(st.lists(VALUES, min_size=1, max_size=2))
            if value:
                data[spec.name] = value if len(value) > 1 else value[0]
    for name, value in draw(st.dictionaries(NAMES, VALUES, max_size=2)).items():
        data.setdefault(name, value)
    return {
        name: [_safe(v) for v in value] if isinstance(value, list) else _safe(value)
        for name, value in data.items()
    }


def _safe(value):
    """Lone surrogates cannot be sent; everything else goes as generated."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


@st.composite
def fuzzed_path(draw, pattern: Pattern, kwargs: dict) -> str:
    """The page of a real object, or now and then of a generated one."""
    if pattern.args and draw(st.integers(0, 5)) == 5:
        name = draw(st.sampled_from(pattern.args))
        if f"<int:{name}>" in pattern.route:
            value = draw(st.sampled_from([0, 2**31, 2**63, 10**30]))
        else:
            value = draw(
                st.text(CHARACTERS, min_size=1, max_size=40).filter(lambda t: "/" not in t)
            )
        try:
            return path_of(pattern, {**kwargs, name: _safe(value)})
        except NoReverseMatch:  # a value its converter refuses: keep the real one
            pass
    return path_of(pattern, kwargs)


# --- what must hold --------------------------------------------------------------------------


def fingerprint(tables: list[str]) -> dict[str, str]:
    """A digest of every row of every table (rows sorted: no table is read in an order)."""
    digests = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha1(
                "\n".join(rows).encode(), usedforsecurity=False
            ).hexdigest()
    return digests


def changed(before: dict, after: dict) -> list[str]:
    return [table for table in before if before[table] != after[table]]


def refused(response) -> bool:
    """A 4xx, a page shown again with a form's errors, or a redirect with an error message."""
    if response.status_code >= 400:
        return True
    if any(m.level >= messages.ERROR for m in messages.get_messages(response.wsgi_request)):
        return True
    if response.status_code == 200 and response.context is not None:
        contexts = response.context  # a ContextList, or the one Context of the one template
        for context in contexts if isinstance(contexts, ContextList) else [contexts]:
            for value in context.flatten().values():
                if _has_errors(value):
                    return True
    return False


def _has_errors(value) -> bool:
    """A bound form or formset with errors; the admin wraps its form (``adminform.form``)."""
    value = value.form if isinstance(getattr(value, "form", None), BaseForm) else value
    if isinstance(value, BaseForm | BaseFormSet) and value.is_bound:
        if isinstance(value, BaseFormSet):
            return bool(value.non_form_errors()) or any(value.errors)
        return bool(value.errors)
    return False


FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    # a failure is reported as found: shrinking a request sent as seven roles takes minutes
    phases=[Phase.explicit, Phase.generate],
)


def test_every_url_pattern_can_be_filled(site):
    """Every pattern of the resolver, a new page included, is reached by the fuzz test."""
    problems = []
    for pattern in PATTERNS:
        try:
            for kwargs in variants(site, pattern):
                path = path_of(pattern, kwargs)
                if resolve(path).route.replace("^", "").replace("$", "") != pattern.route.replace(
                    "^", ""
                ).replace("$", ""):
                    problems.append(f"{pattern.route}: {path} resolves elsewhere")
        except LookupError as error:
            problems.append(str(error))
    assert not problems, "teach test_fuzz.FILL these patterns:\n" + "\n".join(problems)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.test_id)
@FUZZ
@pytest.mark.usefixtures("site")
@given(data=st.data())
def test_no_5xx_and_no_partial_write(pattern, data):
    """Each example is one generated GET and POST for each role."""
    site = BUILT[0]
    for role in ROLES:
        kwargs = data.draw(st.sampled_from(site.variants[pattern.route]), label=f"{role}: path")
        path = data.draw(fuzzed_path(pattern, kwargs), label=f"{role}: path")
        headers = {"HX-Request": "true"} if data.draw(st.booleans(), label="htmx") else {}
        own = site.page_parameters.get(path, set())
        query = data.draw(queries(site.query_values, own), label=f"{role}: query")
        forms = site.forms.get(path) or site.route_forms.get(pattern.route, [])
        posted = data.draw(form_data(forms), label=f"{role}: form")
        cache.clear()  # throttles and rate limits start from zero: the same run every time
        client = _client(site, role)
        with transaction.atomic():
            reset_queries()  # the log keeps 9,000 queries, then warns
            with CaptureQueriesContext(connection) as sql:
                response = client.get(f"{path}?{query}", headers=headers)
                _finish(response)
            assert response.status_code < 500, f"{role}: GET {path}?{query}"
            assert _changed_tables(site, sql) == [], f"{role}: GET {path}?{query} wrote"
            reset_queries()  # the log keeps 9,000 queries, then warns
            with CaptureQueriesContext(connection) as sql:
                response = client.post(path, posted, headers=headers)
                _finish(response)
            assert response.status_code < 500, f"{role}: POST {path}"
            if refused(response):
                assert _changed_tables(site, sql) == [], f"{role}: refused POST {path} wrote"
            transaction.set_rollback(True)


WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def _changed_tables(site: Site, sql: CaptureQueriesContext) -> list[str]:
    """The tables that differ from where every example starts; read only when the request
    sent a write (which it may have rolled back), as reading every table costs."""
    if not any(WRITE.match(q["sql"]) and "django_session" not in q["sql"] for q in sql):
        return []
    return changed(site.base, fingerprint(site.tables))
