import datetime

from steering.management.dated import DatedScanCommand
from steering.succession.asking import ask_ahead
from steering.succession.reappointing import carry_out_renewals


class Command(DatedScanCommand):
    help = (
        "Ask ahead of term ends: for every seat whose planned end is within its group's lead "
        "time (SUCCESSION_ASK_DAYS by default) and that has no successor, ask the body that "
        "appoints it and the member whether they will continue. A seat is asked about once, "
        "however often this runs. First, carry out the re-appointments decided ahead whose "
        "new term has started."
    )

    def scan(self, today: datetime.date | None) -> str:
        renewed = carry_out_renewals(today)
        count = ask_ahead(today)
        return f"Carried out {renewed} re-appointment(s). Asked about {count} seat(s)."
