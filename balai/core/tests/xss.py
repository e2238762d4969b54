"""Hostile input for rendering tests, and a check that a rendered page stayed inert. Every app
that shows operator- or visitor-written text on a page tests it with these."""

from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '"><img src=x onerror=alert(2)>',
    '<a href="javascript:alert(3)">klik</a>',
    "<svg onload=alert(4)></svg>",
    "<svg/onload=alert(1)>",
    '<p style="display:none">slot gacor maxwin</p>',
    '<span style="font-size:0">togel</span>',
    '<iframe src="https://evil.example/x"></iframe>',
    "<body onload=alert(5)>",
    "javascript:alert(6)",
    "'';!--\"<XSS>=&{()}",
    "'-alert(1)-'",
    "</title><script>alert(1)</script>",
]


class InertChecker(HTMLParser):
    """Collects anything executable or hidden that an attacker could have put in the page:
    event handlers, inline styles, javascript: URLs, scripts that are neither ours nor carry the
    page's nonce, frames, plugins and SVG."""

    def __init__(self, *, fragment=False):
        super().__init__()
        self.problems = []
        self.seen_body = fragment  # in a fragment any <body> tag is already a problem

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and value.startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:>")
        if tag == "script" and not (attrs.get("src", "") or "").startswith("/static/") and "nonce" not in attrs:
            self.problems.append("<script> without src or nonce")
        if tag in ("iframe", "object", "embed", "svg", "xss") or (tag == "body" and self.seen_body):
            self.problems.append(f"<{tag}>")
        if tag == "body":
            self.seen_body = True


def assert_inert(html, *, fragment=False):
    if isinstance(html, bytes):
        html = html.decode()
    checker = InertChecker(fragment=fragment)
    checker.feed(html)
    assert not checker.problems, checker.problems
