"""The strategies each project supports (``SupportedStrategy``), derived from its plan targets:
kept in step whenever a project's targets change through Django (``m2m_changed``, connected in
``apps.py``), and refreshed by the writers that insert links in bulk (``project_create_all``,
the synthetic city)."""

from collections.abc import Iterable

from django.db.models.signals import m2m_changed

from tidtam.projects.models import Project, SupportedStrategy

LINKS = Project.plan_targets.through
CHUNK = 5000  # ids per IN list: SQLite allows 32,766 parameters


def refresh(project_ids: Iterable[int] | None = None) -> None:
    """Derive again the strategies of these projects (None: of every project)."""
    ids = None if project_ids is None else sorted(set(project_ids))
    chunks = [None] if ids is None else [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    for chunk in chunks:
        old = SupportedStrategy.objects.all()
        links = LINKS.objects.filter(plannode__parent__parent__isnull=False)
        if chunk is not None:
            old, links = old.filter(project_id__in=chunk), links.filter(project_id__in=chunk)
        old.delete()
        pairs = links.values_list("project_id", "plannode__parent__parent_id").distinct()
        SupportedStrategy.objects.bulk_create(
            (SupportedStrategy(project_id=p, strategy_id=s) for p, s in pairs), batch_size=CHUNK
        )


def _targets_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action == "pre_clear" and reverse:  # a plan item unlinked from all its projects
        instance._cleared_projects = list(instance.projects.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            refresh([instance.pk])
        elif action == "post_clear":
            refresh(getattr(instance, "_cleared_projects", []))
        else:
            refresh(pk_set or [])


def connect() -> None:
    m2m_changed.connect(_targets_changed, sender=LINKS, dispatch_uid="projects.strategies")
