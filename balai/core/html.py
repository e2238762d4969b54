"""Rich text from operators, made safe before it is stored.

Village sites are the favourite target of judi-online spam: injected links hidden with
`display:none`, zero-size fonts or off-screen positioning, and iframes to gambling pages. The
allow-list below therefore keeps no `style`, `class`, `id` or `hidden` attribute at all, no
script or event handler, only http(s)/mailto links, images from this site, and iframes only from
the video hosts in VIDEO_HOSTS."""

import html as html_lib
import re
from urllib.parse import urlsplit

import nh3

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
    "a", "ul", "ol", "li", "blockquote", "pre", "code", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "iframe",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "iframe": {"src", "title", "width", "height", "allowfullscreen"},
    "ol": {"start"},
}
# Dropped with everything inside them (not just the tag).
CLEAN_CONTENT_TAGS = {"script", "style", "noscript", "template", "object", "embed", "svg", "math", "head", "title"}
VIDEO_HOSTS = {"www.youtube-nocookie.com", "www.youtube.com", "youtube.com", "player.vimeo.com"}
LINK_REL = "noopener nofollow ugc"


def _is_local(url: str) -> bool:
    # Browsers drop tabs and newlines inside URLs and read a backslash like a slash, so
    # `/\host/x` and `/<tab>/host/x` mean `//host/x`: a foreign address.
    url = re.sub(r"[\t\n\r]", "", url)
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith("/") and "\\" not in url


def _attribute_filter(tag, name, value):
    if tag == "img" and name == "src":
        # Only pictures stored here: a foreign image is a tracking pixel or spam at best.
        return value if _is_local(value) else None
    if tag == "iframe" and name == "src":
        parts = urlsplit(value)
        return value if parts.scheme == "https" and parts.hostname in VIDEO_HOSTS else None
    if name in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and int(value) <= 4000 else None
    return value


def clean_html(text: str) -> str:
    """Sanitised HTML for storage and display. An iframe without an allowed source is removed."""
    cleaned = nh3.clean(
        text or "",
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
        strip_comments=True,
    )
    # An iframe whose src was refused stays as an empty frame; drop it entirely.
    return _EMPTY_IFRAME.sub("", cleaned).strip()


_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\bsrc=)[^>]*>.*?</iframe>", re.S | re.I)
_WHITESPACE = re.compile(r"\s+")


def plain_text(text: str, limit: int | None = None) -> str:
    """Text content of an HTML fragment (for excerpts and meta descriptions), cut at a word."""
    bare = html_lib.unescape(nh3.clean(text or "", tags=set(), clean_content_tags=CLEAN_CONTENT_TAGS))
    bare = _WHITESPACE.sub(" ", bare).strip()
    if limit is not None and len(bare) > limit:
        bare = bare[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return bare
