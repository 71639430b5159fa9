"""The OpenAPI schema's view of each operation, with the error answers every API view can give.

drf-spectacular documents what a view answers when all goes well (and what ``@extend_schema`` adds).
The answers DRF itself gives on the way there are the same for every view, so they are added here,
where they apply, rather than repeated on each view: 401 for a wrong or unknown token (and for a
visitor asking for what needs an account), 403 when the caller may not do it, 404 for an id that
names nothing the caller may see (or a page past the end), 400 for input a serializer or service
refuses (and for a query string the server cannot take: a NUL character, too many parameters; see
``config/request_text.py``, ``config/request_limits.py``), and 429 from a rate-limited view. Each
error body is ``{"detail": "…"}``, except 400s, which name the field: ``{"<field>": ["…"]}`` (or
``{"detail": …}`` when no one field is to blame).
https://drf-spectacular.readthedocs.io/en/latest/customization.html
"""
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
READ_OPEN = (AllowAny, IsAuthenticatedOrReadOnly)  # permissions that never refuse a read


class ErrorSerializer(serializers.Serializer):
    """An error in words: ``{"detail": "…"}``."""

    detail = serializers.CharField(help_text="What went wrong, in the caller's language.")

    class Meta:
        ref_name = "Error"


ERRORS = {
    "400": OpenApiResponse(OpenApiTypes.OBJECT, description="Refused input: each field named with its problems "
                                                           "(`{\"field\": [\"…\"]}`), or `{\"detail\": \"…\"}`."),
    "401": OpenApiResponse(ErrorSerializer, description="The token is wrong or unknown, or this needs an account."),
    "403": OpenApiResponse(ErrorSerializer, description="The caller may not do this."),
    "404": OpenApiResponse(ErrorSerializer, description="No such record the caller may see (or no such page)."),
    "429": OpenApiResponse(ErrorSerializer, description="Too many requests in a short time; see Retry-After."),
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's AutoSchema, adding the error answers DRF gives for this operation (see the module)."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        """The operation as drf-spectacular describes it, with the error answers it can also give."""
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        parameters = operation.get("parameters", [])
        codes = ["401"] if self.view.get_authenticators() else []  # a view that reads no credentials refuses none
        if any(p["in"] == "query" for p in parameters) or "requestBody" in operation or self.method in UNSAFE:
            codes.append("400")
        if self.method in UNSAFE or not all(isinstance(p, READ_OPEN) for p in self.view.get_permissions()):
            codes.append("403")
        if any(p["in"] == "path" for p in parameters) or self._is_paginated():
            codes.append("404")
        if self.method in UNSAFE and self.view.get_throttles():
            codes.append("429")
        responses = operation["responses"]
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ERRORS[code], code)
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _is_paginated(self) -> bool:
        """Whether the operation answers pages (a page number past the end is a 404)."""
        return self.method == "GET" and self._is_list_view() and self._get_paginator() is not None


# For ``@extend_schema(responses=…)`` on operations whose refusals DRF cannot see (a check in the view's code).
FORBIDDEN, NOT_FOUND = ERRORS["403"], ERRORS["404"]
