"""A service's refusals reach API callers as DRF answers: 400 naming the field, 403 in the service's words."""
from django.core.exceptions import PermissionDenied, ValidationError

from api.exceptions import exception_handler


def test_a_service_validation_error_is_a_400_naming_the_field():
    response = exception_handler(ValidationError({"reason": ["Say why."]}), {})
    assert response.status_code == 400 and response.data == {"reason": ["Say why."]}
    response = exception_handler(ValidationError("Not now."), {})
    assert response.status_code == 400 and response.data == {"detail": ["Not now."]}


def test_a_service_refusal_is_a_403_in_its_own_words():
    response = exception_handler(PermissionDenied("Only curators can merge subjects."), {})
    assert response.status_code == 403 and str(response.data["detail"]) == "Only curators can merge subjects."
    assert exception_handler(PermissionDenied(), {}).status_code == 403


def test_anything_else_is_left_to_django():
    assert exception_handler(ValueError("a bug"), {}) is None  # a 500, logged: never hidden as a 400
