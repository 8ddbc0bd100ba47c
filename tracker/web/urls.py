from __future__ import annotations

from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("cases/<slug:slug>/", views.case_detail, name="case"),
    path("cases/<slug:slug>/positions/", views.case_positions, name="positions"),
    path("cases/<slug:slug>/claims/<slug:claim>/", views.claim_detail, name="claim"),
    path("cases/<slug:slug>/issues/<slug:issue>/", views.issue_detail, name="issue"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("parties/<slug:slug>/", views.party_detail, name="party"),
    path("issues/<slug:slug>/", views.issue_across, name="issue-across"),
    path("documents/<slug:document>/clauses/<slug:ref>/", views.clause_detail, name="clause"),
    path("clauses/<int:pk>/in-force/", views.clause_in_force, name="clause-in-force"),
]
