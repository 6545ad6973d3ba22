from django.core.management.base import BaseCommand

from tidtam.devdata.demo import PASSWORD, load_demo, login_lines


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options) -> None:
        load_demo()
        self.stdout.write(f"Demo logins (password: {PASSWORD}):")
        for line in login_lines():
            self.stdout.write(line)
