"""Alerts pages: what I follow, follow/unfollow, webhook endpoints, the delivery log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tracker.cases.models import Case

from . import selectors, services
from .forms import EndpointForm, FollowForm
from .models import Delivery, Endpoint, Subscription


@require_safe
@login_required
def alerts_home(request: HttpRequest) -> HttpResponse:
    return _home(request)


def _home(request: HttpRequest, *, new_endpoint: Endpoint | None = None) -> HttpResponse:
    home = selectors.alerts_home(user=request.user)
    context = {
        "subscriptions": home.subscriptions,
        "endpoints": home.endpoints,
        "deliveries": home.deliveries,
        "failed_count": home.failed_count,
        "endpoint_form": EndpointForm(),
        "new_endpoint": new_endpoint,
    }
    response = render(request, "alerts/home.html", context)
    if new_endpoint is not None:
        response["Cache-Control"] = "no-store"  # the page shows the signing secret, once
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def follow(request: HttpRequest) -> HttpResponse:
    """GET ?case=<slug>[&target_type=party&target_id=<id>]: the form; POST: follow."""
    slug = request.POST.get("case") or request.GET.get("case")
    case = selectors.case_by_slug(slug)
    if case is None:
        cases = selectors.cases_to_follow()
        return render(request, "alerts/follow.html", {"form": None, "cases": cases})
    form = FollowForm(
        request.POST or None, user=request.user, case=case, initial=_follow_initial(request, case)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("address"):
                services.user_email_set(user=request.user, email=data["address"])
            services.subscription_create(
                user=request.user,
                case=case,
                target_type=form.target_type,
                target=form.target,
                on_events=data["on_events"],
                on_evidence=data["on_evidence"],
                on_positions=data["on_positions"],
                event_kinds=data["event_kinds"],
                frequency=data["frequency"],
                email=data["email"],
                endpoint=data["endpoint"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            where = [f"by e-mail to {request.user.email}"] if data["email"] else []
            where += [f"to the webhook {data['endpoint'].url}"] if data["endpoint"] else []
            messages.success(request, f"You now follow it: alerts go {' and '.join(where)}.")
            return redirect("alerts:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "alerts/follow.html", {"form": form, "case": case}, status=status)


def _follow_initial(request: HttpRequest, case: Case) -> dict:
    initial: dict = {"case": case.slug}
    kind, target_id = request.GET.get("target_type"), request.GET.get("target_id", "")
    if kind in Subscription.Target.values and kind != "case" and target_id.isdigit():
        initial["target"] = f"{kind}:{int(target_id)}"
    return initial


@require_POST
@login_required
def unfollow(request: HttpRequest, pk: int) -> HttpResponse:
    if services.subscription_delete(user=request.user, subscription_id=pk):
        messages.success(request, "You no longer follow it.")
    return redirect("alerts:home")


@require_safe
@login_required
def deliveries(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status")
    rows = selectors.deliveries_of(user=request.user, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "alerts/deliveries.html", {"page": page, "status": status})


@require_POST
@login_required
def endpoint_add(request: HttpRequest) -> HttpResponse:
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            endpoint = services.endpoint_create(user=request.user, url=form.cleaned_data["url"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            # Shown in this response only: never in the messages cookie, never on the page again.
            return _home(request, new_endpoint=endpoint)
    else:
        messages.error(request, "Enter a valid https URL.")
    return redirect("alerts:home")


@require_POST
@login_required
def endpoint_test(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = get_object_or_404(selectors.endpoints_of(user=request.user), pk=pk)
    delivery = services.endpoint_test(endpoint=endpoint)
    if delivery.status == Delivery.Status.SENT:
        messages.success(request, f"Test delivered (HTTP {delivery.response_code}).")
    else:
        messages.error(request, f"Test failed: {delivery.error}")
    return redirect("alerts:home")


@require_POST
@login_required
def endpoint_enable(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = get_object_or_404(selectors.endpoints_of(user=request.user), pk=pk)
    services.endpoint_enable(endpoint=endpoint)
    messages.success(request, "Webhook enabled again.")
    return redirect("alerts:home")


@require_POST
@login_required
def endpoint_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.endpoint_delete(user=request.user, endpoint_id=pk)
    return redirect("alerts:home")
