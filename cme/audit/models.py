from django.conf import settings
from django.db import models


class AccessLog(models.Model):
    """One row per view, download or search of children's data.

    Written with a single insert and never edited through the application.
    The object is recorded by its kind and id (and a label captured at the
    time), not by a foreign key, so the log outlives the record it describes.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        DOWNLOAD = "download", "Downloaded"
        SEARCH = "search", "Searched"
        DENIED = "denied", "Refused access"
        EXPORT = "export", "Exported"
        ERASED = "erased", "Erased at end of retention"
        ACCOUNT = "account", "Changed an account's security"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    child_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["user", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.user_id} {self.action} {self.object_type} {self.object_id}"
