from django.urls import path

from . import views

app_name = "schooldays"

urlpatterns = [
    path("", views.term_dates, name="term_dates"),
    path("<int:school_year>/change/", views.edit_year, name="edit_year"),
    path("import/", views.import_term_dates, name="import"),
    path("term-dates.csv", views.export_term_dates, name="export"),
]
