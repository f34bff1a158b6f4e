"""The 16 failed-to-track steps of the Southampton CME policy 2024/25
("Children we have failed to track"). They are data: administrators may
reword, reorder or retire them without a deploy."""

from django.db import migrations

STEPS = [
    ("Enquiries of last provision", "Ask the last school or setting for the last known address, contacts and any forwarding information."),
    ("Enquiries of Child Health", "Ask the child health records service whether the child is registered with a GP elsewhere."),
    ("Home visit to the last known address", "Two officers visit where the address or family is not known to us, or there are safety concerns."),
    ("Checks of the DfE Lost Pupil Database", "Search the Lost Pupil Database (via S2S) for a CTF from a new school."),
    ("Checks of attendance and education welfare records", "Check education welfare service records for involvement with the family."),
    ("Enquiries of the last known local authority", "Ask the CME contact of the last known local authority."),
    ("Enquiries of the youth offending service", "Ask the youth offending service whether the child is known to them."),
    ("Enquiries of involved agencies and services", "Ask any agency or service working with the family."),
    ("People-finder search (for example 192.com)", "Search a people-finder service for the parents' current address."),
    ("Checks of the social care system", "Check the children's social care system for involvement or a new address."),
    ("Checks of the revenues and benefits database", "Check council tax and benefits records for a current address."),
    ("Postcode checks on the education database", "Check the education database for other children at the last known postcode."),
    ("Checks of Get Information About Pupils", "Search Get Information About Pupils for a later school record."),
    ("Checks of the admissions system", "Check for an application or offer of a school place."),
    ("Enquiries of UK Visas and Immigration if there are child protection concerns", "Only where there are known child protection concerns."),
    ("Message all local authorities via the DfE Lost Pupil Database", "Send the child's details to every LA's CME contact."),
]


def add_steps(apps, schema_editor):
    ChecklistStep = apps.get_model("tracking", "ChecklistStep")
    if ChecklistStep.objects.exists():
        return
    ChecklistStep.objects.bulk_create(
        ChecklistStep(order=n * 10, title=title, guidance=guidance) for n, (title, guidance) in enumerate(STEPS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("tracking", "0002_children_and_cases")]
    operations = [migrations.RunPython(add_steps, migrations.RunPython.noop)]
