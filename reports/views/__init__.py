"""The reports pages. Returns: ``returns.py``; dashboard and drill-down: ``dashboard.py``;
the DfE collection: ``dfe.py``."""

from .dashboard import caseload_pdf, dashboard, drilldown  # noqa: F401
from .dfe import dfe_collection, dfe_collection_csv  # noqa: F401
from .returns import download, edit_commentary, generate, index, publish, return_detail  # noqa: F401
