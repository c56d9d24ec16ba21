import datetime

from django.core.management.base import BaseCommand

from regions import services


class Command(BaseCommand):
    help = (
        "Escalate overdue appointment requests: remind the region's administrators and tell "
        "the secretariat. With --create-missing, first request an appointment for every "
        "group a region is missing from."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Also send requests for every seat the composition rules find missing.",
        )
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Run as of this day.")

    def handle(self, *args, **options):
        today = options["date"]
        if options["create_missing"]:
            created = services.request_missing_appointments(actor=None, today=today)
            self.stdout.write(f"Sent {len(created)} new request(s).")
        count = services.escalate_overdue_requests(today)
        self.stdout.write(f"Escalated {count} request(s).")
