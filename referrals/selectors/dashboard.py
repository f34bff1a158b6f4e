"""The school dashboard: what a school has sent, and what the LA needs from it.

A fixed number of queries however much the school has sent: each list is
one query (capped), each "needs your attention" list one more.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import reverse

from ..models import (
    AdmissionNotice, AdmissionStatus, Referral, ReferralChild, ReferralStatus, RemovalFromRollRequest,
    RemovalMessage, RemovalStatus,
)

#: How many of each kind of submission the dashboard lists (newest first).
RECENT = 20


@dataclass(frozen=True)
class Task:
    """Something the school must do: a question to answer, a draft to finish."""

    text: str
    url: str
    link_text: str
    due: date | None = None
    overdue: bool = False
    question: str = ""  # the CME team's question, answered in the banner (``answer_url``)
    answer_url: str = ""
    reference: str = ""


@dataclass
class Dashboard:
    tasks: list = field(default_factory=list)
    removals: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    referrals: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def overdue(self):
        return [task for task in self.tasks if task.overdue]


def _children():
    return Prefetch("children", queryset=ReferralChild.objects.select_related("case"))


def _names(referral):
    return ", ".join(child.full_name for child in referral.children.all()) or "no children named yet"


def _tasks(user, today):
    tasks = []
    referrals = Referral.objects.visible_to(user).select_related("school").prefetch_related(_children())
    for referral in referrals.filter(status=ReferralStatus.INFO_REQUESTED).order_by("submitted_at"):
        tasks.append(Task(f"We have asked a question about referral {referral.reference} ({_names(referral)})",
                          reverse("referrals:my_referral", args=[referral.pk]), "Answer our question", overdue=True))
    for referral in referrals.filter(status=ReferralStatus.DRAFT).order_by("created_at"):
        tasks.append(Task(f"Your referral about {_names(referral)} has not been sent",
                          reverse("referrals:check", args=[referral.pk]), "Finish and send the referral"))
    removals = RemovalFromRollRequest.objects.visible_to(user).select_related("school")
    latest_question = (RemovalMessage.objects.filter(request=OuterRef("pk"), from_la=True)
                       .order_by("-sent_at", "-id").values("text")[:1])
    asked = removals.filter(status=RemovalStatus.INFO_REQUESTED).annotate(question=Subquery(latest_question))
    for removal in asked.order_by("submitted_at", "pk"):
        tasks.append(Task(
            f"We have asked a question about your request {removal.reference} to remove {removal.pupil_name} "
            "from roll", reverse("referrals:removal_detail", args=[removal.pk]), "See the request", overdue=True,
            question=removal.question or "", answer_url=reverse("referrals:removal_answer", args=[removal.pk]),
            reference=removal.reference,
        ))
    for removal in removals.filter(status=RemovalStatus.DRAFT).order_by("created_at"):
        tasks.append(Task(f"Your request to remove {removal.pupil_name} from roll has not been sent",
                          reverse("referrals:removal_edit", args=[removal.pk]), "Finish and send the request"))
    notices = AdmissionNotice.objects.visible_to(user).select_related("school")
    for notice in notices.filter(status=AdmissionStatus.DRAFT).order_by("admitted_on", "pk"):
        due = notice.due_on
        tasks.append(Task(f"Your new pupil notice about {notice.pupil_name} has not been sent",
                          reverse("referrals:admission_edit", args=[notice.pk]), "Finish and send the notice",
                          due=due, overdue=bool(due and due < today)))
    return sorted(tasks, key=lambda t: (not t.overdue, t.due or date.max))


def school_dashboard(user, today):
    """The school user's dashboard for all the schools they work at."""
    removals = (RemovalFromRollRequest.objects.visible_to(user).exclude(status=RemovalStatus.DRAFT)
                .select_related("school", "ground", "destination_school__la").order_by("-submitted_at", "-pk"))
    notices = (AdmissionNotice.objects.visible_to(user).filter(status=AdmissionStatus.SENT)
               .select_related("school").order_by("-sent_at", "-pk"))
    referrals = (Referral.objects.visible_to(user).exclude(status=ReferralStatus.DRAFT)
                 .select_related("school").prefetch_related(_children()).order_by("-submitted_at", "-pk"))
    return Dashboard(
        tasks=_tasks(user, today),
        removals=list(removals[:RECENT]),
        notices=list(notices[:RECENT]),
        referrals=list(referrals[:RECENT]),
        counts={"removals": removals.count(), "notices": notices.count(), "referrals": referrals.count()},
    )
