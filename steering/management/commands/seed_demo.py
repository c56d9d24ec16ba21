from django.core.management.base import BaseCommand, CommandError

from steering.demo.seeding import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = (
        "Fill the database with realistic demo data (regions' hospitals, about 85 "
        "databases with steering groups, members, meetings) and print the demo logins. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Copies of the database catalogue, each with its own people (benchmarks).",
        )

    def handle(self, *args, scale: int, **options) -> None:
        if scale < 1:
            raise CommandError("--scale must be at least 1.")
        logins = seed_demo(scale=scale, log=self.stdout.write)
        width = max(len(login.email) for login in logins)
        self.stdout.write(f"\nDemo logins (password: {DEMO_PASSWORD})")
        self.stdout.write(f"{'E-mail':<{width}}  Role")
        for login in logins:
            self.stdout.write(f"{login.email:<{width}}  {login.role}")
