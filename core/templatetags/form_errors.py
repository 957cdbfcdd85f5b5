"""One error summary for every form, and a page title that says there are errors (WCAG 3.3.1).

After a failed submit the summary at the top of the form lists each problem with a link to its field
and receives focus (static/js/a11y.js); base.html puts "Error:" in front of the title.
"""

from dataclasses import dataclass
from typing import Any

from django import template
from django.forms import BaseForm, BaseFormSet, BoundField
from django.template import Context

register = template.Library()


@dataclass
class Problem:
    message: str
    label: str = ""
    field_id: str = ""


def _has_errors(candidate: object) -> bool:
    # Only forms the view has already validated: never trigger validation from a template.
    if isinstance(candidate, BaseForm):
        return candidate.is_bound and bool(getattr(candidate, "_errors", None))
    if isinstance(candidate, BaseFormSet):
        return (
            candidate.is_bound
            and getattr(candidate, "_errors", None) is not None
            and candidate.total_error_count() > 0
        )
    return False


def _field_id(bound_field: BoundField) -> str:
    """Where a link to the field should land: the input itself, or a group's first choice."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    subwidgets = bound_field.subwidgets
    if subwidgets and subwidgets[0].id_for_label:
        return subwidgets[0].id_for_label
    return bound_field.auto_id or ""


def _form_problems(form: BaseForm) -> list[Problem]:
    problems = [Problem(str(message)) for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        bound_field = form[name]
        problems += [
            Problem(str(message), str(bound_field.label), _field_id(bound_field))
            for message in errors
        ]
    return problems


@register.simple_tag
def form_problems(*forms_and_formsets: Any) -> list[Problem]:
    problems: list[Problem] = []
    for candidate in forms_and_formsets:
        if not _has_errors(candidate):
            continue
        candidate.error_summary_shown = (
            True  # crispy then leaves out its own copy of the form-wide errors
        )
        if isinstance(candidate, BaseFormSet):
            problems += [Problem(str(message)) for message in candidate.non_form_errors()]
            for form in candidate.forms:
                problems += _form_problems(form)
        else:
            problems += _form_problems(candidate)
    return problems


@register.simple_tag(takes_context=True)
def page_has_form_errors(context: Context) -> bool:
    return any(_has_errors(value) for value in context.flatten().values())
