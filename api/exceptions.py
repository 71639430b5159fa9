"""How the API answers when a service refuses: one handler for every view.

Services in ``archive/services`` raise Django's ``ValidationError`` (a dict naming the field) and
``PermissionDenied``; views call them directly, and this handler answers the first with a 400 naming
the field and the problem, the second with a 403 in the service's own words.
https://www.django-rest-framework.org/api-guide/exceptions/#custom-exception-handling
"""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ParseError, PermissionDenied, ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

from config.request_limits import LIMITS, limit_message


def exception_handler(exc, context):
    """DRF's own handler, with a service's Django ``ValidationError`` answered as a 400 like a serializer's,
    its ``PermissionDenied`` as a 403 that keeps the service's words (DRF's default drops them), and a
    request past Django's limits on parameters, files or size as a 400 naming the limit."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    elif isinstance(exc, DjangoPermissionDenied) and str(exc):
        exc = PermissionDenied(str(exc))
    elif isinstance(exc, LIMITS):  # too many parameters or files, too large a body: say which limit
        exc = ParseError(limit_message(exc))
    return drf_exception_handler(exc, context)
