from __future__ import annotations

from django.urls import path

from . import views

app_name = "sources"
urlpatterns = [
    path("cases/<slug:slug>/sources/", views.case_sources_page, name="case-sources"),
    path("documents/<slug:slug>/history/", views.document_history_page, name="document-history"),
    path("documents/<slug:slug>/changes.atom", views.document_changes_atom, name="document-atom"),
]
