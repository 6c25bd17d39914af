"""What a browser sends when a form is submitted: the named fields of one <form> with their
current values (text inputs, hidden inputs including the CSRF token, checked boxes and radios,
the selected option of each select, textareas), so the simulated people post the real form."""

import re
from html.parser import HTMLParser

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str | None:
    found = CSRF_RE.search(html)
    return found.group(1) if found else None


class _FormParser(HTMLParser):
    def __init__(self, action: str, page_url: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.page_url = page_url
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_first: str | None = None
        self._option_value: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form":
            # a form without an action posts to the page's own URL
            if (a.get("action") or self.page_url).split("?")[0] == self.action and (
                a.get("method") or ""
            ).lower() == "post":
                self.inside = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_value, self._select_first = name, None, None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self._select is not None:
            value = self._select_value if self._select_value is not None else self._select_first
            self.fields.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def form_fields(html: str, action: str, page_url: str = "") -> list[tuple[str, str]]:
    """The (name, value) pairs a browser would post for the first POST form that posts to
    `action` (a form without an action posts to `page_url`); [] when there is no such form."""
    parser = _FormParser(action, page_url)
    parser.feed(html)
    return parser.fields
