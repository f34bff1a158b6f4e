from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from cme.accounts import views as account_views

admin.site.site_header = "Children Missing Education – administration"
admin.site.site_title = "CME administration"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("", include("cme.accounts.urls")),
    path("", include("tracking.urls")),
    path("calendar/", include("cme.schooldays.urls")),
    path("referrals/", include("referrals.urls")),
    path("reports/", include("reports.urls")),
    path("audit/", include("cme.audit.urls")),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("accessibility/", TemplateView.as_view(template_name="accessibility.html"), name="accessibility"),
    path("admin/", admin.site.urls),
]
