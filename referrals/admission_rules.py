"""What a new-pupil notice must say, for the form, the CSV upload and the workflow.

Pupil Registration Regulations 2024, reg. 13: the school tells the LA of
every new pupil (name, date of birth, the date they were added to the
register) by the end of the fifth calendar day after adding them
(``cme.schooldays.deadlines.new_pupil_notice_due``).
"""

from dataclasses import dataclass

from django.db.models import Q

from .models import AdmissionNotice, AdmissionStatus


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def already_sent(notice):
    """The notice already sent for the same pupil's admission to the same school, if any."""
    if not (notice.school_id and notice.date_of_birth and notice.admitted_on):
        return None
    same = Q(first_name__iexact=notice.first_name.strip(), last_name__iexact=notice.last_name.strip(),
             date_of_birth=notice.date_of_birth)
    if notice.upn:
        same |= Q(upn=notice.upn)
    return (
        AdmissionNotice.objects.filter(same, school_id=notice.school_id, admitted_on=notice.admitted_on,
                                       status=AdmissionStatus.SENT)
        .exclude(pk=notice.pk).first()
    )


def notice_problems(notice, today, *, check_sent=True):
    problems = []
    if not notice.first_name.strip():
        problems.append(Problem("first_name", "Enter the pupil’s first name"))
    if not notice.last_name.strip():
        problems.append(Problem("last_name", "Enter the pupil’s last name"))
    if not notice.date_of_birth:
        problems.append(Problem("date_of_birth", "Enter the pupil’s date of birth"))
    elif notice.date_of_birth > today:
        problems.append(Problem("date_of_birth", "Date of birth must be in the past"))
    if not notice.admitted_on:
        problems.append(Problem("admitted_on", "Enter the date the pupil was added to your admission register"))
    elif notice.admitted_on > today:
        problems.append(Problem("admitted_on", "The date the pupil was added to the register must be today or in the past"))
    elif notice.date_of_birth and notice.admitted_on < notice.date_of_birth:
        problems.append(Problem("admitted_on", "The date the pupil was added to the register must be after their date of birth"))
    if check_sent and not problems:
        earlier = already_sent(notice)
        if earlier:
            problems.append(Problem(
                "first_name",
                f"You told us about {earlier.pupil_name} joining on {earlier.admitted_on:%-d %B %Y} already "
                f"({earlier.reference}, sent {earlier.sent_at:%-d %B %Y})",
            ))
    return problems
