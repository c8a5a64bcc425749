from django.urls import path

from candid.rights import views

app_name = "rights"
urlpatterns = [
    path("", views.public_request, name="public-request"),
    path("account/", views.account_request, name="account-request"),
    path("<uuid:request_id>/", views.request_status, name="request"),
    path("<uuid:request_id>/new-code/", views.new_code, name="new-code"),
    path("<uuid:request_id>/details/", views.data_points_check, name="data-points"),
    path("<uuid:request_id>/staff-check/", views.staff_check, name="staff-check"),
    path("export/<str:token>/", views.export_page, name="export"),
    path("export/<str:token>.json", views.export_json, name="export-json"),
]
