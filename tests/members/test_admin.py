import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from members.models import FieldOfActivity, Association
from tests.factories import AssociationFactory, PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def login_with_totp(client, user, secret):
    client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
    client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret)})


def upload(client, content, name="vereine.csv", fmt="0"):
    r = client.post("/verwaltung/members/association/import/", {"format": fmt, "import_file": SimpleUploadedFile(name, content)})
    return r

def show(r):
    res = r.context.get("result")
    print("STATUS", r.status_code, "form errors", r.context["form"].errors)
    if res:
        print("has_errors", res.has_errors(), "valerr", res.has_validation_errors())
        for row in res.invalid_rows:
            print("invalid", row.number, row.field_specific_errors, row.non_field_specific_errors, row.error_count)
        for line, errors in res.row_errors():
            print("rowerr", line, [e.error for e in errors])
        for row in res.valid_rows():
            print("valid", row.import_type, row.diff)
        print("totals", res.totals)
    print("confirm", r.context.get("confirm_form") and r.context["confirm_form"].initial)


def test_explore(client, staff_with_totp):
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    a = AssociationFactory(name="Türkischer Elternverein Hörde", languages=["de", "ar"], fields_of_activity=list(FieldOfActivity.objects.filter(slug__in=["culture","education"])), phone="+49 231 123", founded_year=1985, member_since="2009-03-01")
    b = AssociationFactory(name="Kurdisches Zentrum", languages=["de"])
    r = client.post("/verwaltung/members/association/", {"action": "export_csv", "_selected_action": [a.pk, b.pk]})
    content = r.content
    r = upload(client, content)
    show(r)
    # change only languages
    text = content.decode("utf-8-sig").replace(";ar, de\r\n", ";ar, de, ku\r\n")
    r = upload(client, ("\ufeff" + text).encode())
    show(r)
    new = "\ufeffname;email;languages;fields_of_activity;founded_year\r\nNeuer Verein;a@example.org;tr, de;culture,women;1999\r\nVerein Zwei;b@example.org;;;\r\n"
    r = upload(client, new.encode())
    show(r)
    print(Association.objects.count())
    init = r.context["confirm_form"].initial
    r2 = client.post("/verwaltung/members/association/process_import/", init)
    print(r2.status_code, r2.headers.get("Location"))
    for x in Association.objects.all():
        print(x.slug, x.name, x.language_codes, [f.slug for f in x.fields_of_activity.all()], x.version, list(x.history.values_list("action", "actor_name")))
    bad = "\ufeffname;email;languages;founded_year\r\nA;not-an-email;de;\r\nB;b@example.org;xx, de;\r\nC;c@example.org;de;abc\r\nD;d@example.org;de;1990\r\n"
    r = upload(client, bad.encode())
    show(r)
    print(r.content.decode()[-6000:])
    assert 0
