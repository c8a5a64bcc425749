from django.urls import path

from candid.mail import views

app_name = "mail"
urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
