"""Hostile input never answers 500 and never half-saves, on every URL of the portal.

For each URL, the user who may use it (see world.SPECS) sends generated query strings and posts
generated values for every field of the forms that post there: huge and control-character strings,
NUL bytes, year 1 and 9999, huge and negative numbers, inf/nan, wrong types, missing fields,
non-numeric and huge ids. A 500 fails the test (the test client re-raises the view's exception);
an answer that refuses the input (4xx, or the form shown again with errors) must leave every
table as it was.
"""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import get_resolver, reverse
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from . import values, world
from .forms import fields_posting_to

# Tables that change on any request, refused or not: sessions, sign-in attempts, rate limits, and the
# access audit (a refused form is still a page that showed the records, and that look is recorded).
IGNORED_TABLES = {
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "security_ratelimithit",
    "audit_accessevent",
}


def all_url_names(resolver=None, namespace=""):
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= all_url_names(pattern, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def fuzzed_url_names():
    return sorted(n for n in all_url_names() if not n.startswith(world.NOT_HERE))


def resolve_value(demo, key):
    if key.startswith("="):
        return key[1:]
    obj_key, _dot, attribute = key.partition(".")
    obj = demo[obj_key]
    return getattr(obj, attribute) if attribute else obj.pk


def url_for(demo, name, kwargs_spec):
    return reverse(name, kwargs={k: resolve_value(demo, v) for k, v in kwargs_spec.items()})


def client_for(demo, who):
    client = Client()
    user = demo["users"][who]
    if user is not None:
        client.force_login(user)
    return client


def row_counts():
    tables = sorted({m._meta.db_table for m in apps.get_models()} - IGNORED_TABLES)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables))
        return dict(zip(tables, cursor.fetchone(), strict=False))


def form_fields(demo, who, client, target):
    pages = [target]
    for name in world.FORM_PAGES.get(who, []):
        kwargs = world.FORM_PAGE_KWARGS.get(who, {}).get(name) or world.SPECS[name][1]
        pages.append(url_for(demo, name, kwargs))
    fields = {}
    for page in pages:
        response = client.get(page)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for name, found in fields_posting_to(response.content.decode(), page, target).items():
                fields.setdefault(name, found)
    return fields


def refused(response) -> bool:
    if response.status_code >= 400:
        return True
    body = response.content.decode(errors="replace") if not response.streaming else ""
    return response.status_code == 200 and ("is-invalid" in body or "errorlist" in body)


def send(client, method, url, data):
    before = row_counts()
    response = getattr(client, method)(url, data)
    assert response.status_code < 500, (
        f"{method.upper()} {url} {data!r} answered {response.status_code}"
    )
    if response.streaming:
        b"".join(response.streaming_content)
    if refused(response):
        changed = {t: (before[t], n) for t, n in row_counts().items() if before[t] != n}
        assert not changed, (
            f"{method.upper()} {url} was refused ({response.status_code}) but changed {changed}"
        )


def plausible_query(demo, name):
    from people.periods import Quarter

    def value(key):
        if key == "=current":
            return Quarter.current().label
        return key[1:] if key.startswith("=") else str(demo[key].pk)

    return {param: value(key) for param, key in world.QUERY.get(name, {}).items()}


def critical_queries(plausible):
    """Each known troublemaker in each parameter the page reads, the others plausible."""
    return [{**plausible, param: bad} for param in plausible for bad in values.CRITICAL_QUERY]


def critical_posts(fields):
    """Each known troublemaker in each field, the others plausible; and nothing at all. A field
    repeated in the rows of a formset (questions-0-weight, questions-1-weight, ...) gets them in its
    first row; hypothesis's own mixes reach the others."""
    plausible = {name: values.plausible(found) for name, found in fields.items()}
    examples = [{}]
    for name, found in first_of_each_shape(fields).items():
        examples += [{**plausible, name: bad} for bad in values.critical_for(found)]
    return examples


def first_of_each_shape(fields):
    """The fields with row numbers taken out of their names: one per shape and kind, row 0 first."""
    firsts = {}
    for name in sorted(
        fields,
        key=lambda name: [
            int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)
        ],
    ):
        shape = (re.sub(r"\d+", "#", name), fields[name].kind)
        firsts.setdefault(shape, name)
    return {name: fields[name] for name in firsts.values()}


def query_strategy(plausible):
    value = st.one_of(values.anything, st.lists(values.anything, min_size=2, max_size=3))
    hostile = st.dictionaries(
        st.sampled_from(world.QUERY_PARAMETERS) | values.junk_names, value, max_size=4
    )
    return st.builds(lambda bad: {**plausible, **bad}, hostile)


def post_strategy(fields):
    """One or two fields hostile, the others plausible or missing, plus stray names."""
    names = sorted(fields)
    plausible = {name: values.plausible(found) for name, found in fields.items()}

    @st.composite
    def submission(draw):
        data = dict(plausible)
        targets = (
            draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
            if names
            else []
        )
        for name in targets:
            data[name] = draw(values.hostile_for(fields[name]))
        for name in draw(st.lists(st.sampled_from(names), max_size=1)) if names else []:
            if name not in targets:
                data.pop(name, None)
        data.update(draw(st.dictionaries(values.junk_names, values.anything, max_size=1)))
        return data

    return submission()


def run_with_examples(test, strategy, examples, *, max_examples=None):
    for known in examples:
        test = example(known)(test)
    test = given(strategy)(test)
    if max_examples is not None:
        test = hypothesis_settings(
            max_examples=min(max_examples, hypothesis_settings.default.max_examples)
        )(test)
    test()


def ignored_query(plausible):
    """For a page that reads no query parameter: every troublemaker at once, under the names pages do read."""
    return [{**plausible, **dict(zip(world.QUERY_PARAMETERS, values.CRITICAL_QUERY, strict=False))}]


def test_every_url_is_driven_by_the_hostile_input_tests():
    assert sorted(set(fuzzed_url_names()) - set(world.SPECS)) == []


@pytest.mark.parametrize("name", fuzzed_url_names())
def test_hostile_input_never_answers_500_nor_half_saves(name, demo_world, db):
    who, kwargs_spec = world.SPECS[name]
    url = url_for(demo_world, name, kwargs_spec)
    client = client_for(demo_world, who)
    fields = form_fields(demo_world, who, client, url)

    plausible = plausible_query(demo_world, name)

    def get_with(query):
        send(client, "get", url, query)

    def post_with(data):
        send(client, "post", url, data)

    if name in world.QUERY:
        run_with_examples(get_with, query_strategy(plausible), critical_queries(plausible))
    else:  # the query string is never read: a few mixes prove it, without rendering the page dozens of times
        run_with_examples(
            get_with, query_strategy(plausible), ignored_query(plausible), max_examples=3
        )
    run_with_examples(post_with, post_strategy(fields), critical_posts(fields))
