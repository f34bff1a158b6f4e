from django.db import models


class ReferenceSequence(models.Model):
    """The last number given out for one prefix in one year ("CME", 2026 → 42).

    ``referrals.references.next_reference`` increments it with a single
    ``UPDATE … SET last_number = last_number + 1``, which the database
    serialises, so two people submitting at the same moment never get the same
    number (the unique constraint on each model's ``reference`` is the
    backstop).
    """

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_prefix_and_year"),
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_number}"
