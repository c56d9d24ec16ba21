from django.core.management.base import BaseCommand

from steering.meetings import reminders


class Command(BaseCommand):
    help = "Queue the meeting reminders and answer nudges that are due (safe to run repeatedly)."

    def handle(self, *args, **options):
        result = reminders.send_due_reminders()
        self.stdout.write(
            f"Queued {result.reminders} reminder(s) and {result.nudges} nudge(s) to answer."
        )
