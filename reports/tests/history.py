"""A history of cases with known figures as at Friday 30 January 2026.

Each child below is one line of the story, made through the tracking services
at the dates given (``time_machine``), so the timeline is as the app would
have written it — including cases that changed category, were located,
closed, reopened or signed off as failed to track *after* 30 January 2026,
which must not change the return as at that date.

School year 2025/26: Reception is born 1 Sep 2020 – 31 Aug 2021; Year 1
(the previous Reception intake) 1 Sep 2019 – 31 Aug 2020.
"""

from datetime import date

from cme.accounts.models import Role
from cme.accounts.tests.factories import UserFactory
from tracking import services, workflow
from tracking.models import Category, ChildAlert, FlagKind, Outcome
from tracking.tests.factories import CaseFactory, ChildFactory, complete_checklist

from .conftest import on

OPENED = date(2025, 10, 1)  # most cases open on this day

#: What the return as at 30 January 2026 must say, measure by measure.
EXPECTED = {
    "reception_current": 2,      # Amara (not yet of CSA, Reception year), Ben (of CSA)
    "reception_previous": 1,     # Chloe (Year 1 age)
    "reception_other": 2,        # Dev (older), Esme (no date of birth)
    "junior": 1,                 # Finn
    "secondary": 2,              # Grace moved to secondary before; Hugo moves to excluded after
    "deferred": 1,               # Isla (not yet of CSA)
    "excluded": 1,               # Jay
    "leavers_2025": 2,           # Kai, and Omar, located only after the date
    "leavers_2024": 1,           # Lena
    "leavers_earlier": 1,        # Mo
    "send": 1,                   # Priya-Rose
    "cla": 1,                    # Quinn
    "other": 7,                  # Rosa, Wren, Aaron, Alys, Ahmed, Ajay, Akira
    "out_of_phase": 1,           # Rosa (Year 6 by age, recorded Year 4 a school year before); Finn is right
    "in_year_2025_processing": 1,  # Yusuf, in a new case after his failed-to-track closure
    "in_year_2025_offer": 0,
    "in_year_2025_failed": 1,    # Aeron
    "in_year_2024_processing": 0,
    "in_year_2024_offer": 1,     # Acer
    "in_year_2024_failed": 0,
    "in_year_2023_processing": 0,
    "in_year_2023_offer": 0,
    "in_year_2023_failed": 0,
    "in_year_earlier_processing": 0,
    "in_year_earlier_offer": 0,
    "in_year_earlier_failed": 1,  # Adele, opened in 2022/23
    "total": 27,
    "historical": 1,             # Xander (Yusuf has a case again, Zara's alert was cleared, Xena is over CSA)
    "total_including_historical": 28,
    "yos": 1,                    # Rosa (Quinn's youth offending ended before the date)
    "cp": 1,                     # Priya-Rose
    "cin": 1,                    # Rosa (Quinn's starts after the date)
    "ehe": 1,                    # Afia (Alys was not located after all, Ahmed only after the date, Aiko's latest case is not EHE)
}

EXPECTED_BY_CATEGORY = {
    Category.FAILED_TO_START_RECEPTION: 5, Category.FAILED_TO_TRANSFER_JUNIOR: 1,
    Category.FAILED_TO_TRANSFER_SECONDARY: 2, Category.DEFERRED_ENTRY: 1, Category.PERMANENTLY_EXCLUDED: 1,
    Category.LEAVER_DESTINATION_UNKNOWN: 4, Category.SEND_WITHOUT_PLACE: 1,
    Category.LOOKED_AFTER_WITHOUT_PROVISION: 1, Category.IN_YEAR_PROCESSING: 1, Category.IN_YEAR_UNDER_OFFER: 1,
    Category.IN_YEAR_FAILED_TO_REGISTER: 2, Category.CME_OTHER: 7,
}

OF_CSA = date(2015, 5, 5)  # Year 6 in 2025/26


