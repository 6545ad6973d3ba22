"""tidtam send_reminders — the daily digest; schedule it once a day from cron."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from tidtam.followup.reminders import send_digests


class Command(BaseCommand):
    help = "Send today's reminder digests (at most one e-mail per person per day)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options) -> None:
        today = options["today"] or timezone.localdate()
        counts = send_digests(today, dry_run=options["dry_run"])
        self.stdout.write(
            f"{today}: sent {counts['sent']}, already sent {counts['already']}, "
            f"nothing to say {counts['nothing']}, no e-mail address {counts['no_email']}, "
            f"failed {counts['failed']}"
        )
