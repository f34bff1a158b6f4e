from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from cme.audit.models import AccessLog

from . import two_factor
from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "first_name", "last_name", "organisation"]
    actions = ["reset_two_factor"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "job_title", "phone"]}),
        ("Role", {"fields": ["role", "organisation"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]}),
    ]

    @admin.action(description="Reset two-factor authentication (they set it up again at next sign-in)")
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset(user)
            AccessLog.objects.create(
                user=request.user, action=AccessLog.Action.ACCOUNT, object_type="user", object_id=str(user.pk),
                path=request.get_full_path()[:500], detail={"change": "two-factor authentication reset"},
            )
        messages.success(request, f"Two-factor authentication reset for {queryset.count()} account(s).")
