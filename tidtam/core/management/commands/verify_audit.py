"""tidtam verify_audit — walk the audit log's hash chain: exit 0 when intact, 1 naming the
first entry that no longer fits (a row changed or deleted in the database)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tidtam.core import chain
from tidtam.core.templatetags.thai import be_datetime


class Command(BaseCommand):
    help = "Check that no audit entry was changed or deleted (exit 1 naming the first that was)."

    def handle(self, *args, **options) -> None:
        count, head, broken = chain.verify()
        if broken is None:
            self.stdout.write(
                _("The audit log is intact: %(count)s entries; the latest hash is %(head)s.")
                % {"count": count, "head": head}
            )
            return
        if broken.entry is None:
            raise CommandError(
                _("The audit log is broken after entry %(count)s: %(why)s.")
                % {"count": count, "why": _(broken.why)}
            )
        entry = broken.entry
        raise CommandError(
            _("The audit log is broken at entry %(id)s (%(action)s, %(when)s): %(why)s.")
            % {
                "id": entry.pk,
                "action": entry.action_label,
                "when": be_datetime(entry.created_at),
                "why": _(broken.why),
            }
        )
