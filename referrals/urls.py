from django.urls import path

from .views import referral_form, referrer, triage

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
]
