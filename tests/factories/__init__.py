"""factory_boy factories. Works are built through the real services, so they are what users make."""

from __future__ import annotations

import factory

from scriptorium.accounts.models import Pseud, User
from scriptorium.accounts.services import user_create
from scriptorium.skins.models import WorkSkin
from scriptorium.skins.services import SkinInput, skin_create
from scriptorium.tags.vocabulary import GENERAL, NO_WARNINGS_APPLY
from scriptorium.works.inputs import ChapterInput, WorkInput
from scriptorium.works.models import Work
from scriptorium.works.services import work_create

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"writer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")

    @classmethod
    def _create(cls, model_class: type[User], *args: object, **kwargs: object) -> User:
        user = user_create(username=kwargs["username"], email=kwargs["email"], password=PASSWORD)
        for key in ("is_staff", "is_superuser", "view_adult"):
            if key in kwargs:
                setattr(user, key, kwargs[key])
        user.save()
        return user


class PseudFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pseud

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Pen Name {n}")


def make_work(
    *,
    creator: Pseud | User | None = None,
    title: str = "A Quiet Evening",
    chapters: list[str] | None = None,
    post: bool = True,
    **metadata: object,
) -> Work:
    """A work made through ``work_create``; metadata keys are WorkInput fields."""
    if creator is None:
        creator = UserFactory()
    pseud = creator if isinstance(creator, Pseud) else creator.default_pseud
    defaults: dict[str, object] = {
        "rating": GENERAL,
        "warnings": (NO_WARNINGS_APPLY,),
        "fandoms": ("Original Work",),
    }
    defaults.update(metadata)
    texts = chapters or ["The kettle sang twice before anyone moved.\n\nThen everyone moved at once."]
    return work_create(
        actor=pseud.user,
        creators=[pseud],
        data=WorkInput(title=title, **defaults),
        chapters=[ChapterInput(text=t) for t in texts],
        post=post,
    )


def make_skin(
    *,
    owner: User | None = None,
    title: str = "Harbour Letters",
    css: str = "p { color: #1a5e3a; }",
    public: bool = False,
) -> WorkSkin:
    """A work skin made through ``skin_create`` (its CSS sanitized as a creator's would be)."""
    skin, _ = skin_create(owner=owner or UserFactory(), data=SkinInput(title=title, css=css, public=public))
    return skin


def credit_co_creator(work: Work, pseud: Pseud | User, *, inviter: User | None = None) -> None:
    """Credit another account's pseud on ``work`` the way writers do it: a creator (the owner unless told)
    invites it and its account accepts."""
    from scriptorium.works.cocreators import creator_invitation_accept, work_creator_invite

    pseud = pseud if isinstance(pseud, Pseud) else pseud.default_pseud
    invitation = work_creator_invite(actor=inviter or work.owner, work=work, pseud=pseud)
    if invitation is not None:
        creator_invitation_accept(actor=pseud.user, invitation_id=invitation.pk)
