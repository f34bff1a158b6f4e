"""The CME officer's pages. Every view is for local authority staff only:
anyone else gets a 404 (``cme.accounts.access``)."""
