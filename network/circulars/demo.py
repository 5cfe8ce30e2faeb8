"""Demo circulars (examples): two sent ones, one translated into Arabic and Turkish."""

from network.circulars import services
from network.models import Circular
from vmdo_portal.services import Refused

ASSEMBLY = "Einladung zur Mitgliederversammlung (Beispiel)"
FUNDING = "Fördermittel: Fristen im Frühjahr (Beispiel)"


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    if Circular.objects.filter(subject_de__in=[ASSEMBLY, FUNDING]).exists():
        return
    staff = users.get("staff")
    assembly = services.circular_create(
        by=staff,
        subject=ASSEMBLY,
        body=(
            "Liebe Mitgliedsvereine,\n\nwir laden herzlich zur **Mitgliederversammlung** ein: "
            "im Haus der Vielfalt, Beuthstraße 21.\n\n## Tagesordnung\n\n- Bericht des "
            "Vorstands\n- Haushalt\n- Wahlen\n\nBitte melden Sie sich bis Monatsende an."
        ),
        translations={
            "tr": (
                "Üye genel kuruluna davet (örnek)",
                "Sevgili üye dernekler,\n\n**Üye genel kuruluna** davetlisiniz: Haus der "
                "Vielfalt, Beuthstraße 21.\n\n## Gündem\n\n- Yönetim kurulu raporu\n- Bütçe\n"
                "- Seçimler",
            ),
            "ar": (
                "دعوة إلى الجمعية العامة للأعضاء (مثال)",
                "الجمعيات الأعضاء الأعزاء،\n\nندعوكم إلى **الجمعية العامة**: في بيت التنوع، "
                "Beuthstraße 21.\n\n## جدول الأعمال\n\n- تقرير مجلس الإدارة\n- الميزانية\n"
                "- الانتخابات",
            ),
        },
    )
    funding = services.circular_create(
        by=staff,
        subject=FUNDING,
        body=(
            "Im Frühjahr enden mehrere Antragsfristen für Vereine in der Nordstadt. "
            "Wir beraten Sie gern: [Kontakt](https://www.vmdo.de/)."
        ),
        districts=["innenstadt-nord"],
    )
    for circular in (assembly, funding):
        try:
            services.circular_send(circular=circular, by=staff)
        except Refused:  # no accounts (seed_demo --no-logins): the draft stays
            continue
