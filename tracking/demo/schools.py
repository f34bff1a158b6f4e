"""Demo schools for the demo local authority, and school staff memberships."""

from datetime import date

from django.conf import settings

from cme.accounts.models import User

from ..models import LocalAuthority, School, SchoolMembership

PRIMARY_NAMES = [
    "Oak", "Ash", "Beech", "Hazel", "Willow", "Rowan", "Holly", "Cedar", "Maple",
    "Larch", "Alder", "Birch", "Juniper", "Hawthorn", "Chestnut", "Poplar",
    "Sycamore", "Linden", "Elder", "Aspen", "Bramble", "Heather",
]
SECONDARY_NAMES = [
    "Elm", "Riverside", "Harbour", "Northgate", "St Mary's", "Bishop Challoner",
    "Weston Park", "Kingsland", "Redbridge", "Millbrook",
]
STREETS = ["Church Road", "High Street", "Station Road", "Park Lane", "Mill Lane", "Victoria Road"]
DISTRICTS = [("Shirley", "SO15"), ("Portswood", "SO17"), ("Bitterne", "SO18"), ("Woolston", "SO19"), ("Millbrook", "SO16")]


def _school_rows():
    """(urn, number, name, type, phase, low, high) for ~40 demo schools."""
    rows = []
    for i, name in enumerate(PRIMARY_NAMES):
        kind = "Community school" if i % 3 else "Academy converter"
        suffix = "Infant School" if i % 4 == 3 else "Primary School"
        low, high = (4, 11) if suffix == "Primary School" else (4, 7)
        rows.append((f"{116100 + i}", f"{2100 + i}", f"{name} {suffix}", kind, "Primary", low, high))
    for i, name in enumerate(["Hazel", "Willow"]):
        rows.append((f"{116200 + i}", f"{2300 + i}", f"{name} Junior School", "Community school", "Primary", 7, 11))
    for i, name in enumerate(SECONDARY_NAMES):
        kind = "Academy sponsor led" if i % 2 == 0 else "Voluntary aided school"
        title = f"{name} Academy" if kind.startswith("Academy") else f"{name} School"
        rows.append((f"{116300 + i}", f"{4100 + i}", title, kind, "Secondary", 11, 16))
    rows.append(("116400", "7001", "Greenfields Special School", "Community special school", "Not applicable", 4, 19))
    rows.append(("116401", "1101", "Compass Pupil Referral Unit", "Pupil referral unit", "Not applicable", 5, 16))
    rows.append(("116402", "6001", "Solent Independent School", "Other independent school", "All-through", 4, 18))
    rows.append(("116403", "2199", "Old Town Primary School", "Community school", "Primary", 4, 11))  # closed
    return rows


def seed(stdout):
    home, _ = LocalAuthority.objects.get_or_create(
        code=settings.CME_LA_CODE, defaults={"name": settings.CME_LA_NAME}
    )
    hampshire, _ = LocalAuthority.objects.get_or_create(code="850", defaults={"name": "Hampshire"})
    portsmouth, _ = LocalAuthority.objects.get_or_create(code="851", defaults={"name": "Portsmouth"})

    for n, (urn, number, name, kind, phase, low, high) in enumerate(_school_rows()):
        district, outward = DISTRICTS[n % len(DISTRICTS)]
        closed = name.startswith("Old Town")
        School.objects.update_or_create(
            urn=urn,
            defaults=dict(
                la=home, establishment_number=number, dfe_number=f"{home.code}/{number}",
                name=name, type_name=kind, phase=phase,
                status="Closed" if closed else "Open",
                statutory_low_age=low, statutory_high_age=high,
                street=f"{10 + n} {STREETS[n % len(STREETS)]}", locality=district,
                town="Demo City", postcode=f"{outward} {n % 9 + 1}{'ABDEFGHJ'[n % 8]}{'LNPQRSTU'[n % 8]}",
                phone=f"023 8000 {1000 + n}", open_date=date(1990 + n % 30, 9, 1),
                close_date=date(2023, 8, 31) if closed else None,
            ),
        )
    for urn, la, number, name, phase, low, high, town, postcode in [
        ("116500", hampshire, "2001", "Totton Primary School", "Primary", 4, 11, "Totton", "SO40 3AB"),
        ("116501", hampshire, "4001", "Eastleigh Academy", "Secondary", 11, 16, "Eastleigh", "SO50 4CD"),
        ("116502", portsmouth, "2001", "Southsea Primary School", "Primary", 4, 11, "Portsmouth", "PO4 0EF"),
        ("116503", portsmouth, "4001", "Portsmouth Harbour Academy", "Secondary", 11, 16, "Portsmouth", "PO1 2GH"),
    ]:
        School.objects.update_or_create(
            urn=urn,
            defaults=dict(
                la=la, establishment_number=number, dfe_number=f"{la.code}/{number}", name=name,
                type_name="Academy converter", phase=phase, status="Open",
                statutory_low_age=low, statutory_high_age=high, town=town, postcode=postcode,
            ),
        )

    for email, school_name in [
        ("school@oak-primary.test", "Oak Primary School"),
        ("school@elm-academy.test", "Elm Academy"),
    ]:
        user = User.objects.filter(email=email).first()
        school = School.objects.filter(name=school_name).first()
        if user and school:
            SchoolMembership.objects.get_or_create(user=user, school=school)
    stdout.write(f"Schools: {School.objects.count()} ({School.objects.in_home_la().count()} in {home.name}).")
