from django.core.management.base import BaseCommand
from django.utils import timezone

from tracking.retention import RetentionRule, children_past_retention, erase_child


class Command(BaseCommand):
    help = (
        "List children whose records are past the retention rule and, with --erase "
        "(or CME_RETENTION_ERASE=true for the scheduled job), erase them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--erase", action="store_true", help="Erase them, not just list them.")

    def handle(self, *args, erase=False, **options):
        rule = RetentionRule.from_settings()
        today = timezone.localdate()
        due = list(children_past_retention(today, rule).values_list("pk", flat=True))
        self.stdout.write(
            f"{len(due)} child record(s) past retention on {today:%-d %B %Y} "
            f"(kept to age {rule.age}; {rule.years_without_dob} years after closure if no date of birth)."
        )
        if not erase:
            for pk in due:
                self.stdout.write(f"  child {pk}")
            self.stdout.write("Nothing erased. Run with --erase to erase them.")
            return
        from tracking.models import Child

        for child in Child.objects.filter(pk__in=due):
            erase_child(child, reason=f"past retention (age {rule.age})")
        self.stdout.write(self.style.SUCCESS(f"Erased {len(due)} child record(s)."))
