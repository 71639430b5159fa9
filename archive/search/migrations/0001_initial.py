from django.db import migrations, models
import django.utils.timezone


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="IndexState",
            fields=[
                ("item_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=1)),
                ("pending", models.BooleanField(default=True)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("synced_at", models.DateTimeField(blank=True, null=True)),
                ("attempts", models.PositiveIntegerField(
                    default=0, help_text="Failed attempts to update the index since the change.")),
                ("last_error", models.TextField(blank=True)),
            ],
            options={
                "indexes": [models.Index(condition=models.Q(("pending", True)), fields=["changed_at"],
                                         name="search_pending")],
            },
        ),
    ]