class History:
    """The people and cases of the story, by first name."""

    def __init__(self):
        self.priya = UserFactory(role=Role.CME_OFFICER, first_name="Priya", last_name="Shah")
        self.sam = UserFactory(role=Role.SENIOR_OFFICER, first_name="Sam", last_name="Okafor")
        self.cases = {}

    def child(self, name, dob=OF_CSA, **fields):
        return ChildFactory(first_name=name, last_name="Example", date_of_birth=dob, **fields)

    def open(self, name, category, day=OPENED, dob=OF_CSA, child=None, **fields):
        with on(day):
            case = CaseFactory(child=child or self.child(name, dob, **fields), category=category,
                               opened_on=day, created_by=self.priya, assigned_officer=self.priya)
        self.cases[name] = case
        return case

    def locate(self, case, day, outcome=Outcome.OTHER_LA):
        with on(day):
            workflow.transition(case, "locate", self.priya, outcome=outcome, on=day,
                                details="Confirmed by the other local authority's CME officer")

    def close(self, case, day):
        with on(day):
            workflow.transition(case, "close", self.priya)

    def ask_for_sign_off(self, case, day):
        with on(day):
            complete_checklist(case, self.priya)
            workflow.transition(case, "request_ftt", self.priya)

    def sign_off(self, case, day):
        with on(day):
            workflow.transition(case, "sign_off_ftt", self.sam)

    def failed_to_track(self, name, day, dob=OF_CSA):
        case = self.open(name, Category.CME_OTHER, dob=dob)
        self.ask_for_sign_off(case, day)
        self.sign_off(case, day)
        return case

    def change_category(self, case, category, day):
        with on(day):
            services.change_category(case, by=self.priya, category=category, reason="New information")

    def flag(self, case, kind, starts_on, ends_on=None):
        with on(starts_on):
            services.add_flag(case.child, by=self.priya, kind=kind, starts_on=starts_on, ends_on=ends_on)


