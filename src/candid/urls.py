from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("mail/", include("candid.mail.urls")),
    path("account/", include("candid.accounts.urls")),
    path("privacy/requests/", include("candid.rights.urls")),
    path("privacy/changes/", include("candid.notices.urls")),
    path("", include("candid.registry.urls")),
    path("", include("candid.compliance.urls")),
    path("bookings/", include("candid.bookings.urls")),
    path("shop/", include("candid.shop.urls")),
    path("", include("candid.galleries.urls")),
    path("", include("candid.web.urls")),
]
