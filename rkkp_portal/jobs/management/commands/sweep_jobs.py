from django.core.management.base import BaseCommand

from rkkp_portal.jobs import services


class Command(BaseCommand):
    help = (
        "Hand background jobs to the broker again that were never started (the broker was "
        "down) or whose worker died. Beat runs it every minute; a job is still run once."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Handed out {services.sweep()} job(s) again.")
