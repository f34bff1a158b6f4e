"""Demo referrals: 60 from the demo schools and partners, in every state;
and the school portal's removal-from-roll requests and new-pupil notices,
in every state too.

Made through the same services and workflow the pages use, then dated back
over the last few weeks so the triage queue has ages and the timelines read
as they would. Accepted referrals are matched to the demo children where the
tracking demo made them (some with open cases, one failed to track), and
the new ones name known children as they reach officers: misspelt,
transliterated, in the wrong order. Loaded once: if the demo referrers have
referrals, nothing is added.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from cme.accounts.models import User
from tracking.models import Case, Category, Child, ChildAlert, FlagKind, HomeVisitOutcome, Sex, Status

from . import services
from .models import ACTIONS, NotCmeReason, Referral, ReferralEvent, ReferralMessage

GRACE, MARK = "school@oak-primary.test", "school@elm-academy.test"
NADIA, OWEN = "partner@community-health.test", "partner@housing.test"
OFFICER = "officer@demo-council.test"

#: (state, how many): 60 referrals in every state a referral can be in.
STATES = [
    ("draft", 6), ("submitted", 14), ("act_today", 3), ("info_requested", 5), ("answered", 2),
    ("accepted_open_case", 6), ("accepted_new_case", 6), ("accepted_new_child", 7), ("accepted_failed_to_track", 1),
    ("not_cme", 7), ("duplicate", 3),
]

#: Children no record knows yet (invented; any likeness to a real child is chance).
FIRST_NAMES = ["Kacper", "Amira", "Tyler", "Lena", "Hodan", "Dylan", "Mei", "Reuben", "Esme", "Yusuf", "Rosa",
               "Callum", "Simran", "Ellis", "Bogdan", "Keira", "Tomasz", "Nia", "Ayden", "Leyla"]
LAST_NAMES = ["Nowak", "Haddad", "Price", "Popescu", "Farah", "O'Connor", "Chen", "Lee", "Harding", "Demir",
              "Ferreira", "Doherty", "Kaur", "Morgan", "Stan", "Quinn", "Wróbel", "Mensah", "Brooks", "Yilmaz"]
OUTCOMES = [
    "Called the mother's mobile three times; no answer, voicemail full.",
    "Truancy Call sent on each of the first three days; no reply.",
    "Father's number on file is no longer in use.",
    "Both emergency contacts called: the grandmother thinks the family went to relatives.",
    "Elm Academy says the older brother stopped attending on the same day.",
    "Classmates say she talked about moving away; staff know nothing more.",
    "The family support worker has not seen them for a month.",
    "Letter sent first class to the home address; no reply.",
]
MOVED = ["Possibly Portsmouth", "Thought to have gone back to Poland", "Relatives in Birmingham", "", "Not known"]
NOT_CME = [
    (NotCmeReason.ON_ROLL_ELSEWHERE, "On roll at Harbour Academy since 2 November: no action needed."),
    (NotCmeReason.ATTENDANCE_MATTER, "An attendance matter for the school: passed to the education welfare service."),
    (NotCmeReason.OTHER_LA, "Family now lives in Hampshire: passed to Hampshire's CME team."),
    (NotCmeReason.HOME_EDUCATED, "Known to the EHE team; parent's notice received on 12 October."),
    (NotCmeReason.NOT_OF_CSA, "Reaches compulsory school age on 31 March next year: passed to early years."),
]


class Builder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.rng = random.Random(6)
        self.today = timezone.localdate()
        people = {u.email: u for u in User.objects.filter(email__in=[GRACE, MARK, NADIA, OWEN, OFFICER])}
        self.referrers = [people[e] for e in (GRACE, MARK, NADIA, OWEN) if e in people]
        self.officer = people.get(OFFICER)
        self.new_names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        self.rng.shuffle(self.new_names)
        with_open_cases = Case.objects.active().filter(status=Status.OPEN).values_list("child_id", flat=True)
        self.children_with_cases = list(Child.objects.filter(pk__in=with_open_cases).order_by("pk")[:12])
        self.children_without = list(
            Child.objects.exclude(cases__status__in=[Status.OPEN, Status.LOCATED, Status.FAILED_TO_TRACK])
            .exclude(alerts__is_active=True).order_by("pk")[:12]
        )
        self.lost = list(Child.objects.filter(alerts__is_active=True, alerts__kind=ChildAlert.Kind.FAILED_TO_TRACK)
                         .order_by("pk")[:1])
        self.made = []

    def child_fields(self, known=None, misspell=False):
        if known is None:
            first, last = self.new_names.pop()
            dob = self.today - timedelta(days=self.rng.randint(6 * 365, 14 * 365))
            return dict(first_name=first, last_name=last, date_of_birth=dob, sex=self.rng.choice([Sex.FEMALE, Sex.MALE]))
        first, last, dob = known.first_name, known.last_name, known.date_of_birth
        if misspell:  # as names reach officers: accents lost, hyphens dropped, order swapped
            first, last = {0: (first, last.replace("-", " ")), 1: (last, first), 2: (first.upper(), last)}[len(self.made) % 3]
        return dict(first_name=first, last_name=last, date_of_birth=dob, upn=known.upn, sex=known.sex)

    def answers(self, referrer, state):
        answers = dict(
            parent_name=f"{self.rng.choice(['Joanna', 'Sarah', 'Fatima', 'Ioana', 'Michelle'])} (mother)",
            parent_relationship="Mother", parent_phone=f"07700 900{self.rng.randint(100, 999)}",
            address_line_1=f"{self.rng.randint(1, 90)} {self.rng.choice(['Church Road', 'Mill Lane', 'High Street'])}",
            address_town="Demo City", address_postcode=f"SO1{self.rng.randint(4, 9)} {self.rng.randint(1, 9)}AB",
            moved_to_area=self.rng.choice(MOVED), referrer_phone=f"023 8000 {self.rng.randint(1000, 9999)}",
            child_protection_concern=state == "act_today",
            child_protection_details="Disclosure to the class teacher before the family left." if state == "act_today" else "",
            risk_flags=self.rng.choice([[], [], [FlagKind.SEN_SUPPORT], [FlagKind.YOUNG_CARER, FlagKind.CHILD_IN_NEED], [FlagKind.GRT]]),
        )
        if referrer.is_school_user:
            answers.update({name: OUTCOMES[n] for n, (name, _) in enumerate(ACTIONS)})
            answers.update(
                last_attendance_date=self.today - timedelta(days=self.rng.randint(15, 40)),
                home_visit_outcome=self.rng.choice(HomeVisitOutcome.values),
                home_visit_date=self.today - timedelta(days=self.rng.randint(3, 10)),
                home_visit_details="Visited with the attendance officer. Curtains drawn, post piling up behind the door.",
            )
        return answers

    def start(self, state, n, children):
        referrer = self.referrers[n % len(self.referrers)]
        referral = services.start_referral(by=referrer, children=children, **self.answers(referrer, state))
        self.made.append(referral)
        return referral

    def backdate(self, referral, days_ago):
        """Move the referral, its timeline and messages back ``days_ago`` days (demo only)."""
        shift = timedelta(days=days_ago)
        received = self.today - shift
        at = timezone.make_aware(datetime.combine(received, time(9, 30)))
        fields = {"submitted_at": at, "received_on": received}
        if referral.decided_at:
            fields["decided_at"] = referral.decided_at - shift + timedelta(days=min(days_ago, 2))
        if referral.paused_on:
            fields["paused_on"] = referral.paused_on - shift + timedelta(days=1)
        if referral.pauses:
            fields["pauses"] = [[(received + timedelta(days=1)).isoformat(), (received + timedelta(days=4)).isoformat()]]
        Referral.objects.filter(pk=referral.pk).update(**fields)
        for event in ReferralEvent.objects.filter(referral=referral):
            ReferralEvent.objects.filter(pk=event.pk).update(occurred_at=event.occurred_at - shift)
        for message in ReferralMessage.objects.filter(referral=referral):
            ReferralMessage.objects.filter(pk=message.pk).update(sent_at=message.sent_at - shift)

    def accept(self, referral, match=None):
        for referral_child in referral.children.all():
            if match is not None:
                services.confirm_match(referral_child, by=self.officer, child=match)
            else:
                services.create_child_from_referral(referral_child, by=self.officer)
        categories = {c.pk: self.rng.choice([Category.CME_OTHER, Category.LEAVER_DESTINATION_UNKNOWN])
                      for c in referral.children.all()}
        services.accept_referral(referral, by=self.officer, categories=categories)

    def build(self):
        n = 0
        for state, count in STATES:
            for _ in range(count):
                n += 1
                self.make(state, n)
        self.stdout.write(f"Referrals: {len(self.made)} from the demo schools and partners.")

    def make(self, state, n):
        known = None
        if state == "accepted_open_case" and self.children_with_cases:
            known = self.children_with_cases.pop(0)
        elif state == "accepted_new_case" and self.children_without:
            known = self.children_without.pop(0)
        elif state == "accepted_failed_to_track" and self.lost:
            known = self.lost.pop(0)
        elif state == "submitted" and n % 3 == 0 and self.children_without:
            known = self.children_without.pop()  # a known child, misspelt: the officer sees candidates
        children = [self.child_fields(known, misspell=state == "submitted")]
        if state == "accepted_new_child" and n % 3 == 0:
            children.append(self.child_fields())
        referral = self.start(state, n, children)
        if state == "draft":
            return
        services.submit_referral(referral, by=referral.referrer)
        if state in ("info_requested", "answered"):
            services.request_information(referral, by=self.officer,
                                         message="Do you know which school the older sibling moved to?")
            if state == "answered":
                services.answer_request(referral, by=referral.referrer, answer="We think Harbour Academy, from September.")
        elif state.startswith("accepted"):
            self.accept(referral, match=known if state != "accepted_new_child" else None)
        elif state == "not_cme":
            reason, where = NOT_CME[n % len(NOT_CME)]
            services.decide_not_cme(referral, by=self.officer, reason=reason, redirected_to=where)
        elif state == "duplicate":
            original = next(r for r in self.made if r.status == "accepted")
            services.mark_duplicate(referral, by=self.officer, duplicate_of=original)
        referral.refresh_from_db()
        self.backdate(referral, days_ago=self.rng.randint(0, 3) if state == "act_today" else self.rng.randint(1, 30))


def seed(stdout):
    _seed_referrals(stdout)
    from .demo_portal import seed as seed_portal

    seed_portal(stdout)


def _seed_referrals(stdout):
    referrers = User.objects.filter(email__in=[GRACE, MARK, NADIA, OWEN])
    if Referral.objects.filter(referrer__in=referrers).exists():
        stdout.write(f"Referrals: already loaded ({Referral.objects.count()}).")
        return
    builder = Builder(stdout)
    if not builder.referrers or builder.officer is None:
        stdout.write("Referrals: no demo referrers or officer, so none loaded.")
        return
    builder.build()
