from __future__ import annotations

from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk/", views.bulk, name="bulk"),
    path("<str:kind>/<int:pk>/review/", views.review_item, name="review"),
    path("link/<int:pk>/retarget/", views.retarget, name="retarget"),
    path("articles/<int:pk>/tag/", views.tag, name="tag"),
    path("history/<str:kind>/<int:pk>/", views.history, name="history"),
]
