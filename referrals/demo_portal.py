"""Demo removal-from-roll requests and new-pupil notices from Oak Primary
(Grace) and Elm Academy (Mark), in every state, made through the services
and workflows the pages use. Loaded once: if the demo schools have sent any,
nothing is added.
"""

from datetime import date, timedelta

from django.utils import timezone

from cme.accounts.models import User
from cme.schooldays.calendar import DateOutsideCalendar
from cme.schooldays.models import DeletionGround
from tracking.models import Case, School, Status

from . import services
from .models import ACTIONS, AdmissionNotice, Destination, LocatedBecause, RemovalFromRollRequest
from .workflow.removals import TransitionRefused

GRACE, MARK = "school@oak-primary.test", "school@elm-academy.test"
OFFICER = "officer@demo-council.test"
HARBOUR_URN, SOLENT_URN = "116302", "116402"  # tracking/demo/schools.py

ENQUIRIES = [
    "Called the mother's mobile on three days; no answer.",
    "Truancy Call sent on the first three days; no reply.",
    "No other person with parental responsibility is known.",
    "Both emergency contacts called: neither knows where the family went.",
    "No siblings on roll elsewhere.",
    "Friends say she talked about moving to her grandmother's.",
    "The school nurse has not seen the family since October.",
    "Letter sent first class; returned 'not known at this address'.",
]


QUESTIONS = {
    "asked": "Has Harbour Academy confirmed in writing that Idris is on its roll? A phone call from the mother is "
             "not enough for us to agree the removal.",
    "answered": "Do any relatives or neighbours know where the family has gone? Please tell us what the home visit "
                "found.",
}


def _family(first, last, born, n):
    return dict(
        first_name=first, last_name=last, date_of_birth=born, year_group="", address_line_1=f"{10 + n} Mill Lane",
        address_town="Demo City", address_postcode=f"SO1{5 + n % 4} {n % 9 + 1}AB", parent_name=f"Sarah {last}",
        parent_relationship="Mother", contact_phone=f"07700 900{300 + n}",
    )


def _enquiries(today):
    return dict(
        home_visit_outcome="empty", home_visit_date=today - timedelta(days=3),
        home_visit_details="Visited with the attendance officer: curtains drawn, post behind the door, a neighbour "
                           "says a van was loaded two weeks ago.",
        **{name: ENQUIRIES[n] for n, (name, _) in enumerate(ACTIONS)},
    )


def _requests(today, grounds, harbour, solent, school):
    """(state, answers) for each demo request. Dates are counted back on the school's own calendar."""
    from cme.schooldays.selectors import calendar_for

    last_week = today - timedelta(days=7)
    moved = dict(ground=grounds[DeletionGround.REGISTERED_ELSEWHERE], last_attendance_date=last_week,
                 proposed_removal_date=today, destination=Destination.NEW_SCHOOL, destination_school=harbour,
                 located_because=LocatedBecause.NEW_SCHOOL_CONFIRMED, attendance_order_names_school=False)
    unknown = dict(ground=grounds[DeletionGround.MOVED_AWAY], last_attendance_date=last_week,
                   proposed_removal_date=today + timedelta(days=1), destination=Destination.UNKNOWN,
                   located_because=LocatedBecause.NOT_LOCATED, **_enquiries(today))
    requests = [
        ("draft", dict(first_name="Reuben", last_name="Harding", date_of_birth=date(2016, 6, 12))),
        ("submitted", {**_family("Esme", "Quinn", date(2015, 11, 2), 1), **moved}),
        ("submitted", {**_family("Yusuf", "Demir", date(2014, 3, 19), 2), **unknown}),
        ("submitted", {**_family("Rosa", "Ferreira", date(2016, 1, 8), 3),
                       "ground": grounds[DeletionGround.HOME_EDUCATION], "attendance_order_names_school": False,
                       "last_attendance_date": last_week,
                       "proposed_removal_date": today, "destination": Destination.EHE,
                       "ehe_notice_date": today - timedelta(days=2), "located_because": LocatedBecause.EHE_NOTICE}),
        ("agreed", {**_family("Callum", "Doherty", date(2015, 4, 30), 4), **moved}),
        ("agreed", {**_family("Simran", "Kaur", date(2014, 9, 14), 5), **moved, "destination_school": solent}),
        ("agreed_case", {**_family("Bogdan", "Stan", date(2013, 12, 1), 6), **unknown}),
        ("not_lawful", {**_family("Keira", "Brooks", date(2016, 2, 22), 7), **moved,
                        "located_because": LocatedBecause.OTHER,
                        "evidence_details": "A friend of the family said they had moved."}),
        # The CME officer follows the school up (Southampton CME policy 2021): one question waiting, one answered.
        ("asked", {**_family("Idris", "Okafor", date(2015, 7, 9), 9), **moved,
                   "located_because": LocatedBecause.OTHER,
                   "evidence_details": "The mother phoned to say he starts at Harbour next week."}),
        ("answered", {**_family("Zara", "Whitfield", date(2014, 10, 27), 10), **unknown}),
    ]
    try:
        calendar = calendar_for(school)
        last = calendar.add_school_days(today, -25)
        requests.append(("agreed_case", {
            **_family("Tomasz", "Wróbel", date(2013, 5, 17), 8), **unknown,
            "ground": grounds[DeletionGround.TWENTY_SCHOOL_DAYS], "absence_codes_confirmed": True,
            "last_attendance_date": last,
            # Ground (i) is met at the end of the 20th school day: removal from the day after.
            "proposed_removal_date": max(today, calendar.add_school_days(last, 20) + timedelta(days=1)),
        }))
    except DateOutsideCalendar:
        pass  # no term dates loaded around today: no 20-day example
    return requests


