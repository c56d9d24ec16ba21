from django.core.management.base import BaseCommand

from rkkp_portal.accounts.signins.record import purge_old_records


class Command(BaseCommand):
    help = (
        "Delete sign-in records older than SIGN_IN_RECORDS_KEPT_DAYS. Beat runs it nightly; "
        "running it again deletes nothing more."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        result = purge_old_records(dry_run=dry_run)
        before = result.before.isoformat(timespec="seconds")
        if dry_run:
            self.stdout.write(
                f"Dry run: {result.deleted} sign-in record(s) from before {before} would be "
                "deleted; nothing was changed."
            )
        else:
            self.stdout.write(f"Deleted {result.deleted} sign-in record(s) from before {before}.")
