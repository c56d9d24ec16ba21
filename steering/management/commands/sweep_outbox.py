from django.core.management.base import BaseCommand

from steering.letters import outbox


class Command(BaseCommand):
    help = "Hand queued letters nobody delivered (and letters stuck in sending) to the broker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Also re-enqueue letters queued in the last few minutes.",
        )

    def handle(self, *args, **options):
        count = outbox.sweep(include_recent=options["all"])
        self.stdout.write(f"Re-enqueued {count} message(s).")