def seed_removals(stdout, people, officer, today):
    grounds = {g.kind: g for g in DeletionGround.objects.all()}
    harbour = School.objects.filter(urn=HARBOUR_URN).first()
    solent = School.objects.filter(urn=SOLENT_URN).first()
    if not (harbour and solent and DeletionGround.TWENTY_SCHOOL_DAYS in grounds):
        stdout.write("Removal requests: no demo schools or deletion grounds, so none loaded.")
        return
    made = 0
    for n, (state, answers) in enumerate(_requests(today, grounds, harbour, solent, people[GRACE].schools.first())):
        user = people[GRACE] if n % 3 else people[MARK]
        removal = services.save_removal(services.start_removal(by=user), by=user, **answers)
        made += 1
        if state == "draft":
            continue
        try:
            services.send_removal(removal, by=user)
            if state == "agreed":
                services.agree_removal(removal, by=officer, message="Confirmed with the new school by phone.")
            elif state == "agreed_case":
                services.agree_removal(removal, by=officer, create_child=True,
                                       la_enquiries="Child health, admissions and the social care system: no trace.")
            elif state in ("asked", "answered"):
                services.ask_school(removal, by=officer, question=QUESTIONS[state])
                if state == "answered":
                    services.answer_school_question(removal, by=user, answer=(
                        "The grandmother says the family went to Portugal, but she has no address. The home visit "
                        "on Friday found the house empty."))
            elif state == "not_lawful":
                services.decide_not_lawful(removal, by=officer, reason=(
                    "A friend's word is not enough: keep the pupil on roll, ask the new school to confirm, and "
                    "send us the request again."))
        except TransitionRefused as refused:
            stdout.write(f"Removal requests: {removal.pupil_name} not sent ({'; '.join(refused.errors)}).")
    stdout.write(f"Removal requests: {made} from the demo schools.")


def seed_admissions(stdout, people, officer, today):
    sought = list(Case.objects.filter(status=Status.OPEN).select_related("child")
                  .exclude(child__date_of_birth=None).order_by("pk")[:4])
    pupils = [("Lena", "Popescu", date(2016, 4, 3)), ("Mei", "Chen", date(2015, 10, 21)),
              ("Ayden", "Mensah", date(2017, 1, 9)), ("Nia", "Yilmaz", date(2014, 7, 30)),
              ("Dylan", "O'Connor", date(2016, 12, 5))]
    pupils += [(case.child.first_name, case.child.last_name, case.child.date_of_birth) for case in sought]
    notices = []
    for n, (first, last, born) in enumerate(pupils):
        user = people[GRACE] if n % 2 else people[MARK]
        fields = dict(first_name=first, last_name=last, date_of_birth=born, admitted_on=today - timedelta(days=n % 8))
        notices.append(services.send_admission_notice(by=user, school=user.schools.first(), **fields))
    for notice in notices:
        services.match_admission_notice(notice.pk)  # also queued on commit; matched once however often
    proposed = [m for n in notices for m in n.matches.all()]
    if proposed:
        services.confirm_admission_match(proposed[0], by=officer)
    if len(proposed) > 1:
        services.reject_admission_match(proposed[1], by=officer)
    for first, last, born, days in (("Amira", "Haddad", date(2016, 2, 14), 2), ("Ellis", "Morgan", date(2015, 8, 8), 9)):
        services.save_admission_draft(by=people[GRACE], school=people[GRACE].schools.first(), first_name=first,
                                      last_name=last, date_of_birth=born, admitted_on=today - timedelta(days=days))
    stdout.write(f"New pupil notices: {len(notices)} sent ({len(proposed)} may be children we are looking for), "
                 "2 drafts.")


def seed(stdout):
    people = {u.email: u for u in User.objects.filter(email__in=[GRACE, MARK, OFFICER])}
    if len(people) < 3 or not all(people[e].schools.exists() for e in (GRACE, MARK)):
        stdout.write("School portal: no demo school staff or officer, so nothing loaded.")
        return
    officer, today = people[OFFICER], timezone.localdate()
    schools = [people[GRACE].schools.first(), people[MARK].schools.first()]
    if RemovalFromRollRequest.objects.filter(school__in=schools).exists():
        stdout.write(f"Removal requests: already loaded ({RemovalFromRollRequest.objects.count()}).")
    else:
        seed_removals(stdout, people, officer, today)
    if AdmissionNotice.objects.filter(school__in=schools).exists():
        stdout.write(f"New pupil notices: already loaded ({AdmissionNotice.objects.count()}).")
    else:
        seed_admissions(stdout, people, officer, today)
