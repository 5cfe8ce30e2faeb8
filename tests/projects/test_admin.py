import pytest

from tests.vmdo_portal.test_accounts import login_with_totp

pytestmark = pytest.mark.django_db


def test_dump(client, staff_with_totp):
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    for url in ["/verwaltung/projects/project/add/", "/verwaltung/projects/document/add/"]:
        r = client.get(url)
        print(url, r.status_code)
        form = r.context["adminform"].form
        print(list(form.fields))
        for fs in r.context["inline_admin_formsets"]:
            f = fs.formset
            print(f.prefix, list(f.management_form.initial.items()), list(f.empty_form.fields))
