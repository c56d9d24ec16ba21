"""The daily scans run by hand: ``--date`` runs one as of another day, e.g. to catch up on
a day that was missed."""

import datetime

from django.core.management.base import BaseCommand, CommandError


class DatedScanCommand(BaseCommand):
    """A command whose ``scan(today)`` returns the line it reports; ``today`` is None for
    the real today."""

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
        self.stdout.write(self.scan(today))

    def scan(self, today: datetime.date | None) -> str:
        raise NotImplementedError
