from django import template

from network import areas

register = template.Library()


@register.inclusion_tag("network/navigation.html", takes_context=True)
def network_navigation(context):
    return {"links": areas.navigation(context["request"])}
