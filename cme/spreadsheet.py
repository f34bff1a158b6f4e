"""Writing CSV files that people open in spreadsheet programs."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell value that a spreadsheet will show as text, never run as a formula
    (CSV injection): text starting with = + - @ gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values):
    return [safe_cell(v) for v in values]
