"""Imports credit the right person (issue 15): one's own work to one's pseud (the default), or, for archivists,
a work archived on behalf of the file's author (an external creator, "by NAME [archived by ARCHIVIST]"). The
author names a file gives are kept on its import record either way; a file archived on its author's behalf
without any name is refused and leaves nothing behind. The web page, the background jobs and the CLI alike."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from scriptorium.accounts.archivists import archivists_group, is_archivist
from scriptorium.transfer.models import ImportedFile, ImportJob, ImportJobFile
from scriptorium.transfer.parsed import ImportRejected
from scriptorium.transfer.services import work_import
from scriptorium.transfer.services.jobs import import_job_run
from scriptorium.works.bylines import byline_of
from scriptorium.works.models import ExternalCreator, Work
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

#: Our own look-alikes: a Markdown file whose front matter names its author, and a plain text one naming no one.
NAMED = (
    b"---\ntitle: The Lantern Field\nauthor: Marigold Vance\n---\n\n"
    b"The lanterns came out at dusk, one by one, along the hedge.\n\n"
    b"Nobody in the village remembered who had hung them first, but everyone remembered the field.\n"
)
OTHER_NAMED = (
    b"---\ntitle: Hedge Letters\nauthor: Marigold Vance\n---\n\n"
    b"Letters were left in the hedge all winter, folded small against the rain.\n\n"
    b"In spring somebody answered them.\n"
)
UNNAMED = (
    b"The tide came in quietly over the flats, and the gulls went with it, crying.\n\n"
    b"Later the boats came back, and the village lit its lamps along the harbour wall.\n"
)


def nothing_saved() -> bool:
    return not (Work.objects.exists() or ExternalCreator.objects.exists() or ImportedFile.objects.exists())


@pytest.fixture
def archivist(db):
    account = UserFactory(username="openshelf")
    account.groups.add(archivists_group())
    return account


# --- The service --------------------------------------------------------------------------------------------


def test_ones_own_work_is_credited_to_ones_pseud_and_the_files_author_kept(user) -> None:
    result = work_import(data=NAMED, filename="lantern.md", creator=user.default_pseud)

    assert list(result.work.creators.all()) == [user.default_pseud]
    assert not result.work.external_creatorships.exists()
    assert ImportedFile.objects.get().author_names == ["Marigold Vance"]


def test_archived_on_behalf_the_files_author_is_credited(archivist) -> None:
    result = work_import(data=NAMED, filename="lantern.md", creator=archivist.default_pseud, on_behalf=True)

    work = result.work
    author = ExternalCreator.objects.get()
    assert (author.name, author.email, author.archivist) == ("Marigold Vance", "", archivist)
    assert list(work.creators.all()) == [archivist.default_pseud]  # the keeper
    assert byline_of(work).text == "Marigold Vance [archived by openshelf]"
    assert ImportedFile.objects.get().author_names == ["Marigold Vance"]
    assert "creators" not in {p.field for p in result.problems}


def test_two_files_of_one_author_share_one_external_creator(archivist) -> None:
    for name, data in (("a.md", NAMED), ("b.md", OTHER_NAMED)):
        work_import(data=data, filename=name, creator=archivist.default_pseud, on_behalf=True)

    author = ExternalCreator.objects.get()
    assert author.creatorships.count() == 2


def test_the_name_and_email_given_override_the_file(archivist) -> None:
    work_import(
        data=NAMED,
        filename="lantern.md",
        creator=archivist.default_pseud,
        on_behalf=True,
        author_name="  M.  Vance ",
        author_email="mv@example.org",
    )
    author = ExternalCreator.objects.get()
    assert (author.name, author.email) == ("M. Vance", "mv@example.org")
    assert ImportedFile.objects.get().author_names == ["Marigold Vance"]  # what the file said, still kept


def test_a_file_naming_no_author_is_refused_on_behalf_and_nothing_is_saved(archivist) -> None:
    with pytest.raises(ImportRejected) as refused:
        work_import(data=UNNAMED, filename="tide.txt", creator=archivist.default_pseud, on_behalf=True)

    assert refused.value.code == "no-author"
    assert "name its author" in refused.value.message
    assert nothing_saved()


def test_a_bad_email_is_refused_and_nothing_is_saved(archivist) -> None:
    with pytest.raises(ImportRejected) as refused:
        work_import(
            data=NAMED, filename="a.md", creator=archivist.default_pseud, on_behalf=True, author_email="not-an-address"
        )
    assert refused.value.code == "bad-email"
    assert nothing_saved()


def test_who_is_an_archivist(archivist) -> None:
    assert is_archivist(archivist)
    assert is_archivist(UserFactory(is_staff=True))
    assert is_archivist(UserFactory(is_superuser=True))
    assert not is_archivist(UserFactory())


# --- The upload page ----------------------------------------------------------------------------------------


def upload(client, name: str, data: bytes, **fields: str):
    file = SimpleUploadedFile(name, data, content_type="text/plain")
    return client.post(reverse("transfer:upload"), {"file": file, **fields}, follow=True)


def test_a_plain_account_is_not_offered_archiving_and_is_refused_it(writer_client) -> None:
    page = writer_client.get(reverse("transfer:upload")).content.decode()
    assert "Archive on behalf" not in page and 'name="credit"' not in page

    response = upload(writer_client, "lantern.md", NAMED, credit="on_behalf", author_name="Someone")
    assert response.status_code == 403
    assert nothing_saved()


def test_an_archivist_archives_a_file_for_its_author(client, archivist) -> None:
    client.force_login(archivist)
    page = client.get(reverse("transfer:upload")).content.decode()
    assert "This is my own work" in page and "Archive on behalf of the file" in page
    assert re.search(r'<input type="radio" name="credit" value="own"[^>]* checked', page)  # the default

    response = upload(client, "lantern.md", NAMED, credit="on_behalf")

    work = Work.objects.get()
    assert byline_of(work).text == "Marigold Vance [archived by openshelf]"
    shown = response.content.decode()
    assert "credited to Marigold Vance, archived by you" in shown
    assert "The file names its author as Marigold Vance" in shown


def test_own_work_stays_the_default_for_an_archivist(client, archivist) -> None:
    client.force_login(archivist)
    upload(client, "lantern.md", NAMED, credit="own")
    work = Work.objects.get()
    assert byline_of(work).text == "openshelf"
    assert ImportedFile.objects.get().author_names == ["Marigold Vance"]


def test_the_import_result_names_the_files_author_for_ones_own_work(writer_client) -> None:
    shown = upload(writer_client, "lantern.md", NAMED).content.decode()
    assert "The file names its author as Marigold Vance" in shown


def test_a_file_without_an_author_asks_for_the_name_and_saves_nothing(client, archivist) -> None:
    client.force_login(archivist)
    response = upload(client, "tide.txt", UNNAMED, credit="on_behalf")

    assert response.status_code == 400
    form = response.context["form"]
    assert "name its author" in " ".join(form.errors["author_name"])
    assert nothing_saved()

    upload(client, "tide.txt", UNNAMED, credit="on_behalf", author_name="Ines Halloran", author_email="ih@example.org")
    author = ExternalCreator.objects.get()
    assert (author.name, author.email) == ("Ines Halloran", "ih@example.org")
    assert ImportedFile.objects.get().author_names == []


def test_several_files_archived_in_a_job_show_their_authors(
    client, archivist, django_capture_on_commit_callbacks
) -> None:
    client.force_login(archivist)
    files = [
        SimpleUploadedFile("lantern.md", NAMED, content_type="text/markdown"),
        SimpleUploadedFile("tide.txt", UNNAMED, content_type="text/plain"),
    ]
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("transfer:upload"), {"file": files, "credit": "on_behalf"})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.on_behalf
    import_job_run(job_id=job.pk)

    named, unnamed = ImportJobFile.objects.order_by("position")
    assert named.author_names == ["Marigold Vance"] and named.work is not None
    assert unnamed.work is None and "name its author" in unnamed.message
    page = client.get(reverse("transfer:job", kwargs={"job_id": job.pk})).content.decode()
    assert "The file names its author as Marigold Vance" in page
    assert "Credited to Marigold Vance, archived by you" in page


def test_a_job_on_behalf_is_refused_to_a_plain_account(user) -> None:
    from django.core.exceptions import PermissionDenied

    from scriptorium.transfer.inputs import Upload
    from scriptorium.transfer.services import import_job_create

    with pytest.raises(PermissionDenied):
        import_job_create(owner=user, uploads=[Upload(name="a.md", data=NAMED)], on_behalf=True)
    assert not ImportJob.objects.exists()


# --- The command --------------------------------------------------------------------------------------------


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_cli_archives_each_file_for_its_own_author(tmp_path: Path, archivist) -> None:
    (tmp_path / "lantern.md").write_bytes(NAMED)
    out, _ = run(str(tmp_path / "lantern.md"), "--on-behalf", "--archivist", "openshelf", "--json")

    record = json.loads(out)
    assert record["file_authors"] == ["Marigold Vance"]
    assert [e["name"] for e in record["external_creators"]] == ["Marigold Vance"]
    assert byline_of(Work.objects.get()).text == "Marigold Vance [archived by openshelf]"


def test_the_cli_defaults_to_the_import_account_as_archivist(tmp_path: Path, settings) -> None:
    (tmp_path / "lantern.md").write_bytes(NAMED)
    out, _ = run(str(tmp_path / "lantern.md"), "--on-behalf")
    assert "credited to Marigold Vance [archived by" in out
    assert ExternalCreator.objects.get().archivist.username == settings.SCRIPTORIUM_IMPORT_ACCOUNT


def test_the_cli_refuses_a_file_without_author_and_takes_a_given_name(tmp_path: Path, archivist) -> None:
    (tmp_path / "tide.txt").write_bytes(UNNAMED)
    with pytest.raises(CommandError):
        run(str(tmp_path / "tide.txt"), "--on-behalf", "--archivist", "openshelf")
    assert nothing_saved()

    run(str(tmp_path / "tide.txt"), "--on-behalf", "--archivist", "openshelf", "--author-name", "Ines Halloran",
        "--author-email", "ih@example.org")  # fmt: skip
    assert ExternalCreator.objects.get().email == "ih@example.org"


def test_the_cli_own_work_keeps_the_files_author_on_record(tmp_path: Path, user) -> None:
    (tmp_path / "lantern.md").write_bytes(NAMED)
    out, _ = run(str(tmp_path / "lantern.md"), "--creator", user.default_pseud.name)
    assert "the file's author: Marigold Vance" in out
    assert list(Work.objects.get().creators.all()) == [user.default_pseud]
    assert ImportedFile.objects.get().author_names == ["Marigold Vance"]


@pytest.mark.parametrize(
    "args",
    [("--on-behalf", "--creator", "someone"), ("--author-name", "X"), ("--on-behalf", "--archivist", "nobody_here")],
)
def test_the_cli_refuses_options_that_do_not_go_together(tmp_path: Path, archivist, args) -> None:
    (tmp_path / "lantern.md").write_bytes(NAMED)
    with pytest.raises(CommandError):
        run(str(tmp_path / "lantern.md"), *args)
    assert nothing_saved()


def test_the_help_documents_both_modes() -> None:
    from django.core.management import load_command_class

    text = " ".join(load_command_class("scriptorium.transfer", "import").create_parser("scriptorium", "import")
                    .format_help().split())  # fmt: skip
    for option in ("--creator", "--on-behalf", "--archivist", "--author-name", "--author-email"):
        assert option in text
    assert "by NAME [archived by ARCHIVIST]" in text
