import datetime

from django.core.management.base import BaseCommand, CommandError

from steering.letters.term_alerts import send_term_alerts


class Command(BaseCommand):
    help = (
        "Queue the term-expiry digests: seats whose planned end is 90 or 30 days away, to "
        "the secretariat and the administrators of each seat's region. Running it again "
        "the same day queues nothing new."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date",
            help="Run as of this day (YYYY-MM-DD), e.g. to catch up on a day that was missed.",
        )

    def handle(self, *args, date: str | None, **options) -> None:
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError("--date must be a date as YYYY-MM-DD.") from None
        count = send_term_alerts(today)
        self.stdout.write(f"Queued {count} term-expiry alert(s).")
