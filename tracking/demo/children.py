"""Demo children and cases: ~300 children across every category and status,
built through the same services and workflow the pages use, so names have
search keys and every case has its timeline.

Deterministic (a seeded random generator) and loaded once: if the demo
officers already have cases, nothing is added.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from cme.accounts.models import User
from cme.schooldays.age import nc_year
from cme.schooldays.identifiers import upn_check_letter
from cme.schooldays.selectors import DateOutsideCalendar, add_school_days

from .. import services, workflow
from ..alerts import child_reappeared
from ..models import (
    Address, Case, CaseEvent, Category, ChecklistAnswer, ChildName, EnquiryMethod, EventKind, FlagKind,
    HomeVisitOutcome, Outcome, RecheckTask, School, Sex,
)
from ..tasks import open_yearly_rechecks
from .people import ALIASES, DISTRICTS, GROUPS, MOVED_TO, PARENT_FIRST_NAMES, STREETS

OFFICERS = ("officer@demo-council.test", "officer2@demo-council.test")
SENIORS = ("senior@demo-council.test", "manager@demo-council.test")
CHILDREN = 300

#: (what happens to the case, how many): every status the workflow has.
STORIES = [
    ("open", 166), ("located", 24), ("awaiting_sign_off", 8), ("closed_located", 72),
    ("failed_to_track", 16), ("closed_without_locating", 8), ("reopened", 6),
]

#: Age (years, at the start of this school year) that fits each category.
CATEGORY_AGES = {
    Category.FAILED_TO_START_RECEPTION: (4, 4), Category.DEFERRED_ENTRY: (4, 4),
    Category.FAILED_TO_TRANSFER_JUNIOR: (7, 7), Category.FAILED_TO_TRANSFER_SECONDARY: (11, 11),
}

ENQUIRIES = [
    ("Last school", EnquiryMethod.PHONE, "Office confirmed the last day of attendance and gave the forwarding address they hold."),
    ("Child Health records", EnquiryMethod.SECURE_MESSAGE, "Not registered with a GP in the city since the date of leaving."),
    ("Hampshire County Council CME team", EnquiryMethod.EMAIL, "Not known to them. Asked them to tell us if the family appears."),
    ("Lost Pupil Database (S2S)", EnquiryMethod.DATABASE, "No CTF received by another school."),
    ("Council tax and benefits", EnquiryMethod.DATABASE, "Housing benefit claim at the last known address ended last month."),
    ("Parent", EnquiryMethod.PHONE, "No answer; voicemail left asking them to call the CME team."),
    ("Children's social care", EnquiryMethod.DATABASE, "No open involvement. Closed CIN episode two years ago."),
    ("Admissions team", EnquiryMethod.EMAIL, "In-year application received, school place offered, not yet taken up."),
    ("Health visitor", EnquiryMethod.PHONE, "Family seen at the clinic three weeks ago; gave a new mobile number."),
    ("Housing association", EnquiryMethod.EMAIL, "Tenancy ended; no forwarding address given."),
]
NEXT_ACTIONS = [
    "Chase the last school for the forwarding address", "Home visit with the education welfare officer",
    "Check the Lost Pupil Database again", "Phone the parent on the new number", "Write to the last known address",
    "Ask the admissions team whether the place was taken up", "Send the CME alert to all LAs",
    "Confirm enrolment with the new school", "Review at the caseload meeting",
]
NOTES = [
    "Discussed at the caseload meeting: keep open, try the health visitor.",
    "Sibling's school says the family may have moved to stay with relatives.",
    "Letter sent to the last known address asking the parent to contact us.",
]


class Builder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.rng = random.Random(852)
        self.today = timezone.localdate()
        self.officers = list(User.objects.filter(email__in=OFFICERS).order_by("email"))
        self.seniors = list(User.objects.filter(email__in=SENIORS).order_by("email"))
        self.schools = list(School.objects.in_home_la().open().order_by("urn"))
        self.other_la_schools = list(School.objects.open().exclude(pk__in=[s.pk for s in self.schools]))
        self.upn_serial = 0

    # --- dates ---------------------------------------------------------------

    def school_days_from_today(self, n):
        try:
            return add_school_days(self.today, n)
        except DateOutsideCalendar:
            return self.today + timedelta(days=round(n * 7 / 5))

    def backdate(self, case, kind, day):
        """Put the newest event of a kind at the day it stands for in the story."""
        event = case.events.filter(kind=kind).order_by("-pk").first()
        if event:
            moment = timezone.make_aware(datetime.combine(day, time(9, self.rng.randint(0, 59))))
            CaseEvent.objects.filter(pk=event.pk).update(occurred_at=moment)

    # --- children ------------------------------------------------------------

    def upn(self):
        self.upn_serial += 1
        body = f"852{2100 + self.upn_serial % 40:04d}{(self.today.year - 8) % 100:02d}{self.upn_serial:03d}"
        return upn_check_letter(body) + body

    def date_of_birth(self, category, story):
        year_start = self.today.year if self.today.month >= 9 else self.today.year - 1
        if story == "closed_without_locating":
            age = 16
        else:
            age = self.rng.randint(*CATEGORY_AGES.get(category, (5, 15)))
        # Born between 1 Sep and 31 Aug so that they are ``age`` on 31 August.
        first = datetime(year_start - age - 1, 9, 1).date()
        return first + timedelta(days=self.rng.randint(0, 364))

    def make_family(self, size, stories):
        girls, boys, surnames, language, ethnicity = self.rng.choice(GROUPS)
        surname = self.rng.choice(surnames)
        district, outward = self.rng.choice(DISTRICTS)
        address = dict(
            line_1=f"{self.rng.randint(1, 180)} {self.rng.choice(STREETS)}", town="Demo City",
            postcode=f"{outward} {self.rng.randint(1, 9)}{self.rng.choice('ABDEFGHJLNPQRSTUWXY')}{self.rng.choice('ABDEFGHJLNPQRSTUWXY')}",
            lived_from=self.today - timedelta(days=self.rng.randint(400, 2000)), source="School admission form",
        )
        parent_sex = self.rng.choice("FM")
        parent = f"{self.rng.choice(PARENT_FIRST_NAMES[parent_sex])} {surname}"
        phone = f"07{self.rng.randint(700, 999)} {self.rng.randint(100000, 999999)}"
        children = []
        for story, category in stories[:size]:
            sex = self.rng.choice([Sex.FEMALE, Sex.MALE])
            first = self.rng.choice(girls if sex == Sex.FEMALE else boys)
            dob = self.date_of_birth(category, story)
            fields = dict(
                sex=sex, first_language=language if self.rng.random() < 0.8 else "", ethnicity=ethnicity,
                upn=self.upn() if self.rng.random() < 0.6 else "",
            )
            if self.rng.random() < 0.06:
                fields["recorded_year_group"] = nc_year(dob, self.today).from_rank(nc_year(dob, self.today).rank - 1).value
            child = services.create_child(by=self.officers[0], first_name=first, last_name=surname,
                                          date_of_birth=dob, address=address, **fields)
            if first in ALIASES:
                services.add_name(child, by=self.officers[0], kind=ChildName.Kind.ALIAS, first_name=ALIASES[first],
                                  last_name=surname)
            if self.rng.random() < 0.05:  # known by a stepfather's name before
                services.add_name(child, by=self.officers[0], kind=ChildName.Kind.PREVIOUS, first_name=first,
                                  last_name=self.rng.choice([s for s in surnames if s != surname]))
            services.add_contact(child, by=self.officers[0], name=parent, relationship="Mother" if parent_sex == "F" else "Father",
                                 has_parental_responsibility=True, lives_with_child=True, phone=phone)
            self.add_flags(child, category, ethnicity)
            children.append((child, story, category))
        if self.rng.random() < 0.25:  # what a neighbour or the last school said about where they went
            moved_to = self.rng.choice(MOVED_TO)
            for child, _, _ in children:
                services.add_address(child, by=self.officers[0], kind=Address.Kind.AREA, town=moved_to,
                                     lived_from=self.today - timedelta(days=self.rng.randint(20, 120)),
                                     source="Neighbour, at a home visit")
        for i, (child, _, _) in enumerate(children):
            for other, _, _ in children[i + 1:]:
                services.link_siblings(child, other, by=self.officers[0])
        return children

    def add_flags(self, child, category, ethnicity):
        kinds = set()
        if category == Category.LOOKED_AFTER_WITHOUT_PROVISION:
            kinds.add(FlagKind.LOOKED_AFTER)
        if category == Category.SEND_WITHOUT_PLACE:
            kinds.add(self.rng.choice([FlagKind.EHCP, FlagKind.EHCP_ASSESSMENT]))
        if category == Category.PERMANENTLY_EXCLUDED:
            kinds.add(FlagKind.PREVIOUSLY_EXCLUDED)
        if "Traveller" in ethnicity:
            kinds.add(FlagKind.GRT)
        if ethnicity in ("Arab", "Black or Black British – African") and self.rng.random() < 0.25:
            kinds.add(FlagKind.REFUGEE)
        roll = self.rng.random()
        if roll < 0.05:
            kinds.add(FlagKind.CHILD_PROTECTION)
        elif roll < 0.11:
            kinds.add(FlagKind.CHILD_IN_NEED)
        elif roll < 0.15:
            kinds.add(self.rng.choice([FlagKind.YOUNG_CARER, FlagKind.SERVICE_FAMILY, FlagKind.PREVIOUSLY_CME,
                                       FlagKind.SEN_SUPPORT, FlagKind.YOUTH_OFFENDING]))
        for kind in sorted(kinds):
            services.add_flag(child, by=self.officers[0], kind=kind,
                              starts_on=self.today - timedelta(days=self.rng.randint(30, 900)))
        if self.rng.random() < 0.04:  # an ended risk factor, kept with its dates
            flag = services.add_flag(child, by=self.officers[0], kind=FlagKind.CHILD_IN_NEED,
                                     starts_on=self.today - timedelta(days=900))
            services.end_flag(flag, by=self.officers[0], ends_on=self.today - timedelta(days=400))

    # --- cases ---------------------------------------------------------------

    def open_case(self, child, story, category):
        officer = self.rng.choice(self.officers) if (story != "open" or self.rng.random() > 0.08) else None
        long_ago = story in ("failed_to_track", "closed_located", "closed_without_locating", "reopened")
        opened_on = self.today - timedelta(days=self.rng.randint(120, 500) if long_ago else self.rng.randint(3, 110))
        school = self.rng.choice(self.schools)
        services.add_enrolment(child, by=officer or self.officers[0], school=school,
                               on_roll_from=opened_on - timedelta(days=self.rng.randint(200, 1200)),
                               on_roll_to=opened_on - timedelta(days=self.rng.randint(1, 25)),
                               leaving_reason="Stopped attending; whereabouts unknown")
        case = services.open_case(child=child, category=category, by=officer or self.officers[0], opened_on=opened_on,
                                  assigned_officer=officer, last_known_school=school,
                                  text="Referral from the school: pupil has not attended and cannot be contacted.")
        self.timeline(case, officer or self.officers[0], opened_on)
        return case

    def timeline(self, case, officer, opened_on):
        span = max((self.today - opened_on).days, 1)
        for agency, method, outcome in self.rng.sample(ENQUIRIES, self.rng.randint(1, 4)):
            made_on = opened_on + timedelta(days=self.rng.randint(0, min(span, 60)))
            follow_up = made_on + timedelta(days=14) if self.rng.random() < 0.3 else None
            services.record_enquiry(case, by=officer, agency=agency, method=method, made_on=made_on, outcome=outcome,
                                    follow_up_on=follow_up)
        if self.rng.random() < 0.45:
            address = case.child.addresses.filter(kind=Address.Kind.HOME).first()
            services.record_home_visit(
                case, by=officer, visited_on=opened_on + timedelta(days=self.rng.randint(1, min(span, 30))),
                outcome=self.rng.choice(HomeVisitOutcome.values),
                details="Curtains drawn, post piling up behind the door." if self.rng.random() < 0.5
                else "Spoke to the neighbour at number 12, who had not seen the family for weeks.",
                visiting_officers=f"{officer.get_full_name()} and an education welfare officer",
                address=str(address) if address else "",
            )
        if self.rng.random() < 0.3:
            services.add_note(case, by=officer, text=self.rng.choice(NOTES))

    def set_next_action(self, case, officer):
        roll = self.rng.random()
        if roll < 0.08:
            return
        due = (self.school_days_from_today(-self.rng.randint(1, 12)) if roll < 0.33
               else self.today if roll < 0.43 else self.school_days_from_today(self.rng.randint(1, 20)))
        services.set_next_action(case, by=officer, action=self.rng.choice(NEXT_ACTIONS), due=due)

    def locate(self, case, officer, on):
        outcome = self.rng.choice([Outcome.ENROLLED, Outcome.ENROLLED, Outcome.OTHER_LA, Outcome.ABROAD, Outcome.EHE,
                                   Outcome.ALTERNATIVE_PROVISION])
        details = {
            Outcome.ENROLLED: "New school confirmed enrolment by phone.",
            Outcome.OTHER_LA: f"{self.rng.choice(['Hampshire', 'Birmingham', 'Leicester', 'Bristol'])} CME officer confirmed the child is known to them.",
            Outcome.ABROAD: f"Moved to {self.rng.choice(['Poland', 'Romania', 'Portugal', 'Pakistan'])}; confirmed by the parent in writing.",
            Outcome.EHE: "Parent's written notice of elective home education received.",
            Outcome.ALTERNATIVE_PROVISION: "Attending the pupil referral unit full time.",
        }[outcome]
        school = None
        if outcome == Outcome.ENROLLED:
            school = self.rng.choice(self.schools + self.other_la_schools)
        workflow.transition(case, "locate", officer, outcome=outcome, school=school, details=details, on=on)
        self.backdate(case, EventKind.STATUS, on)

    def answer_checklist(self, case, officer, on):
        for step in services.active_checklist_steps():
            if "Visas" in step.title:
                services.answer_checklist_step(case, by=officer, step=step, answer=ChecklistAnswer.Answer.NOT_APPLICABLE,
                                               not_applicable_reason="No child protection concerns are known.")
            else:
                services.answer_checklist_step(case, by=officer, step=step, answer=ChecklistAnswer.Answer.DONE,
                                               done_on=on, outcome="Checked: no trace of the child or family.")

    def play(self, case, story, n):
        officer = case.assigned_officer or self.officers[0]
        span = max((self.today - case.opened_on).days, 2)
        on = case.opened_on + timedelta(days=self.rng.randint(1, span - 1))
        if story == "open":
            self.set_next_action(case, officer)
        elif story == "located":
            self.locate(case, officer, on)
        elif story in ("closed_located", "reopened"):
            self.locate(case, officer, on)
            workflow.transition(case, "close", officer, on=on)
            self.backdate(case, EventKind.STATUS, on)
            if story == "reopened":
                workflow.transition(case, "reopen", officer,
                                    reason="The new school says the child never started there.")
                self.set_next_action(case, officer)
        elif story in ("awaiting_sign_off", "failed_to_track"):
            self.answer_checklist(case, officer, on)
            workflow.transition(case, "request_ftt", officer, reason="Every reasonable enquiry made.")
            if story == "failed_to_track":
                senior = self.seniors[n % len(self.seniors)]
                workflow.transition(case, "sign_off_ftt", senior, on=on)
                self.backdate(case, EventKind.STATUS, on)
        elif story == "closed_without_locating":
            workflow.transition(case, "close_without_locating", officer, outcome=Outcome.CEASED_CSA, on=self.today,
                                reason="Reached the end of compulsory school age.")

    def categories(self):
        categories = list(Category.values)
        while True:
            self.rng.shuffle(categories)
            yield from categories

    def build(self):
        plan = [story for story, count in STORIES for _ in range(count)]
        self.rng.shuffle(plan)
        categories = self.categories()
        stories = [(story, next(categories)) for story in plan]
        made = []
        while stories and len(made) < CHILDREN:
            size = self.rng.choices([1, 2, 3], weights=[70, 22, 8])[0]
            family = self.make_family(size, stories)
            stories = stories[len(family):]
            made += family
        for n, (child, story, category) in enumerate(made):
            case = self.open_case(child, story, category)
            self.play(case, story, n)
        self.after_failed_to_track()
        return len(made)

    def after_failed_to_track(self):
        """A re-check year opened (half recorded), and one lost child reappears."""
        open_yearly_rechecks(year=self.today.year)
        for n, task in enumerate(RecheckTask.objects.filter(year=self.today.year).order_by("pk")):
            if n % 2 == 0:
                services.record_recheck(task, by=self.seniors[0],
                                        outcome="Checked GIAP, the Lost Pupil Database and admissions: no trace.")
        lost = Case.objects.filter(outcome=Outcome.FAILED_TO_TRACK).select_related("child").order_by("pk").first()
        if lost:
            child_reappeared(lost.child, how="a new-pupil notice from Southsea Primary School (Portsmouth) "
                             "names a child with the same name and date of birth", event_key="demo:new-pupil-notice")


def seed(stdout):
    builder = Builder(stdout)
    if len(builder.officers) < 2 or len(builder.seniors) < 1 or not builder.schools:
        stdout.write("Children: skipped (the demo users and schools are needed first).")
        return
    if Case.objects.filter(created_by__in=builder.officers).exists():
        stdout.write(f"Children: {Case.objects.count()} cases already loaded.")
        return
    count = builder.build()
    stdout.write(f"Children: {count} children with cases across every category and status.")
