"""The term-dates forms: one school year's six half terms and its closure days, and the CSV upload."""

from __future__ import annotations

from datetime import date

from crispy_forms_gds.layout import HTML, Field, Layout
from django import forms
from django.utils.html import format_html

from cme.forms import DateField, GovukForm

from .age import school_year_label
from .imports import MAX_BYTES
from .models import HALF_TERMS, school_year_bounds, school_year_text, term_problems

LEGEND_SMALL = {"legend_size": "govuk-fieldset__legend--s"}


class _DateField(DateField):
    """``cme.forms.DateField``, also refusing numbers too big for a date (Python raises OverflowError)."""

    def clean(self, value):
        try:
            return super().clean(value)
        except OverflowError:
            noun = self.noun[0].upper() + self.noun[1:]
            raise forms.ValidationError(f"{noun} must be a real date", code="invalid") from None


class _PageForm(GovukForm):
    """A form rendered inside a page's own <form>, which carries the CSRF token once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True


def _slug(name: str) -> str:
    return name.lower().replace(" ", "_")


def _label(visible: str, hidden: str) -> str:
    """A label whose extra words are for screen readers: "First day" + " of Autumn 1"."""
    return format_html('{}<span class="govuk-visually-hidden"> {}</span>', visible, hidden)


class SchoolYearTermsForm(_PageForm):
    """The first and last day of each of the six half terms of one school year."""

    def __init__(self, *args, school_year: int, terms=(), **kwargs):
        self.school_year = school_year
        initial = kwargs.pop("initial", None) or self._initial(terms)
        super().__init__(*args, initial=initial, **kwargs)
        layout = []
        for name in HALF_TERMS:
            slug = _slug(name)
            self.fields[f"{slug}_start"] = _DateField(noun=f"first day of {name}", label=_label("First day", f"of {name}"))
            self.fields[f"{slug}_end"] = _DateField(noun=f"last day of {name}", label=_label("Last day", f"of {name}"))
            layout += [
                HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', name)),
                Field(f"{slug}_start", context=LEGEND_SMALL),
                Field(f"{slug}_end", context=LEGEND_SMALL),
            ]
        self.helper.layout = Layout(*layout)

    @staticmethod
    def _initial(terms) -> dict[str, date]:
        """Saved terms into the fields: by name, or in date order if six terms have other names."""
        terms = sorted(terms, key=lambda t: t.start)
        by_name = {t.name: t for t in terms}
        if not any(name in by_name for name in HALF_TERMS) and len(terms) == len(HALF_TERMS):
            by_name = dict(zip(HALF_TERMS, terms))
        initial = {}
        for name in HALF_TERMS:
            if term := by_name.get(name):
                initial[f"{_slug(name)}_start"] = term.start
                initial[f"{_slug(name)}_end"] = term.end
        return initial

    def clean(self):
        data = super().clean()
        entered = []
        for name in HALF_TERMS:
            start, end = data.get(f"{_slug(name)}_start"), data.get(f"{_slug(name)}_end")
            if start and end:
                entered.append((name, start, end))
        for problem in term_problems(self.school_year, entered):
            name = entered[problem.index][0]
            field = f"{_slug(name)}_{problem.field}"
            if field not in self.errors:
                self.add_error(field, problem.message)
        return data

    def terms(self) -> list[tuple[str, date, date]]:
        return [
            (name, self.cleaned_data[f"{_slug(name)}_start"], self.cleaned_data[f"{_slug(name)}_end"])
            for name in HALF_TERMS
        ]


class ClosureDayForm(_PageForm):
    """One closure day: its date, why the schools are closed, and a box to remove it."""

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number
        self.fields["date"] = _DateField(
            noun=f"date of closure day {number}", label=_label("Date", f"of closure day {number}")
        )
        self.fields["reason"] = forms.CharField(
            label=_label("Reason", f"for closure day {number}"),
            help_text="For example, INSET day",
            max_length=200,
            error_messages={
                "required": f"Enter the reason for closure day {number}, for example INSET day",
                "max_length": f"The reason for closure day {number} must be 200 characters or fewer",
            },
        )
        layout = [Field("date", context=LEGEND_SMALL), Field.text("reason", field_width=20)]
        if "DELETE" in self.fields:
            self.fields["DELETE"].label = _label("Remove this closure day", f"(closure day {number})")
            layout.append(Field.checkbox("DELETE", small=True))
        self.helper.layout = Layout(*layout)


class BaseClosureDayFormSet(forms.BaseFormSet):
    """Closure days of one school year: in the year, on a weekday in term time, none twice.

    ``terms`` (set before validating) are the year's terms as entered; when
    they are not valid yet, only the school-year rule is checked.
    """

    def __init__(self, *args, school_year: int, **kwargs):
        self.school_year = school_year
        self.terms: list[tuple[str, date, date]] | None = None
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "number": index + 1}

    def clean(self):
        first, last = school_year_bounds(self.school_year)
        seen: dict[date, int] = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            day = form.cleaned_data.get("date")
            if day is None:
                continue
            noun = f"The date of closure day {form.number}"
            if not first <= day <= last:
                form.add_error("date", f"{noun} must be in the {school_year_text(self.school_year)} school year")
            elif self.terms is not None and (
                day.weekday() >= 5 or not any(start <= day <= end for _, start, end in self.terms)
            ):
                form.add_error("date", f"{noun} must be a weekday in one of the terms above")
            elif day in seen:
                form.add_error("date", f"{noun} is the same as closure day {seen[day]}")
            else:
                seen[day] = form.number

    def closures(self) -> list[tuple[date, str]]:
        return [
            (form.cleaned_data["date"], form.cleaned_data["reason"])
            for form in self.forms
            if not self._should_delete_form(form) and form.cleaned_data.get("date")
        ]


ClosureDayFormSet = forms.formset_factory(
    ClosureDayForm,
    formset=BaseClosureDayFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=60,
    absolute_max=100,
    validate_max=True,
)


class SchoolYearDates:
    """The whole term-dates page for one school year: the terms form and the closure days formset."""

    def __init__(self, school_year: int, data=None, terms=(), closures=()):
        self.school_year = school_year
        self.label = school_year_label(school_year)
        self.terms_form = SchoolYearTermsForm(data, school_year=school_year, terms=terms)
        self.closures_formset = ClosureDayFormSet(
            data,
            prefix="closures",
            school_year=school_year,
            initial=[{"date": c.date, "reason": c.reason} for c in closures],
        )

    @property
    def forms_list(self):
        return [self.terms_form, self.closures_formset]

    def is_valid(self) -> bool:
        terms_valid = self.terms_form.is_valid()
        self.closures_formset.terms = self.terms_form.terms() if terms_valid else None
        closures_valid = self.closures_formset.is_valid()
        return terms_valid and closures_valid

    def add_error(self, error) -> None:
        """A problem found when saving (e.g. a gap between school years) goes at the top of the form."""
        self.terms_form.add_error(None, error)

    @property
    def has_errors(self) -> bool:
        return bool(self.terms_form.errors or self.closures_formset.total_error_count())


class TermDatesUploadForm(_PageForm):
    file = forms.FileField(
        label="Upload a CSV file",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text="Columns school_year, name, start and end. Dates like 02/09/2025 or 2025-09-02.",
        error_messages={
            "required": "Select a CSV file of term dates",
            "empty": "The selected file is empty",
            "invalid": "The selected file must be a CSV file",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 1 MB")
        return upload
