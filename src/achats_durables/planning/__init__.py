"""The action plan (``achats plan``): targets and actions over the base-year footprint."""
