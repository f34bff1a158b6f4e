"""The administration site: the reference data an administrator looks after.

Children, cases and their timelines are not here on purpose: every change to
them goes through the services (which write the timeline) and every view
through the pages (which write the access log).
"""

from django.contrib import admin

from .models import ChecklistStep, LocalAuthority, School, SchoolMembership


@admin.register(ChecklistStep)
class ChecklistStepAdmin(admin.ModelAdmin):
    """The failed-to-track checklist is data: reword, reorder or retire steps
    without a deploy. A retired step stays on the checklists that answered it."""

    list_display = ["order", "title", "is_active"]
    list_display_links = ["title"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    ordering = ["order", "id"]

    def has_delete_permission(self, request, obj=None):
        return False  # retire it instead: past checklists refer to it


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "urn", "dfe_number", "phase", "status", "la"]
    list_filter = ["phase", "status", "la"]
    search_fields = ["name", "urn", "dfe_number", "postcode"]
    list_select_related = ["la"]


@admin.register(SchoolMembership)
class SchoolMembershipAdmin(admin.ModelAdmin):
    """Which school each school user acts for."""

    list_display = ["user", "school", "created_at"]
    search_fields = ["user__email", "school__name", "school__urn"]
    autocomplete_fields = ["user", "school"]
    list_select_related = ["user", "school"]
