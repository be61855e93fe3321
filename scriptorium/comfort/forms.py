from django import forms

from scriptorium.comfort.styles import DEFAULT, FONTS, SIZES, SPACINGS, SPEEDS, THEMES, WIDTHS, Style


class ReadingStyleForm(forms.Form):
    theme = forms.ChoiceField(label="Colours", choices=list(THEMES.items()), widget=forms.RadioSelect)
    font = forms.ChoiceField(label="Font of the story text", choices=[(k, v[0]) for k, v in FONTS.items()])
    size = forms.ChoiceField(label="Text size", choices=[(k, f"{v} ({k} %)") for k, v in SIZES.items()])
    width = forms.ChoiceField(label="Line width of the story text", choices=[(k, v[0]) for k, v in WIDTHS.items()])
    spacing = forms.ChoiceField(label="Line spacing", choices=[(k, v[0]) for k, v in SPACINGS.items()])
    speed = forms.ChoiceField(
        label="Reading speed",
        required=False,
        choices=list(SPEEDS.items()),
        help_text="Reading times on works and chapters are counted at this speed.",
    )

    @staticmethod
    def initial_for(style: Style) -> dict[str, str]:
        return {
            "theme": style.theme,
            "font": style.font,
            "size": style.size,
            "width": style.width,
            "spacing": style.spacing,
            "speed": style.speed,
        }

    def style(self) -> Style:
        data = self.cleaned_data
        return Style(**{name: data.get(name) or getattr(DEFAULT, name) for name in self.initial_for(DEFAULT)})
