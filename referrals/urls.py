from django.urls import path

from .views import admissions, referral_form, referrer, removals, school_portal, triage

app_name = "referrals"

urlpatterns = [
    # Making a referral (school staff and partner professionals).
    path("new/", referral_form.start, name="start"),
    path("new/<int:pk>/children/", referral_form.children, name="children"),
    path("new/<int:pk>/children/add/", referral_form.child_add, name="child_add"),
    path("new/<int:pk>/children/<int:child_pk>/", referral_form.child_edit, name="child_edit"),
    path("new/<int:pk>/children/<int:child_pk>/remove/", referral_form.child_remove, name="child_remove"),
    path("new/<int:pk>/check/", referral_form.check, name="check"),
    path("new/<int:pk>/delete/", referral_form.delete_draft, name="delete_draft"),
    path("new/<int:pk>/sent/", referral_form.sent, name="sent"),
    path("new/<int:pk>/<slug:slug>/", referral_form.question, name="step"),
    # Following what was sent.
    path("mine/", referrer.my_referrals, name="my_referrals"),
    path("mine/<int:pk>/", referrer.my_referral, name="my_referral"),
    # Triage (CME officers).
    path("triage/", triage.triage_queue, name="triage_queue"),
    path("triage/<int:pk>/", triage.referral_detail, name="referral_detail"),
    path("triage/<int:pk>/children/<int:child_pk>/match/", triage.match_child, name="match_child"),
    path("triage/<int:pk>/children/<int:child_pk>/create-record/", triage.create_child, name="create_child"),
    path("triage/<int:pk>/children/<int:child_pk>/undo-match/", triage.unmatch_child, name="unmatch_child"),
    path("triage/<int:pk>/accept/", triage.accept, name="accept"),
    path("triage/<int:pk>/ask-for-information/", triage.request_info, name="request_info"),
    path("triage/<int:pk>/not-cme/", triage.not_cme, name="not_cme"),
    path("triage/<int:pk>/duplicate/", triage.duplicate, name="duplicate"),
    path("triage/<int:pk>/message/", triage.message_referrer, name="message_referrer"),
    # The school portal (school staff).
    path("school/", school_portal.school_dashboard, name="school_dashboard"),
    path("school/missing-pupil/", school_portal.missing_pupil, name="missing_pupil"),
    path("school/missing-pupil/<int:pk>/next-steps/", school_portal.missing_pupil_next_steps,
         name="missing_pupil_next_steps"),
    # Removal from roll: the school's request, the CME officer's decision.
    path("removals/", removals.removal_queue, name="removal_queue"),
    path("removals/new/", removals.removal_start, name="removal_start"),
    path("removals/new/<int:pk>/", removals.removal_edit, name="removal_edit"),
    path("removals/new/<int:pk>/delete/", removals.removal_delete, name="removal_delete"),
    path("removals/<int:pk>/", removals.removal_detail, name="removal_detail"),
    path("removals/<int:pk>/agree/", removals.removal_agree, name="removal_agree"),
    path("removals/<int:pk>/not-lawful/", removals.removal_not_lawful, name="removal_not_lawful"),
    path("removals/<int:pk>/ask-the-school/", removals.removal_ask, name="removal_ask"),
    path("removals/<int:pk>/answer/", removals.removal_answer, name="removal_answer"),
    # New-pupil notices: the school's, and matches for the CME officer.
    path("new-pupils/new/", admissions.admission_start, name="admission_start"),
    path("new-pupils/new/<int:pk>/", admissions.admission_edit, name="admission_edit"),
    path("new-pupils/new/<int:pk>/delete/", admissions.admission_delete, name="admission_delete"),
    path("new-pupils/upload/", admissions.admission_upload, name="admission_upload"),
    path("new-pupils/<int:pk>/", admissions.admission_detail, name="admission_detail"),
    path("new-pupils/matches/", admissions.admission_matches, name="admission_matches"),
    path("new-pupils/matches/<int:pk>/confirm/", admissions.admission_match_confirm, name="admission_match_confirm"),
    path("new-pupils/matches/<int:pk>/reject/", admissions.admission_match_reject, name="admission_match_reject"),
]
