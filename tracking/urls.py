from django.urls import path

from . import views

app_name = "tracking"

urlpatterns = [
    path("schools/", views.school_list, name="school_list"),
]
