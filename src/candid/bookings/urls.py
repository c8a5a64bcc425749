from django.urls import path

from candid.bookings import views

app_name = "bookings"
urlpatterns = [
    path("", views.my_bookings, name="mine"),
    path("book/", views.book, name="book"),
    path("<uuid:booking_id>/cancel/", views.cancel, name="cancel"),
]
