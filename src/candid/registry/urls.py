from django.urls import path

from candid.registry import views
from candid.registry.breaches import views as breaches

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
    path("studio/processors/", views.processors_page, name="processors"),
    path(
        "studio/processors/<slug:recipient_key>/terms/",
        views.processor_terms_save,
        name="processor-terms",
    ),
    path("studio/breaches/", breaches.breach_list, name="breaches"),
    path("studio/breaches/<int:breach_id>/", breaches.breach_page, name="breach"),
    path(
        "studio/breaches/<int:breach_id>/notices/<int:notice_id>/",
        breaches.notice_document,
        name="breach-notice",
    ),
    path(
        "studio/breaches/<int:breach_id>/notices/<int:notice_id>/revise/",
        breaches.notice_revise,
        name="breach-notice-revise",
    ),
    path(
        "studio/breaches/<int:breach_id>/notices/<int:notice_id>/approve/",
        breaches.notice_approve,
        name="breach-notice-approve",
    ),
    path(
        "studio/breaches/<int:breach_id>/<slug:action>/",
        breaches.breach_action,
        name="breach-action",
    ),
]
