"""Administration of calendars (mainly schools' own dates) and the deletion grounds.

The LA's term dates are best changed on the Term dates page; here an
administrator can also set up a school's own calendar. The inline formsets
apply the same rules as the services: each term inside its school year and
in order, no overlaps, and no gap between school years.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from .age import school_year_label
from .calendar import SchoolCalendar
from .calendar import Term as CalendarTerm
from .models import Calendar, ClosureDay, DeletionGround, Term, term_problems


class TermInlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        terms = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors:
                continue
            if data.get("school_year") and data.get("start") and data.get("end"):
                terms.append((data["school_year"], data.get("name", ""), data["start"], data["end"]))
        problems = []
        for school_year in sorted({t[0] for t in terms}):
            year_terms = [(name, start, end) for year, name, start, end in terms if year == school_year]
            problems += [
                f"{school_year_label(school_year)}: {p.message}" for p in term_problems(school_year, year_terms)
            ]
        if problems:
            raise ValidationError(problems)
        own = [CalendarTerm(start, end, name) for _, name, start, end in terms]
        if not self.instance.school_urn:
            candidates = own
        else:
            own_years = {t.school_year for t in own}
            la_terms = Term.objects.filter(calendar__school_urn="").exclude(school_year__in=own_years)
            candidates = own + [CalendarTerm(t.start, t.end, t.name) for t in la_terms]
        try:
            SchoolCalendar(candidates)
        except ValueError as error:
            raise ValidationError(str(error)) from error


class TermInline(admin.TabularInline):
    model = Term
    formset = TermInlineFormSet
    extra = 0
    fields = ["school_year", "name", "start", "end"]
    ordering = ["start"]


class ClosureDayInline(admin.TabularInline):
    model = ClosureDay
    extra = 0
    fields = ["date", "reason"]
    ordering = ["date"]


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
    list_display = ["__str__", "school_urn", "updated_at", "updated_by"]
    search_fields = ["school_urn", "name"]
    fields = ["school_urn", "name", "updated_at", "updated_by"]
    inlines = [TermInline, ClosureDayInline]

    def get_readonly_fields(self, request, obj=None):
        # Whose calendar it is never changes: the LA's stays the LA's.
        return ["school_urn", "updated_at", "updated_by"] if obj else ["updated_at", "updated_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("updated_by")

    def has_delete_permission(self, request, obj=None):
        # The LA's calendar is never deleted; a school's may be (it then follows the LA).
        return super().has_delete_permission(request, obj) and not (obj and obj.is_la_calendar)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    """Read-only list of every term, to search; change them on their calendar."""

    list_display = ["name", "school_year", "start", "end", "calendar"]
    list_filter = ["school_year", "name"]
    search_fields = ["calendar__school_urn", "calendar__name"]
    list_select_related = ["calendar"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    """Read-only list of every closure day, to search; change them on their calendar."""

    list_display = ["date", "reason", "calendar"]
    date_hierarchy = "date"
    search_fields = ["reason", "calendar__school_urn", "calendar__name"]
    list_select_related = ["calendar"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeletionGround)
class DeletionGroundAdmin(admin.ModelAdmin):
    list_display = [
        "code", "label", "needs_la_agreement", "needs_enquiries", "may_be_missing_education", "is_active", "order",
    ]
    list_filter = ["is_active", "may_be_missing_education", "needs_la_agreement"]
    search_fields = ["code", "label", "description"]
    fields = [
        "code", "kind", "regulation_reference", "label", "description",
        "needs_la_agreement", "needs_enquiries", "may_be_missing_education", "is_active", "order",
    ]

    def get_readonly_fields(self, request, obj=None):
        # Code finds grounds by kind (e.g. the 20-school-day ground): fixed once made.
        return ["kind"] if obj else []

    def has_delete_permission(self, request, obj=None):
        # Switch a ground off instead: past requests must keep the ground they used.
        return False
