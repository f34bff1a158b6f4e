"""A school year of cases with known DfE collection figures for the spring 2026
census, Thursday 15 January 2026.

Each child is made through the tracking services at the dates given
(``time_machine``, through ``History``), so the timeline is as the app would
have written it. School year 2025/26 began on 1 September 2025: Reception is
born 1 Sep 2020 – 31 Aug 2021, Year 1 the year before, ... Year 11 born
1 Sep 2009 – 31 Aug 2010.
"""

from datetime import date

from tracking import workflow
from tracking.models import Category, Outcome, Sex

from .conftest import on
from .history import History

CENSUS = date(2026, 1, 15)  # the third Thursday of January 2026
F, M, U = Sex.FEMALE, Sex.MALE, Sex.UNKNOWN


def year(n):
    """A date of birth in Year ``n`` (0 = Reception) in 2025/26, early in the school year."""
    return date(2020 - n, 10, 10)


#: Children missing education on 15 January 2026, every breakdown.
EXPECTED_ON_CENSUS_DATE = {
    "sex": {"F": 5, "M": 4, "U": 2},
    "year_group": {
        "R": 1, "1": 1, "2": 1, "3": 1, "4": 0, "5": 0, "6": 1, "7": 2, "8": 1, "9": 1, "10": 0, "11": 1,
        "unknown": 1,
    },
    "length": {
        "under_4_weeks": 2,        # Asha (10 days), Tia (opened on the day)
        "4_to_12_weeks": 4,        # Gus (exactly 4 weeks), Bilal, Kit, Hana (exactly 12 weeks)
        "12_weeks_to_6_months": 3,  # Cara, Faye, Ivo
        "6_months_to_1_year": 1,   # Dan
        "1_year_or_more": 1,       # Efe
    },
    "reason": {
        "did_not_start": 2,  # Faye (Reception), Ivo (secondary transfer)
        "in_year": 2,        # Cara, Kit
        "left_unknown": 1,   # Bilal
        "excluded": 1,       # Efe
        "send": 1,           # Dan
        "looked_after": 1,   # Hana
        "other": 3,          # Asha, Gus, Tia
    },
}
TOTAL_ON_CENSUS_DATE = 11
#: The eleven, and Jude, Lola (twice), Pia, Vic, Wyn and Opal: each once.
AT_ANY_POINT = 17
COUNTED_AT_ANY_POINT = {
    "Asha", "Bilal", "Cara", "Dan", "Efe", "Faye", "Gus", "Hana", "Ivo", "Kit", "Tia",
    "Jude", "Lola", "Pia", "Vic", "Wyn", "Opal",
}
NEVER_COUNTED = {"Milo", "Nell", "Otto", "Quin", "Rae", "Sol"}


def build_school_year():
    h = History()

    def missing(name, category, opened, dob, sex):
        return h.open(name, category, day=opened, dob=dob, sex=sex)

    def found(case, located, closed=None):
        h.locate(case, located)
        if closed:
            h.close(case, closed)

    # Missing education on the census day.
    found(missing("Asha", Category.CME_OTHER, date(2026, 1, 5), year(6), F), date(2026, 1, 20))  # found after
    missing("Bilal", Category.LEAVER_DESTINATION_UNKNOWN, date(2025, 11, 20), year(9), M)
    missing("Cara", Category.IN_YEAR_PROCESSING, date(2025, 9, 15), year(11), F)
    missing("Dan", Category.SEND_WITHOUT_PLACE, date(2025, 3, 1), year(3), U)
    missing("Efe", Category.PERMANENTLY_EXCLUDED, date(2024, 6, 1), year(8), M)
    # Faye reaches compulsory school age only on 31 March 2026: counted, as in the monthly return.
    missing("Faye", Category.FAILED_TO_START_RECEPTION, date(2025, 9, 10), date(2021, 2, 10), F)
    missing("Gus", Category.CME_OTHER, date(2025, 12, 18), None, U)
    missing("Hana", Category.LOOKED_AFTER_WITHOUT_PROVISION, date(2025, 10, 23), year(7), F)
    h.ask_for_sign_off(missing("Ivo", Category.FAILED_TO_TRANSFER_SECONDARY, date(2025, 9, 3), year(7), M),
                       date(2026, 1, 10))
    kit = missing("Kit", Category.CME_OTHER, date(2025, 9, 8), year(2), M)
    found(kit, date(2025, 9, 30), date(2025, 10, 1))
    h.open("Kit again", Category.IN_YEAR_UNDER_OFFER, day=date(2025, 11, 10), child=kit.child)
    missing("Tia", Category.CME_OTHER, CENSUS, year(1), F)

    # Missing education earlier in the school year, not on the census day.
    found(missing("Jude", Category.CME_OTHER, date(2025, 9, 20), year(4), F), date(2025, 10, 15), date(2025, 10, 20))
    lola = missing("Lola", Category.CME_OTHER, date(2025, 9, 5), year(10), F)
    found(lola, date(2025, 9, 25), date(2025, 9, 26))
    found(h.open("Lola again", Category.LEAVER_DESTINATION_UNKNOWN, day=date(2025, 10, 10), child=lola.child),
          date(2025, 12, 1), date(2025, 12, 2))
    # Pia reaches compulsory school age on 31 December 2025, while still missing.
    pia = missing("Pia", Category.CME_OTHER, date(2025, 11, 1), date(2020, 10, 1), F)
    found(pia, date(2026, 1, 5), date(2026, 1, 6))
    vic = missing("Vic", Category.CME_OTHER, date(2025, 9, 20), year(6), M)
    h.ask_for_sign_off(vic, date(2025, 11, 1))
    h.sign_off(vic, date(2025, 11, 1))  # on the historical list now: not CME on the census day
    found(missing("Wyn", Category.CME_OTHER, date(2025, 6, 15), year(5), M), date(2025, 9, 10), date(2025, 9, 12))
    # Opal is never of CSA this term, but a Reception case counts her, as in the return.
    found(missing("Opal", Category.FAILED_TO_START_RECEPTION, date(2025, 9, 5), date(2021, 1, 20), F),
          date(2025, 10, 1), date(2025, 10, 2))

    # Never counted.
    missing("Milo", Category.CME_OTHER, date(2025, 10, 1), date(2008, 5, 5), M)  # 17: past compulsory school age
    missing("Nell", Category.CME_OTHER, date(2025, 10, 1), date(2022, 3, 3), F)  # aged 3
    # Otto reaches compulsory school age on 31 December 2025, after he was found.
    found(missing("Otto", Category.CME_OTHER, date(2025, 9, 10), date(2020, 11, 15), M),
          date(2025, 11, 20), date(2025, 11, 21))
    found(missing("Quin", Category.CME_OTHER, date(2025, 3, 1), year(6), F), date(2025, 6, 1), date(2025, 6, 2))
    rae = missing("Rae", Category.CME_OTHER, date(2025, 10, 5), year(6), F)
    with on(date(2025, 10, 6)):
        workflow.transition(rae, "close_without_locating", h.sam, outcome=Outcome.OPENED_IN_ERROR,
                            reason="A duplicate of another child's record")
    missing("Sol", Category.CME_OTHER, date(2026, 1, 20), year(6), M)  # after the census day
    return h
