from django import forms

from scriptorium.skins.models import DESCRIPTION_MAX, TITLE_MAX, WorkSkin
from scriptorium.skins.sanitize import CSS_MAX
from scriptorium.skins.services import SkinInput


class SkinForm(forms.Form):
    title = forms.CharField(label="Title", max_length=TITLE_MAX, error_messages={"required": "A skin needs a title."})
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What it is for (shown with public skins).",
    )
    css = forms.CharField(
        label="CSS",
        required=False,
        max_length=CSS_MAX,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "class": "skin-css"}),
        help_text="Every rule applies to your work's text only: a selector such as “p” or “.chat” means “inside the "
        "work”. Colours, fonts, text, margins, padding, borders, sizes, lists, flex and grid are kept; url(), "
        "@import, @font-face, fixed or absolute positions and scripts are left out, and you are told each one.",
    )
    public = forms.BooleanField(label="Public: other creators may use this skin for their works", required=False)

    required_css_class = "required"

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(skin: WorkSkin) -> dict[str, object]:
        return {"title": skin.title, "description": skin.description, "css": skin.css, "public": skin.public}

    def skin_input(self) -> SkinInput:
        data = self.cleaned_data
        return SkinInput(
            title=data.get("title", ""),
            description=data.get("description", ""),
            css=data.get("css", ""),
            public=data.get("public", False),
        )
