from django.urls import path

from candid.shop import views

app_name = "shop"
urlpatterns = [
    path("", views.product_list, name="products"),
    path("p/<slug:slug>/", views.product_detail, name="product"),
    path("p/<slug:slug>/checkout/", views.checkout, name="checkout"),
    path("orders/", views.my_orders, name="orders"),
    path("orders/<uuid:order_id>/", views.order_detail, name="order"),
    path("orders/<uuid:order_id>/paid/", views.order_return, name="order-return"),
    path(
        "orders/<uuid:order_id>/files/<uuid:file_id>/link/",
        views.order_link,
        name="order-link",
    ),
    path("orders/<uuid:order_id>/waiver/", views.order_waiver, name="order-waiver"),
    path("orders/<uuid:order_id>/refund/", views.order_refund, name="order-refund"),
    path("orders/<uuid:order_id>/claim/", views.order_claim, name="order-claim"),
    path("download/<str:token>/", views.download, name="download"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("bookings/<uuid:booking_id>/pay/", views.booking_pay, name="booking-pay"),
    path(
        "bookings/<uuid:booking_id>/paid/", views.booking_return, name="booking-return"
    ),
]
