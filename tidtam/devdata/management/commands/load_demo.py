from django.core.management.base import BaseCommand

from tidtam.devdata.demo import LOGINS, PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options) -> None:
        load_demo()
        self.stdout.write(f"Demo logins (password: {PASSWORD}):")
        for username, (full_name, position, *_rest, role) in LOGINS.items():
            self.stdout.write(f"  {username:<12} {role.label:<12} {full_name} — {position}")
