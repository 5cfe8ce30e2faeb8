"""The staff groups of the design (Redaktion, Raumverwaltung, Administration).

Staff powers come from these groups' permissions (and only with the second factor used,
see `vmdo_portal.permissions`). `staff_groups_ensure` is idempotent: the data migration,
`seed_demo` and the tests call it; a later migration that adds models calls it again so
the groups get the new models' permissions. It only adds: permissions staff gave a group
by hand in the back office stay.
"""

from django.apps import apps as global_apps

REDAKTION = "Redaktion"
RAUMVERWALTUNG = "Raumverwaltung"
ADMINISTRATION = "Administration"

ALL = None
# group → [(app label, model names or ALL, actions or ALL)]
STAFF_GROUPS = {
    # Content: associations, memberships and invitations, revisions, applications,
    # projects, sites, documents, events, categories, registrations, pages.
    REDAKTION: [
        ("members", ALL, ALL),
        ("projects", ALL, ALL),
        ("events", ALL, ALL),
        ("vmdo_portal", ["page"], ALL),
        ("translations", ALL, ["view"]),
        ("network", ALL, ALL),
        # The translation desk in every language, and who translates what.
        ("translations", ["fieldtranslation"], ["change"]),
        ("translations", ["translator"], ALL),
        ("translations", ["protectedterm"], ALL),
    ],
    # The Haus der Vielfalt: facilities, rooms, bookings, closures; associations to look up.
    RAUMVERWALTUNG: [
        ("facilities", ALL, ALL),
        ("members", ["association"], ["view"]),
    ],
    # Everything, users and groups included.
    ADMINISTRATION: [(ALL, ALL, ALL)],
}


def _create_permissions(apps):
    """Permissions normally appear after `migrate` finished; a migration needs them now."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_contenttypes(app_config, verbosity=0, apps=apps)
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = models_module


def staff_groups_ensure(apps=global_apps) -> None:
    """Create the staff groups and give them their permissions (idempotent)."""
    _create_permissions(apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, rules in STAFF_GROUPS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        for app_label, models, actions in rules:
            permissions = permission_model.objects.all()
            if app_label is not ALL:
                permissions = permissions.filter(content_type__app_label=app_label)
            if models is not ALL:
                permissions = permissions.filter(content_type__model__in=models)
            if actions is not ALL:
                permissions = permissions.filter(codename__regex=rf"^({'|'.join(actions)})_")
            group.permissions.add(*permissions)
