from django.urls import path

from candid.rights import views

app_name = "rights"
urlpatterns = [
    path("", views.public_request, name="public-request"),
    path("account/", views.account_request, name="account-request"),
    path("<uuid:request_id>/", views.request_status, name="request"),
    path("export/<str:token>/", views.export_page, name="export"),
    path("export/<str:token>.json", views.export_json, name="export-json"),
]