def build_history():
    h = History()
    # Transition.
    h.open("Amara", Category.FAILED_TO_START_RECEPTION, dob=date(2021, 6, 15))  # of CSA only from 31 Aug 2026
    h.open("Ben", Category.FAILED_TO_START_RECEPTION, dob=date(2020, 10, 1))  # of CSA from 31 Dec 2025
    h.open("Chloe", Category.FAILED_TO_START_RECEPTION, dob=date(2020, 2, 1))
    h.open("Dev", Category.FAILED_TO_START_RECEPTION, dob=date(2018, 1, 1))
    h.open("Esme", Category.FAILED_TO_START_RECEPTION, dob=None)
    # Year 2 when recorded in June 2025, so Year 3 now, as his age says: in phase.
    h.open("Finn", Category.FAILED_TO_TRANSFER_JUNIOR, dob=date(2018, 3, 3), recorded_year_group="2",
           recorded_year_group_on=date(2025, 6, 20))
    grace = h.open("Grace", Category.CME_OTHER)
    h.change_category(grace, Category.FAILED_TO_TRANSFER_SECONDARY, date(2025, 12, 1))
    hugo = h.open("Hugo", Category.FAILED_TO_TRANSFER_SECONDARY)
    h.change_category(hugo, Category.PERMANENTLY_EXCLUDED, date(2026, 2, 10))  # after the date
    h.open("Isla", Category.DEFERRED_ENTRY, dob=date(2021, 7, 1))
    h.open("Jay", Category.PERMANENTLY_EXCLUDED)

    # Leavers whose destination is unknown, by the school year their case opened.
    h.open("Kai", Category.LEAVER_DESTINATION_UNKNOWN)
    h.open("Lena", Category.LEAVER_DESTINATION_UNKNOWN, day=date(2024, 11, 1))
    h.open("Mo", Category.LEAVER_DESTINATION_UNKNOWN, day=date(2023, 5, 1))
    h.locate(h.open("Nia", Category.LEAVER_DESTINATION_UNKNOWN), date(2025, 12, 15))  # found before
    h.locate(h.open("Omar", Category.LEAVER_DESTINATION_UNKNOWN), date(2026, 2, 5))  # found after

    # SEND, looked after, and the risk factors on the date.
    h.flag(h.open("Priya-Rose", Category.SEND_WITHOUT_PLACE), FlagKind.CHILD_PROTECTION, date(2025, 9, 1))
    quinn = h.open("Quinn", Category.LOOKED_AFTER_WITHOUT_PROVISION)
    h.flag(quinn, FlagKind.CHILD_IN_NEED, date(2026, 2, 1))  # starts after
    h.flag(quinn, FlagKind.YOUTH_OFFENDING, date(2025, 1, 1), date(2025, 12, 31))  # ended before
    # Year 4 when recorded in May 2025, a year below her age group then and still: out of phase.
    rosa = h.open("Rosa", Category.CME_OTHER, recorded_year_group="4", recorded_year_group_on=date(2025, 5, 1))
    h.flag(rosa, FlagKind.YOUTH_OFFENDING, date(2025, 6, 1))
    h.flag(rosa, FlagKind.CHILD_IN_NEED, date(2025, 9, 1), date(2026, 3, 31))

    # Not counted: not of compulsory school age, or not yet a case.
    h.open("Sol", Category.CME_OTHER, dob=date(2022, 1, 1))  # aged 3
    h.open("Uma", Category.CME_OTHER, dob=date(2009, 6, 1))  # over CSA since June 2025
    h.open("Vic", Category.CME_OTHER, day=date(2026, 2, 2))  # opened after the date

    # Failed to track: awaiting sign-off on the date counts; signed off is historical.
    h.ask_for_sign_off(h.open("Wren", Category.CME_OTHER), date(2026, 1, 15))
    h.failed_to_track("Xander", date(2026, 1, 20))
    yusuf = h.failed_to_track("Yusuf", date(2025, 11, 1))
    h.open("Yusuf again", Category.IN_YEAR_PROCESSING, day=date(2026, 1, 10), child=yusuf.child)
    zara = h.failed_to_track("Zara", date(2025, 11, 1))
    with on(date(2025, 12, 20)):
        services.clear_alert(ChildAlert.objects.get(child=zara.child, is_active=True), by=h.sam,
                             reason="Found on roll in Portsmouth")
    h.failed_to_track("Xena", date(2025, 11, 1), dob=date(2008, 1, 1))  # over CSA
    aaron = h.open("Aaron", Category.CME_OTHER)
    h.ask_for_sign_off(aaron, date(2026, 1, 25))
    h.sign_off(aaron, date(2026, 2, 10))  # after the date: still awaiting sign-off then

    # In-year admissions.
    h.open("Acer", Category.IN_YEAR_UNDER_OFFER, day=date(2024, 10, 1))
    h.open("Adele", Category.IN_YEAR_FAILED_TO_REGISTER, day=date(2023, 2, 1))
    h.open("Aeron", Category.IN_YEAR_FAILED_TO_REGISTER)

    # Elective home education.
    afia = h.open("Afia", Category.CME_OTHER)
    h.locate(afia, date(2025, 11, 10), Outcome.EHE)
    h.close(afia, date(2025, 11, 20))
    alys = h.open("Alys", Category.CME_OTHER)
    h.locate(alys, date(2025, 11, 10), Outcome.EHE)
    with on(date(2026, 1, 5)):
        workflow.transition(alys, "not_located", h.priya, reason="The family did not send the EHE letter")
    h.locate(h.open("Ahmed", Category.CME_OTHER), date(2026, 2, 3), Outcome.EHE)  # after the date
    aiko = h.open("Aiko", Category.CME_OTHER)
    h.locate(aiko, date(2025, 10, 10), Outcome.EHE)
    h.close(aiko, date(2025, 10, 20))
    aiko_again = h.open("Aiko again", Category.CME_OTHER, day=date(2026, 1, 12), child=aiko.child)
    h.locate(aiko_again, date(2026, 1, 20))
    h.close(aiko_again, date(2026, 1, 21))

    # Reopened before the date; closed after it.
    ajay = h.open("Ajay", Category.CME_OTHER)
    h.locate(ajay, date(2025, 11, 1))
    h.close(ajay, date(2025, 11, 5))
    with on(date(2026, 1, 15)):
        workflow.transition(ajay, "reopen", h.priya, reason="The other LA had the wrong child")
    akira = h.open("Akira", Category.CME_OTHER)
    h.locate(akira, date(2026, 2, 15))
    h.close(akira, date(2026, 2, 15))
    return h
