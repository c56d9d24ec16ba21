import datetime

from steering.letters.term_alerts import send_term_alerts
from steering.management.dated import DatedScanCommand


class Command(DatedScanCommand):
    help = (
        "Queue the term-expiry digests: seats whose planned end is 90 or 30 days away, to "
        "the secretariat and the administrators of each seat's region. Running it again "
        "the same day queues nothing new."
    )

    def scan(self, today: datetime.date | None) -> str:
        return f"Queued {send_term_alerts(today)} term-expiry alert(s)."
