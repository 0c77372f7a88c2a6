"""The landing page: what newsapi is, what it holds, and where to go next."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from articles import selectors


def home(request):
    context = {
        "counts": selectors.corpus_counts(),
        "latest": selectors.article_list().order_by("-created_at", "-id")[:10],
    }
    return render(request, "articles/home.html", context)


def healthz(request):
    """For load balancers: 200 when the database answers, else 503 (through the database middleware)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "database": "ok"})
