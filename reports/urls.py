from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("generate/", views.generate, name="generate"),
    path("returns/<int:pk>/", views.return_detail, name="return_detail"),
    path("returns/<int:pk>/commentary/", views.edit_commentary, name="edit_commentary"),
    path("returns/<int:pk>/publish/", views.publish, name="publish"),
    path("returns/<int:pk>/download/<str:fmt>/", views.download, name="download"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/figures/<str:key>/", views.drilldown, name="drilldown"),
    path("caseload.pdf", views.caseload_pdf, name="caseload_pdf"),
    path("dfe-collection/", views.dfe_collection, name="dfe_collection"),
    path("dfe-collection/figures.csv", views.dfe_collection_csv, name="dfe_collection_csv"),
]
