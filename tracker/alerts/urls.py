from __future__ import annotations

from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("", views.alerts_home, name="home"),
    path("follow/", views.follow, name="follow"),
    path("<int:pk>/unfollow/", views.unfollow, name="unfollow"),
    path("deliveries/", views.deliveries, name="deliveries"),
    path("endpoints/add/", views.endpoint_add, name="endpoint-add"),
    path("endpoints/<int:pk>/test/", views.endpoint_test, name="endpoint-test"),
    path("endpoints/<int:pk>/enable/", views.endpoint_enable, name="endpoint-enable"),
    path("endpoints/<int:pk>/delete/", views.endpoint_delete, name="endpoint-delete"),
]
