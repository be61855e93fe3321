"""What the OpenAPI schema says of our authentication: the token scheme (an extension drf-spectacular finds) and
that reads need none (the schema class)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "scriptorium.api.authentication.BearerTokenAuthentication"
    name = "personalAccessToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token from /account/api-tokens.",
        }


class ApiSchema(AutoSchema):
    """Every read is open to guests (they see what guests see on the pages): say so, as an optional security.
    Writes and one's own lists need an account (a write token, or the session)."""

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        """A request body whose serializer refuses unknown fields says so (``additionalProperties: false``)."""
        from scriptorium.api.interaction_serializers import StrictSerializer

        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "request" and isinstance(serializer, StrictSerializer):
            schema["additionalProperties"] = False
        return schema

    def get_auth(self) -> list[dict]:
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths
