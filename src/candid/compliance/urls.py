from django.urls import path

from candid.compliance import views

app_name = "compliance"

urlpatterns = [
    path("studio/compliance/", views.report_page, name="report"),
]
