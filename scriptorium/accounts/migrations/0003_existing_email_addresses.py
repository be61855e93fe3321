"""Give each account created before django-allauth its address as a confirmed, primary EmailAddress: these
accounts have been using it, and allauth's change-of-address flow (confirm the new one, then switch) needs the
current address confirmed, or it would treat it as a pending change and drop it."""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    known = set(EmailAddress.objects.values_list("user_id", flat=True))
    taken = set(EmailAddress.objects.values_list("email", flat=True))
    rows = []
    for user_id, email in User.objects.exclude(email="").values_list("id", "email").order_by("id"):
        email = email.lower()
        if user_id in known or email in taken:
            continue
        taken.add(email)
        rows.append(EmailAddress(user_id=user_id, email=email, verified=True, primary=True))
    EmailAddress.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_moderation"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
