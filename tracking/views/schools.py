from django.core.paginator import Paginator
from django.shortcuts import render

from cme.accounts.access import la_staff_required

from .. import selectors


@la_staff_required
def school_list(request):
    query = request.GET.get("q", "")[:200]
    page = Paginator(selectors.search_schools(query), 50).get_page(request.GET.get("page"))
    return render(request, "tracking/school_list.html", {"page": page, "query": query})
