"""Small server-side SVG charts: readable in print, no JavaScript, with text alternatives."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

CURRENT = "#0b5394"  # blue; the target is a dark marker: readable without colour vision
TARGET = "#222222"


@register.simple_tag
def level_bar(current, target):
    width, unit = 110, 20
    label = _("level %(current)s, target %(target)s") % {"current": current or "–", "target": target or "–"}
    bar = unit * (current or 0)
    marker = ""
    if target:
        x = unit * target
        marker = format_html(
            '<line x1="{}" y1="1" x2="{}" y2="15" stroke="{}" stroke-width="3"/>', x, x, TARGET
        )
    return format_html(
        '<svg class="level-bar" width="{}" height="16" viewBox="0 0 {} 16" role="img" aria-label="{}">'
        '<rect x="0" y="4" width="{}" height="8" fill="#e9ecef"/>'
        '<rect x="0" y="4" width="{}" height="8" fill="{}"/>{}</svg>',
        width, width, label, unit * 5, bar, CURRENT, marker,
    )


@register.simple_tag
def sparkline(history):
    """History is a list of (when, level, source); draws the levels in order."""
    levels = [level for _when, level, _source in history]
    if len(levels) < 2:
        return ""
    width, height = 80, 18
    step = width / (len(levels) - 1)
    points = " ".join(f"{i * step:.1f},{height - 2 - (level - 1) * (height - 4) / 4:.1f}" for i, level in enumerate(levels))
    label = _("history: %(levels)s") % {"levels": ", ".join(str(level) for level in levels)}
    return format_html(
        '<svg width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/></svg>',
        width, height, width, height, label, CURRENT, points,
    )


@register.filter
def heat_class(level):
    return f"heat-{level}" if level else "heat-none"
