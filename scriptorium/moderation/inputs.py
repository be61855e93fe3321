"""What a report carries, checked the same way for the web form and any other caller."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from scriptorium.moderation.models import Category
from scriptorium.moderation.models.report import DESCRIPTION_MAX, LINK_MAX


@dataclass
class ReportInput:
    category: str = ""
    description: str = ""
    link: str = ""
    email: str = ""
    wants_outcome: bool = False

    def validate(self, *, guest: bool) -> None:
        """Raise a ``ValidationError`` naming each bad field; nothing is saved until every field is right."""
        errors: dict[str, list[str]] = {}
        if not self.category:
            errors["category"] = ["Choose what kind of problem this is."]
        elif self.category not in Category.values:
            errors["category"] = ["That is not one of the report categories."]
        if len(self.description) > DESCRIPTION_MAX:
            errors["description"] = [f"Keep the description under {DESCRIPTION_MAX:,} characters."]
        if len(self.link) > LINK_MAX:
            errors["link"] = [f"The link can be at most {LINK_MAX} characters."]
        if guest:
            email = self.email.strip()
            if not email:
                errors["email"] = ["Give an email address, so the moderators can reach you."]
            else:
                try:
                    validate_email(email)
                except ValidationError:
                    errors["email"] = ["Enter a valid email address."]
        if errors:
            raise ValidationError(errors)
