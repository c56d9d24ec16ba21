import datetime

from django.core.management.base import BaseCommand, CommandError

from steering.succession.asking import ask_ahead
from steering.succession.reappointing import carry_out_renewals


class Command(BaseCommand):
    help = (
        "Ask ahead of term ends: for every seat whose planned end is within its group's lead "
        "time (SUCCESSION_ASK_DAYS by default) and that has no successor, ask the body that "
        "appoints it and the member whether they will continue. A seat is asked about once, "
        "however often this runs. First, carry out the re-appointments decided ahead whose "
        "new term has started."
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
        renewed = carry_out_renewals(today)
        count = ask_ahead(today)
        self.stdout.write(f"Carried out {renewed} re-appointment(s). Asked about {count} seat(s).")
