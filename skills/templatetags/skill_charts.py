"""Small server-side SVG charts: readable in print, no JavaScript, with text alternatives."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

CURRENT = "#0b5394"  # blue; the target is a dark marker: readable without colour vision
TARGET = "#222222"


@register.simple_tag
def level_bar(current, target):
    width, unit = 110, 20
    label = _("level %(current)s, target %(target)s") % {
        "current": current or "–",
        "target": target or "–",
    }
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
        width,
        width,
        label,
        unit * 5,
        bar,
        CURRENT,
        marker,
    )


@register.simple_tag
def sparkline(history):
    """History is a list of (when, level, source); draws the levels in order."""
    levels = [level for _when, level, _source in history]
    if len(levels) < 2:
        return ""
    width, height = 80, 18
    step = width / (len(levels) - 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (level - 1) * (height - 4) / 4:.1f}"
        for i, level in enumerate(levels)
    )
    label = _("history: %(levels)s") % {"levels": ", ".join(str(level) for level in levels)}
    return format_html(
        '<svg width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/></svg>',
        width,
        height,
        width,
        height,
        label,
        CURRENT,
        points,
    )


@register.filter
def heat_class(level):
    return f"heat-{level}" if level else "heat-none"


def _cell_words(context) -> dict:
    """The words of the gap marks, translated and escaped once per page, not once per row."""
    words = context.render_context.get("matrix_cell_words")
    if words is None:
        words = context.render_context["matrix_cell_words"] = {
            "goal_exists": escape(_("A goal exists")),
            "below_with_goal": escape(_("below target, a goal exists")),
            "make_goal": escape(_("Make a goal")),
            "below_make_goal": escape(_("below target: make a goal")),
            "below_target": escape(_("below target")),
            "qa_low": escape(_("low answers in quality evaluations")),
        }
    return words


@register.simple_tag(takes_context=True)
def matrix_cells(context, cells, goal_url=""):
    """The `<td>`s of one matrix row, built in Python: a page has a thousand cells, and a template
    loop with a filter, conditions and translated words per cell cost more than the rest of the page.

    A cell shows the level (or a muted dot) with its heat class; a gap marks the target with "▲",
    and "✓" where a goal exists; "◆n" counts low answers on the skill in quality evaluations (evidence).
    With a `goal_url` (the agent's lead) an open gap links to making a goal for that skill and level."""
    words = _cell_words(context)
    goal_exists, below_with_goal = words["goal_exists"], words["below_with_goal"]
    make_goal, below_make_goal, below_target = (
        words["make_goal"],
        words["below_make_goal"],
        words["below_target"],
    )
    goal_url = escape(goal_url)
    qa_low = words["qa_low"]
    parts = []
    for cell in cells:
        level, gap = cell.level, cell.gap
        shown = str(int(level)) if level else '<span class="text-muted">·</span>'
        if cell.qa_low:  # evidence from quality evaluations: how many low answers on the skill
            count = int(cell.qa_low)
            shown += (
                f'<span class="qa-evidence small" title="{qa_low}: {count}"> ◆{count}</span>'
                f'<span class="visually-hidden"> ({qa_low}: {count})</span>'
            )
        if not gap:
            parts.append(f'<td class="{heat_class(level)}">{shown}</td>')
            continue
        target = int(cell.target)
        if cell.has_goal:
            mark = (
                f'<span class="gap-mark" title="{goal_exists}"> ▲{target} ✓</span>'
                f'<span class="visually-hidden"> {below_with_goal}</span>'
            )
        elif goal_url:
            mark = (
                f'<a class="gap-mark" href="{goal_url}?skill={int(cell.skill_id)}&amp;level={target}" '
                f'title="{make_goal}"> ▲{target}<span class="visually-hidden"> {below_make_goal}</span></a>'
            )
        else:
            mark = f'<span class="gap-mark"> ▲{target}</span><span class="visually-hidden"> {below_target}</span>'
        parts.append(f'<td class="{heat_class(level)} has-gap">{shown}{mark}</td>')
    return mark_safe("".join(parts))  # nosec B308, B703  # numbers, fixed markup and escaped words only
