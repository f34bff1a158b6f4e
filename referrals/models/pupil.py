from django.db import models

from cme.schooldays.age import NC_YEAR_CHOICES, NC_YEAR_MAX_LENGTH
from cme.schooldays.validators import upn_validator


class PupilDetails(models.Model):
    """Who a school's removal request or new-pupil notice is about. Blank
    until given: a draft may be saved half done; the rules say what a sent
    one needs."""

    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True, validators=[upn_validator])
    year_group = models.CharField(max_length=NC_YEAR_MAX_LENGTH, choices=NC_YEAR_CHOICES, blank=True)

    class Meta:
        abstract = True

    @property
    def pupil_name(self):
        return f"{self.first_name} {self.last_name}".strip() or "Pupil not named yet"
