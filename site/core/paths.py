"""Addresses seen apart from their language: /en/extranet/ is the extranet as /extranet/ is."""

from django.utils.translation import get_language_from_path


def without_language_prefix(path):
    """'/ar/extranet/annuaire/' → '/extranet/annuaire/'; French addresses have no prefix."""
    language = get_language_from_path(path)
    prefix = f"/{language}/"
    if language and path.startswith(prefix):
        return path[len(prefix) - 1 :]
    return path
