from django.urls import path

from candid.galleries import (
    portfolio_views,
    print_views,
    release_views,
    share_views,
    staff_views,
    views,
)

app_name = "galleries"
urlpatterns = [
    path(
        "studio/galleries/images/<uuid:image_id>/people/",
        release_views.person_tag,
        name="person-tag",
    ),
    path(
        "studio/galleries/people/<uuid:person_id>/release/",
        release_views.release_sign,
        name="release-sign",
    ),
    path(
        "studio/galleries/images/<uuid:image_id>/portfolio/",
        release_views.portfolio_publish,
        name="portfolio-publish",
    ),
    path("account/galleries/", views.my_galleries, name="mine"),
    path("account/galleries/<uuid:gallery_id>/", views.gallery_detail, name="detail"),
    path(
        "account/galleries/images/<uuid:image_id>/prints/",
        print_views.print_order,
        name="print-order",
    ),
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
    path(
        "account/galleries/releases/<uuid:release_id>/withdraw/",
        views.release_withdraw,
        name="release-withdraw",
    ),
    path(
        "account/galleries/<uuid:gallery_id>/share/",
        share_views.share_create,
        name="share-create",
    ),
    path(
        "account/galleries/share/<uuid:link_id>/revoke/",
        share_views.share_revoke,
        name="share-revoke",
    ),
    path(
        "account/galleries/share/<uuid:link_id>/password/",
        share_views.share_password_change,
        name="share-password",
    ),
    path("share/<str:token>/", share_views.shared_gallery, name="shared"),
    path(
        "share/<str:token>/images/<uuid:image_id>/<str:kind>/",
        share_views.shared_image,
        name="shared-image",
    ),
    path("portfolio/", portfolio_views.portfolio, name="portfolio"),
    path(
        "portfolio/<uuid:entry_id>/image/",
        portfolio_views.portfolio_image,
        name="portfolio-image",
    ),
    path("studio/galleries/new/", staff_views.gallery_new, name="new"),
    path(
        "studio/galleries/<uuid:gallery_id>/upload/",
        staff_views.upload,
        name="upload",
    ),
]
