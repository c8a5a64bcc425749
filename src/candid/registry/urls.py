from django.urls import path

from candid.registry import views

app_name = "registry"

urlpatterns = [
    path(
        "studio/records-of-processing/",
        views.records_page,
        name="records-of-processing",
    ),
    path(
        "studio/records-of-processing.csv",
        views.records_download,
        name="records-of-processing-csv",
    ),
    path("privacy/sub-processors/", views.sub_processors_page, name="sub-processors"),
]
