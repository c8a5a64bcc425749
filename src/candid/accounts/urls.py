from django.urls import path

from candid.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile_page, name="profile"),
    path("sign-up/", views.sign_up, name="sign-up"),
    path(
        "sign-up/confirm/<str:uidb64>/<str:token>/",
        views.sign_up_confirm,
        name="sign-up-confirm",
    ),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("password/", views.password_page, name="password"),
    path("password/reset/", views.password_reset, name="password-reset"),
    path(
        "password/reset/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("addresses/", views.addresses_page, name="addresses"),
    path("addresses/<uuid:address_id>/", views.address_edit, name="address-edit"),
    path(
        "addresses/<uuid:address_id>/delete/",
        views.address_delete,
        name="address-delete",
    ),
    path(
        "addresses/<uuid:address_id>/default/",
        views.address_default,
        name="address-default",
    ),
    path("sessions/", views.sessions_page, name="sessions"),
    path(
        "sessions/<uuid:session_id>/sign-out/",
        views.session_sign_out,
        name="session-sign-out",
    ),
    path(
        "sessions/sign-out-others/",
        views.sessions_sign_out_others,
        name="sessions-sign-out-others",
    ),
    path("privacy/", views.privacy_centre, name="privacy"),
    path("privacy/consents/", views.consent_toggle, name="consent"),
    path("confirm/<str:token>/", views.opt_in_confirm, name="opt-in"),
]
