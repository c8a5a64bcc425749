from django.urls import path

from candid.notices import views

app_name = "notices"

urlpatterns = [
    path("<str:version>/", views.policy_change, name="policy-change"),
    path(
        "<str:version>/acknowledge/",
        views.policy_acknowledge,
        name="policy-acknowledge",
    ),
    path(
        "<str:version>/consent/<slug:purpose>/",
        views.policy_reconsent,
        name="policy-reconsent",
    ),
]
