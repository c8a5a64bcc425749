from django.urls import path

from candid.galleries import views

app_name = "galleries"
urlpatterns = [
    path("account/galleries/", views.my_galleries, name="mine"),
    path("account/galleries/<uuid:gallery_id>/", views.gallery_detail, name="detail"),
    path(
        "account/galleries/images/<uuid:image_id>/<str:kind>/",
        views.client_image,
        name="image",
    ),
    path(
        "studio/galleries/images/<uuid:image_id>/<str:kind>/",
        views.staff_image,
        name="staff-image",
    ),
]
