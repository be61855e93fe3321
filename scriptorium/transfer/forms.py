"""The upload form: one story file or several (a ZIP counts as one file), a title, drafts or not, whether files
imported before are imported again, and (for archivists) whose work it is: one's own, or archived on behalf of
each file's author."""

from __future__ import annotations

from django import forms

from scriptorium.transfer.formats import ACCEPTED_EXTENSIONS, SUPPORTED
from scriptorium.transfer.inputs import upload_limits_check
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.works.models.external import EXTERNAL_NAME_MAX

_ACCEPT = ",".join(
    (
        *ACCEPTED_EXTENSIONS,
        "text/plain",
        "text/markdown",
        "text/html",
        "application/epub+zip",
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or several files; cleans to a list."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": _ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> list:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


#: Whose work an import is (``ImportForm.credit``).
OWN_WORK = "own"
ON_BEHALF = "on_behalf"


class ImportForm(forms.Form):
    file = MultipleFileField(
        label="Story files",
        help_text=f"{SUPPORTED[0].upper()}{SUPPORTED[1:]}. Choose one file or several: each story, and each story "
        "in a ZIP archive, becomes a work of its own.",
    )
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=255,
        help_text="Leave it empty to use the file's own title (plain-text dumps rarely carry one). "
        "Used only when you import a single story file.",
    )
    draft = forms.BooleanField(label="Keep them as drafts", required=False)
    allow_duplicates = forms.BooleanField(
        label="Import files I imported before",
        required=False,
        help_text="A file you have imported before (the very same file) is skipped unless this is ticked.",
    )

    credit = forms.ChoiceField(
        label="Whose work is it?",
        choices=[
            (OWN_WORK, "This is my own work (credited to my pseud)"),
            (ON_BEHALF, "Archive on behalf of the file's author (credited to them, archived by me)"),
        ],
        initial=OWN_WORK,
        widget=forms.RadioSelect,
        help_text="Archived works read “by AUTHOR [archived by you]” until their author claims them.",
    )
    author_name = forms.CharField(
        label="Author's name",
        required=False,
        max_length=EXTERNAL_NAME_MAX,
        help_text="When archiving on the author's behalf: leave it empty to use the name each file gives. Needed "
        "when a file names no author.",
    )
    author_email = forms.EmailField(
        label="Author's email (optional)",
        required=False,
        help_text="Kept so the author can be invited to claim their works; never shown.",
    )

    def __init__(self, *args: object, archivist: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.archivist = archivist
        if not archivist:  # only archivists import on behalf of others: the choice is not offered
            for name in ("credit", "author_name", "author_email"):
                del self.fields[name]

    @property
    def on_behalf(self) -> bool:
        return self.archivist and self.cleaned_data.get("credit") == ON_BEHALF

    def clean_file(self) -> list:
        uploads = self.cleaned_data["file"]
        try:
            upload_limits_check((upload.name, upload.size) for upload in uploads)
        except ImportRejected as exc:
            raise forms.ValidationError(exc.message) from exc
        return uploads
