"""The kinds of record printed with the form's verification (snapshot, SHA-256, code, QR,
``/verify/<code>/``). The project form is one; an app above documents registers its own
print-out (the indicators app's, in its ``AppConfig.ready``) so that the public verify page
finds every copy by its code without documents importing that app."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tidtam.documents.models import PrintedForm
    from tidtam.orgs.models import User

PROJECT = "project"


@dataclass(frozen=True)
class PrintKind:
    name: str  # stored in PrintedForm.kind
    key: str  # the snapshot's key holding the record's data
    # the verify page's words, lazily translated: code, name (the two columns' labels),
    # unchanged, gone (no such record any more), login (to see the values)
    labels: dict
    current: Callable[["PrintedForm"], dict | None]  # the record's data now, as printed
    readable: Callable[["User", "PrintedForm"], bool]  # may this user see the values?
    field_label: Callable[[str], str]  # a changed field's label, translated


_kinds: dict[str, PrintKind] = {}


def register(kind: PrintKind) -> None:
    _kinds[kind.name] = kind


def get(name: str) -> PrintKind:
    return _kinds[name]
