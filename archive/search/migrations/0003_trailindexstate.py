from django.db import migrations, models
import django.utils.timezone


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_removed_at'),
    ]

    operations = [
        migrations.CreateModel(
            name='TrailIndexState',
            fields=[
                ('trail_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('version', models.BigIntegerField(default=1)),
                ('pending', models.BooleanField(default=True)),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('synced_at', models.DateTimeField(blank=True, null=True)),
                ('removed_at', models.DateTimeField(blank=True, null=True)),
                ('attempts', models.PositiveIntegerField(default=0, help_text='Failed attempts to update the index since the change.')),
                ('last_error', models.TextField(blank=True)),
            ],
            options={
                'indexes': [models.Index(condition=models.Q(('pending', True)), fields=['changed_at'], name='search_trail_pending'), models.Index(fields=['removed_at'], name='search_trail_removed')],
            },
        ),
    ]
