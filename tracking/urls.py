from django.urls import path

from .views import (
    case_events, caseload, cases, child_records, children, documents, failed_to_track, notifications,
    schools, search, subject_access,
)

app_name = "tracking"

urlpatterns = [
    path("schools/", schools.school_list, name="school_list"),
    # caseloads
    path("cases/mine/", caseload.my_caseload, name="my_caseload"),
    path("cases/team/", caseload.team_caseload, name="team_caseload"),
    # a case
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/action/<slug:name>/", cases.case_transition, name="case_transition"),
    path("cases/<int:pk>/enquiry/", case_events.add_enquiry, name="case_enquiry"),
    path("cases/<int:pk>/home-visit/", case_events.add_home_visit, name="case_home_visit"),
    path("cases/<int:pk>/note/", case_events.add_note, name="case_note"),
    path("cases/<int:pk>/next-action/", case_events.set_next_action, name="case_next_action"),
    path("cases/<int:pk>/officer/", case_events.assign, name="case_assign"),
    path("cases/<int:pk>/priority/", case_events.change_priority, name="case_priority"),
    path("cases/<int:pk>/category/", case_events.change_category, name="case_category"),
    path("cases/<int:pk>/documents/add/", documents.upload_document, name="case_document_upload"),
    path("cases/<int:pk>/documents/<int:document_pk>/", documents.download_document, name="case_document"),
    # failed to track
    path("cases/<int:pk>/checklist/", failed_to_track.checklist, name="case_checklist"),
    path("cases/<int:pk>/checklist/<int:step_pk>/", failed_to_track.answer_step, name="case_checklist_step"),
    path("cases/failed-to-track/sign-off/", failed_to_track.sign_off_queue, name="sign_off_queue"),
    path("children/re-checks/", failed_to_track.recheck_tasks, name="recheck_tasks"),
    path("children/re-checks/<int:pk>/", failed_to_track.record_recheck, name="recheck_task"),
    # children
    path("children/", search.child_search, name="child_search"),
    path("children/new/", children.child_create, name="child_create"),
    path("children/<int:pk>/", children.child_detail, name="child_detail"),
    path("children/<int:pk>/open-case/", children.open_case, name="child_open_case"),
    path("children/<int:pk>/details/", child_records.edit_child, name="child_edit"),
    path("children/<int:pk>/subject-access.<str:fmt>", subject_access.export, name="child_export"),
    path("children/<int:pk>/names/add/", child_records.add_name, name="child_add_name"),
    path("children/<int:pk>/addresses/add/", child_records.add_address, name="child_add_address"),
    path("children/<int:pk>/contacts/add/", child_records.add_contact, name="child_add_contact"),
    path("children/<int:pk>/contacts/<int:contact_pk>/", child_records.edit_contact, name="child_edit_contact"),
    path("children/<int:pk>/schools/add/", child_records.add_enrolment, name="child_add_enrolment"),
    path("children/<int:pk>/risk-factors/add/", child_records.add_flag, name="child_add_flag"),
    path("children/<int:pk>/risk-factors/<int:flag_pk>/end/", child_records.end_flag, name="child_end_flag"),
    path("children/<int:pk>/siblings/add/", child_records.add_sibling, name="child_add_sibling"),
    path("children/<int:pk>/alerts/<int:alert_pk>/clear/", child_records.clear_alert, name="child_clear_alert"),
    # notifications
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/<int:pk>/read/", notifications.mark_read, name="notification_read"),
    path("notifications/read-all/", notifications.mark_all_read, name="notifications_read_all"),
]
