"""The names of the changes the audit log records. Each app declares its own in its
``actions.py`` (a constant and a label each), which core finds at start-up
(``CoreConfig.ready``); core itself knows none of them.

    PROJECT_CREATED = Action("projects.project.created", _("project registered"))
"""

from dataclasses import dataclass

from django.utils.functional import Promise

_REGISTRY: dict[str, "Action"] = {}


@dataclass(frozen=True)
class Action:
    name: str  # dotted: app.object.what_happened
    label: Promise | str  # what a person reads in a history, in their language

    def __post_init__(self) -> None:
        if self.name in _REGISTRY:
            raise ValueError(f"audit action {self.name!r} is declared twice")
        _REGISTRY[self.name] = self

    def __str__(self) -> str:
        return self.name


def label_of(name: str) -> str:
    """The action's label in the active language (its name, for an action no app declares)."""
    action = _REGISTRY.get(name)
    return str(action.label) if action else name


def declared() -> dict[str, "Action"]:
    return dict(_REGISTRY)
