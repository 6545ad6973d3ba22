from django.contrib import admin

from tidtam.legacy.models import LegacyImport


@admin.register(LegacyImport)
class LegacyImportAdmin(admin.ModelAdmin):
    """Read only: an import is evidence, changed by nobody."""

    list_display = ["file_name", "project", "actor", "created_at"]
    search_fields = ["file_name", "project__code", "sha256"]
    readonly_fields = ["project", "actor", "file_name", "sha256", "source", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # evidence of what was imported: kept for good
