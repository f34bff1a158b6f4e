from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"

    def ready(self):
        from tracking.retention import child_erasing
        from tracking.subject_access import subject_access_sections

        from . import privacy

        child_erasing.connect(privacy.erase_records_about, dispatch_uid="referrals-erase")
        subject_access_sections.connect(privacy.subject_access, dispatch_uid="referrals-subject-access")
