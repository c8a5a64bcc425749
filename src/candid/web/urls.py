from django.urls import path

from candid.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy_policy, name="privacy-policy"),
    path("privacy/versions/", views.policy_versions, name="policy-versions"),
    path("privacy/cookies/", views.cookie_settings, name="cookie-settings"),
]
