"""Views by who uses them: ``referral_form`` (referrers making a referral),
``referrer`` (referrers following what they sent), ``triage`` (CME officers)."""
