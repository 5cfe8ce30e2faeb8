"""The certificate of participation in a training: a one-page PDF in German.

Built on request from the registration (fpdf2), with the person's and the association's
name, the training's title and date(s) as German CLDR writes them (local time), and
VMDO's name and address from the main facility. The font is DejaVu Sans, shipped in
vmdo_portal/fonts/ and embedded (subset), and lines are shaped (HarfBuzz) and laid out
in their own direction, so Latin, Turkish, Cyrillic, Greek, Arabic and Persian names
render – and read back – as written.
"""

from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from events.templatetags.event_text import event_when
from facilities.selectors import main_facility
from vmdo_portal import l10n

FONTS = Path(settings.BASE_DIR) / "vmdo_portal" / "fonts"
FONT = "DejaVu"


def _line(pdf, text, *, size=12, bold=False, gap=2.0):
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def certificate_pdf(registration) -> bytes:
    """The certificate of an attended registration of an event for the member associations."""
    event, house = registration.event, main_facility()
    organisation = settings.PORTAL_CONTACT["name"]
    with translation.override("de"):
        pdf = FPDF(format="A4")
        pdf.set_title(_("Certificate of participation"))
        pdf.set_author(organisation)
        pdf.set_creator(organisation)
        pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        # Joined Arabic letters, right-to-left names within the German lines.
        pdf.set_text_shaping(use_shaping_engine=True)
        pdf.set_margins(25, 25, 25)
        pdf.add_page()
        _line(pdf, organisation, size=14, bold=True, gap=1)
        if house:
            _line(pdf, " · ".join([house.name, *house.address_lines()]), size=10, gap=20)
        _line(pdf, _("Certificate of participation"), size=24, bold=True, gap=16)
        _line(pdf, _("This is to confirm that"), gap=6)
        _line(pdf, registration.name, size=18, bold=True, gap=6)
        _line(pdf, _("on behalf of the association"), gap=6)
        _line(pdf, registration.association.name, size=15, bold=True, gap=6)
        _line(pdf, _("took part in the training"), gap=6)
        _line(pdf, f"„{event.title}“", size=16, bold=True, gap=6)
        _line(pdf, _("on %(when)s.") % {"when": event_when(event)}, gap=30)
        issued = l10n.format_date(timezone.now(), "long", "de")
        place = house.city if house else ""
        _line(pdf, f"{place}, {issued}" if place else issued, gap=4)
        _line(pdf, organisation, bold=True, gap=30)
        _line(
            pdf,
            _(
                "This certificate was created by the portal of %(organisation)s "
                "and is valid without a signature."
            )
            % {"organisation": organisation},
            size=9,
        )
        return bytes(pdf.output())
