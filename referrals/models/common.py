"""What the referral, the removal-from-roll request and the new-pupil notice
have in common: the pupil's details, the eight actions with the home visit,
and the shape of a timeline entry. Abstract: each model has its own table."""

from django.conf import settings
from django.db import models

from cme.schooldays.age import NC_YEAR_CHOICES, NC_YEAR_MAX_LENGTH
from cme.schooldays.validators import upn_validator
from tracking.models import HomeVisitOutcome

# The eight actions a school takes before referring, each with its outcome
# (Southampton CME policy 2021, Appendix 2: "Unless outcomes are recorded for
# each of the steps below, referrals will not be accepted").
ACTIONS = (
    ("action_phone_parents", "Contact with parents or guardians by telephone"),
    ("action_truancy_call", "Send Truancy Call (if this system is available)"),
    ("action_phone_other_pr", "Telephone any other person with parental responsibility"),
    ("action_phone_emergency_contacts", "Telephone all other emergency contact numbers"),
    ("action_siblings_schools", "Contact schools known to have siblings on roll"),
    ("action_staff_and_pupils", "Enquire of school staff or other pupils"),
    ("action_professionals", "Enquire of any professionals working with the family"),
    ("action_letter_home", "Letter to be sent to the home address"),
)


def _action_field(label):
    return models.TextField(label, blank=True)


class EnquiriesAndHomeVisit(models.Model):
    """The eight actions taken to find the child, each with its outcome, and
    the home visit with one of its five outcomes (Southampton CME policy
    2021, Appendix 2). Asked by the CME referral and by the removal-from-roll
    request when the pupil's whereabouts are unknown."""

    action_phone_parents = _action_field(ACTIONS[0][1])
    action_truancy_call = _action_field(ACTIONS[1][1])
    action_phone_other_pr = _action_field(ACTIONS[2][1])
    action_phone_emergency_contacts = _action_field(ACTIONS[3][1])
    action_siblings_schools = _action_field(ACTIONS[4][1])
    action_staff_and_pupils = _action_field(ACTIONS[5][1])
    action_professionals = _action_field(ACTIONS[6][1])
    action_letter_home = _action_field(ACTIONS[7][1])

    home_visit_outcome = models.CharField(max_length=24, choices=HomeVisitOutcome.choices, blank=True)
    home_visit_date = models.DateField(null=True, blank=True)
    home_visit_details = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def actions(self):
        """(label, outcome) for each of the eight actions."""
        return [(label, getattr(self, name)) for name, label in ACTIONS]



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


class TimelineEntry(models.Model):
    """One entry on a referral's or a request's timeline (for LA staff): what
    happened, when, who did it, and the status after."""

    occurred_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["-occurred_at", "-id"]

    def __str__(self):
        return self.summary


class Message(models.Model):
    """A message between the CME team and the person or school who sent a
    referral or request. Everything here is shown to them: internal notes
    belong on the timeline or the case. Abstract: each kind has its own table."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_la = models.BooleanField(help_text="Sent by the CME team (else by the referrer).")
    text = models.TextField()
    sent_at = models.DateTimeField()

    class Meta:
        abstract = True
        ordering = ["sent_at", "id"]

    def __str__(self):
        return self.text[:60]
