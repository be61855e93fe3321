from django.conf import settings
from django.db import models

from scriptorium.comfort.styles import DEFAULT, Style


class ReadingStyle(models.Model):
    """An account's reading style (guests keep theirs in a cookie). Values are keys of ``styles.CHOICES``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="reading_style"
    )
    theme = models.CharField(max_length=16, default=DEFAULT.theme)
    font = models.CharField(max_length=16, default=DEFAULT.font)
    size = models.CharField(max_length=8, default=DEFAULT.size)
    width = models.CharField(max_length=16, default=DEFAULT.width)
    spacing = models.CharField(max_length=16, default=DEFAULT.spacing)
    speed = models.CharField(max_length=8, default=DEFAULT.speed)  # words a minute, for reading times
    updated_at = models.DateTimeField(auto_now=True)

    def as_style(self) -> Style:
        from scriptorium.comfort.styles import style_from

        return style_from(
            {
                "theme": self.theme,
                "font": self.font,
                "size": self.size,
                "width": self.width,
                "spacing": self.spacing,
                "speed": self.speed,
            },
            strict=False,
        )
