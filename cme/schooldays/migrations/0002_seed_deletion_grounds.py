"""The grounds for deleting a pupil of compulsory school age from the admission register.

School Attendance (Pupil Registration) (England) Regulations 2024, regulation
9(1)(a) to (o), in plain English (DESIGN.md section 2, "The grounds in
detail"). An administrator may reword them in the admin site; ``kind`` is what
the code looks grounds up by and stays fixed.
"""

from django.db import migrations

REGULATIONS = "School Attendance (Pupil Registration) (England) Regulations 2024"

# letter, kind, label, description, needs LA, needs enquiries, may be missing education
GROUNDS = [
    (
        "a", "registered-elsewhere", "Registered at another school",
        "The pupil has been registered at another school. This ground does not apply where a "
        "school attendance order naming this school is in force, or where it has been agreed that "
        "the pupil should be registered at more than one school (dual registration).",
        False, False, False,
    ),
    (
        "b", "nursery-not-moving-to-reception", "Nursery pupil not moving to reception",
        "The pupil was admitted to the school's nursery, has finished nursery education and would "
        "move into reception (or a more senior class), but the school has no reasonable grounds to "
        "believe they will attend the school again.",
        False, False, False,
    ),
    (
        "c", "dual-registered-consent", "Dual registered: the other schools consent",
        "The pupil is also registered at one or more other schools, the school has no reasonable "
        "grounds to believe the pupil will attend it again, and each other school where the pupil "
        "is registered has consented to the deletion. Not where a school attendance order names "
        "this school.",
        False, False, False,
    ),
    (
        "d", "attendance-order-amended", "School attendance order amended to name another school",
        "A school attendance order that named this school has been amended by the local authority "
        "to name another school instead.",
        False, False, False,
    ),
    (
        "e", "attendance-order-revoked", "School attendance order revoked",
        "A school attendance order that named this school has been revoked by the local authority.",
        False, False, False,
    ),
    (
        "f", "home-education", "Parent's written notice of elective home education",
        "The parent has told the school in writing that the child is receiving education otherwise "
        "than at school (elective home education). Not where a school attendance order names this "
        "school. A notice that names a future date takes effect only once that date has passed.",
        False, False, False,
    ),
    (
        "g", "moved-away", "Moved and no longer reasonably able to attend",
        "The pupil no longer lives within a reasonable distance of the school. If the new address "
        "or new school is not known, the child may be missing education.",
        False, False, True,
    ),
    (
        "h", "not-returned-after-leave", "Did not return after a leave of absence",
        "The pupil has not come back within 10 school days of the end of a leave of absence, the "
        "school has no reasonable grounds to think the pupil is ill or kept away by an unavoidable "
        "cause, and the school and the local authority have jointly made reasonable enquiries and "
        "failed to find where the pupil is.",
        True, True, True,
    ),
    (
        "i", "absent-20-school-days", "Absent for 20 continuous school days",
        "The pupil has been absent for at least 20 continuous school days, every session recorded "
        "as code G, N or O (any other code breaks the run); the school has no reasonable grounds to "
        "think the pupil is ill or kept away by an unavoidable cause; and the school and the local "
        "authority have jointly made reasonable enquiries and failed to find where the pupil is. "
        "The school's request records its enquiries and the local authority's decision records the "
        "local authority's.",
        True, True, True,
    ),
    (
        "j", "detained", "Detained under a court order",
        "The pupil is detained under a sentence: a final order of a court, or an order of recall, "
        "for at least four months, and the school has no reasonable grounds to believe the pupil "
        "will return at the end of it. Check the regulation's conditions before using this ground.",
        False, False, False,
    ),
    (
        "k", "died", "Died",
        "The pupil has died.",
        False, False, False,
    ),
    (
        "l", "over-compulsory-school-age", "Ceasing to be of compulsory school age",
        "The pupil will be over compulsory school age before the school next meets and is not "
        "continuing into the school's sixth form.",
        False, False, False,
    ),
    (
        "m", "boarding-fees-unpaid", "Boarding fees unpaid",
        "The pupil boards at the school and the charges for board and lodging have not been paid. "
        "The child may have no other school place.",
        False, False, True,
    ),
    (
        "n", "left-independent-school", "Left an independent or non-maintained special school",
        "The pupil has ceased to be a pupil at this school, which is an independent school or a "
        "non-maintained special school. The child may have no other school place.",
        False, False, True,
    ),
    (
        "o", "permanently-excluded", "Permanently excluded",
        "The pupil has been permanently excluded from the school. The local authority must arrange "
        "suitable full-time education from the sixth school day of the exclusion.",
        False, False, True,
    ),
]


def load_grounds(apps, schema_editor):
    DeletionGround = apps.get_model("schooldays", "DeletionGround")
    for order, (letter, kind, label, description, needs_la, needs_enquiries, missing) in enumerate(GROUNDS, 1):
        code = f"9(1)({letter})"
        DeletionGround.objects.update_or_create(
            code=code,
            defaults=dict(
                kind=kind,
                regulation_reference=f"{REGULATIONS}, regulation {code}",
                label=label,
                description=description,
                needs_la_agreement=needs_la,
                needs_enquiries=needs_enquiries,
                may_be_missing_education=missing,
                is_active=True,
                order=order,
            ),
        )


def unload_grounds(apps, schema_editor):
    DeletionGround = apps.get_model("schooldays", "DeletionGround")
    DeletionGround.objects.filter(code__in=[f"9(1)({g[0]})" for g in GROUNDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("schooldays", "0001_calendars_and_deletion_grounds")]

    operations = [migrations.RunPython(load_grounds, unload_grounds)]
