"""What a page offers to post: its forms' actions and fields, read from the HTML."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea" or "button"
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str  # path
    fields: dict[str, Field] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self, page_path):
        super().__init__()
        self.page_path, self.forms, self._form, self._select = page_path, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = Form(
                urlsplit(urljoin(self.page_path, attrs.get("action") or self.page_path)).path
            )
            self.forms.append(self._form)
        if self._form is None or not attrs.get("name"):
            if tag == "option" and self._select is not None:
                self._select.options.append(attrs.get("value", ""))
            return
        name = attrs["name"]
        if tag == "input" and name != "csrfmiddlewaretoken":
            self._form.fields.setdefault(
                name, Field(name, attrs.get("type", "text"), attrs.get("value") or "")
            )
        elif tag == "textarea":
            self._form.fields.setdefault(name, Field(name, "textarea"))
        elif tag == "select":
            self._select = self._form.fields.setdefault(
                name, Field(name, "select", multiple="multiple" in attrs)
            )
        elif tag == "button":
            self._form.fields.setdefault(name, Field(name, "button", attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None


def post_forms(html: str, page_path: str) -> list[Form]:
    parser = _FormParser(page_path)
    parser.feed(html)
    return parser.forms


def fields_posting_to(html: str, page_path: str, target_path: str) -> dict[str, Field]:
    """Every field of the page's POST forms whose action is target_path."""
    fields: dict[str, Field] = {}
    for form in post_forms(html, page_path):
        if form.action == target_path:
            for name, found in form.fields.items():
                fields.setdefault(name, found)
    return fields
