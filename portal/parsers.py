"""The API's JSON parser with a nesting limit (issue 13).

100,000 nested `[` made the stock parser raise RecursionError, a 500. No portal input nests deeper
than a few levels (a request with its locations is three), so anything past MAX_JSON_DEPTH is
refused as a 400 with a Thai message before a serializer walks it.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

DEFAULT_MAX_DEPTH = 64


def json_depth(value) -> int:
    """Nesting depth of parsed JSON, counted without recursion (a scalar is 0, `[]` is 1)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def _too_deep(limit: int) -> ParseError:
    return ParseError(_("ข้อมูล JSON ซ้อนกันลึกเกินไป (ไม่เกิน %(n)s ชั้น)") % {"n": limit})


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = getattr(settings, "API_MAX_JSON_DEPTH", DEFAULT_MAX_DEPTH)
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise _too_deep(limit) from None
        if json_depth(data) > limit:
            raise _too_deep(limit)
        return data
