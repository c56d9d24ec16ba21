from django.core.management.base import BaseCommand, CommandError

from steering.models import Person
from steering.privacy.services import anonymise_person, apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise the people whose seats all ended more than ANONYMISE_AFTER_DAYS ago (and "
        "who have nothing open), remove the text of letters delivered more than "
        "OUTBOX_BODY_RETENTION_DAYS ago and the rows of rosters uploaded more than "
        "ROSTER_UPLOAD_RETENTION_DAYS ago. Beat runs it nightly; running it again changes "
        "nothing. --person anonymises the given people now (a request for erasure)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be anonymised and cleared; change nothing.",
        )
        parser.add_argument(
            "--person",
            type=int,
            action="append",
            metavar="ID",
            help="Anonymise this person now, whatever the period (repeatable).",
        )

    def handle(self, *args, dry_run: bool, person: list[int] | None, **options) -> None:
        if person:
            self.anonymise_now(person, dry_run=dry_run)
            return
        result = apply_retention(dry_run=dry_run)
        if dry_run:
            self.stdout.write(
                f"Dry run: {result.anonymised} person(s) would be anonymised, "
                f"{result.letters_cleared} letter text(s) and {result.roster_uploads_cleared} "
                "roster upload(s) removed; nothing was changed."
            )
        else:
            self.stdout.write(
                f"Anonymised {result.anonymised} person(s); removed {result.letters_cleared} "
                f"letter text(s) and {result.roster_uploads_cleared} roster upload(s)."
            )

    def anonymise_now(self, ids: list[int], *, dry_run: bool) -> None:
        people = list(Person.objects.filter(pk__in=ids).order_by("pk"))
        missing = sorted(set(ids) - {p.pk for p in people})
        if missing:
            raise CommandError(f"No person with id {', '.join(map(str, missing))}.")
        if dry_run:
            self.stdout.write(f"Dry run: {len(people)} person(s) would be anonymised.")
            return
        done = sum(anonymise_person(actor=None, person=p) for p in people)
        self.stdout.write(f"Anonymised {done} person(s); {len(people) - done} already were.")
