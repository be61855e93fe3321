from django.conf import settings
from django.db import models
from django.urls import reverse

#: The longest title and description of a skin.
TITLE_MAX = 100
DESCRIPTION_MAX = 2000


class WorkSkin(models.Model):
    """A creator's stylesheet for their works (AO3's work skins). Written only through ``skins.services``: ``css``
    is what the creator typed (shown back in the form), ``css_sanitized`` what readers' browsers get (scoped under
    ``#workskin``, ``sanitize.py``), ``fingerprint`` the kept CSS's hash (the stylesheet's address carries it)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_skins")
    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(blank=True)  # plain text
    css = models.TextField(blank=True)
    css_sanitized = models.TextField(blank=True)
    fingerprint = models.CharField(max_length=16)
    #: Public: any creator may choose it for their works (private: its owner only).
    public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "title"], name="workskin_owner_title_unique")]

    def __str__(self) -> str:
        return self.title

    def stylesheet_url(self) -> str:
        return f"{reverse('skins:css', kwargs={'skin_id': self.pk})}?v={self.fingerprint}"


class SkinPreference(models.Model):
    """An account that hides creators' styles on every work (a guest's choice is a cookie): the row is the choice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="skin_preference"
    )
    created_at = models.DateTimeField(auto_now_add=True)
