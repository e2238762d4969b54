"""The judi-online content check: is this text, about to become public, gambling promotion?

Pure Python, no database: `periksa(teks, daftar=...)` takes the raw text as the author sent it
(HTML included, before the sanitiser strips what would show how it was hidden) and answers a
`Putusan`: TAHAN (hold for review) or LOLOS, the rules that fired and an excerpt of each.

How a text is read (rules and weights live in data/aturan.toml, look-alike letters in
data/homoglif.toml):

1. The HTML is walked once, tag by tag, without building a tree: text shown to a visitor, text
   hidden from them (display:none, tiny fonts, off-screen, white on white, ...) and every link.
2. Text is normalised into aligned layers: Unicode folded (NFKC, accents and zero-width
   characters dropped, Cyrillic/Greek look-alikes to Latin), punctuation and emoji to spaces,
   letters spelt out one by one joined again, then leetspeak folded (s1ot, g4c0r).
3. Terms, brand names and promotion words add to a score; words of the campaign against
   gambling (razia, sosialisasi, Polsek) damp terms and promotion, so news about judi online
   passes while an advertisement is held. Phrases such as "slot waktu" or "Pak Toto" are masked.
4. Structure decides on its own: hidden text holding a link or a term, a link without text,
   a link to a blocklisted domain, a link farm.

Work is bounded: a huge body is read up to MAKS_TAG tags and MAKS_TEKS characters of text
(head and tail), deep nesting is followed to MAKS_KEDALAMAN levels; nothing recurses."""

import html
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

DATA = Path(__file__).parent / "data"
MAKS_TAG = 60_000  # tags walked one by one; past this the rest is read as plain text
MAKS_KEDALAMAN = 500  # open elements followed; deeper ones inherit their parent's visibility
MAKS_TEKS = 400_000  # characters of text the term rules read (the head and the tail)
MAKS_KUTIPAN = 160


@dataclass(frozen=True)
class Temuan:
    """One rule that fired. `kunci` is what an allow-list entry would name (a phrase or a
    domain) when a reviewer calls it a false positive."""

    aturan: str
    keterangan: str
    kutipan: str = ""
    kunci: str = ""


@dataclass(frozen=True)
class Putusan:
    tahan: bool
    skor: float
    temuan: tuple = ()
    dipangkas: bool = False  # the text was too big to read whole

    @property
    def label(self):
        return "TAHAN" if self.tahan else "LOLOS"

    @property
    def aturan(self):
        """The codes of the rules that fired, in order, each once."""
        return ", ".join(dict.fromkeys(t.aturan for t in self.temuan))

    def pesan(self, *, ditolak=False):
        """Why it was held, in a sentence for the author; with `ditolak`, why it was not saved
        at all (a text that has no unpublished state to wait in)."""
        if not self.tahan:
            return ""
        alasan = "; ".join(t.keterangan for t in self.temuan)
        if ditolak:
            return f"Tidak disimpan: {alasan}. Perbaiki teksnya lalu simpan lagi."
        return f"Ditahan untuk ditinjau kabupaten: {alasan}."


@dataclass(frozen=True)
class Daftar:
    """What the kabupaten and the village decided: blocklisted domains, allowed domains and
    allowed phrases (false positives learnt), and the site's own hosts (links there are not
    outbound)."""

    blokir: frozenset = frozenset()
    izin_domain: frozenset = frozenset()
    izin_frasa: tuple = ()
    rumah: tuple = ("localhost",)
    # Words of the region's own place names: never a brand ("Mrebet" ends like "jayabet").
    nama_tempat: frozenset = frozenset()


# --- rules --------------------------------------------------------------------------------------


def _isi(text):
    # Spelt-out letters joined again and masked phrases leave runs of spaces: " *", not " ?".
    return text.replace(" ", " *").replace("l", "i")


def _pola(text):
    """A pattern of the data file as read against the matching layer (see module docstring).
    Words there are separated by spaces only, so a leading space is the word boundary, and
    a literal first character lets the regex engine skip ahead quickly."""
    return " (?:" + _isi(text) + ")"


@dataclass(frozen=True)
class Aturan:
    ambang: float
    redam: float
    promosi_mulai: float
    promosi_sisipan: float
    istilah: tuple  # ((compiled, weight, source), ...)
    ada_istilah: re.Pattern  # any term at all: one pass that lets most ordinary text go at once
    promosi: tuple
    penangkal: tuple
    pengecualian: re.Pattern | None
    merek: re.Pattern
    merek_bobot: float
    merek_bukan: frozenset
    tepercaya: tuple
    min_tautan: int
    pendek: int
    min_pendek: int
    bobot_tautan_luar: float
    gaya_tersembunyi: re.Pattern
    kelas_tersembunyi: frozenset
    homoglif: dict = field(repr=False)


def _berbobot(table):
    return tuple((re.compile(_pola(src)), float(w), src) for src, w in table.items())


@cache
def aturan():
    """The rules from data/, compiled once per process."""
    with open(DATA / "aturan.toml", "rb") as f:
        d = tomllib.load(f)
    with open(DATA / "homoglif.toml", "rb") as f:
        peta = tomllib.load(f)["peta"]
    frasa = d["pengecualian"]["frasa"]
    return Aturan(
        ambang=float(d["ambang"]),
        redam=float(d["redam"]),
        promosi_mulai=float(d["promosi_mulai"]),
        promosi_sisipan=float(d["promosi_sisipan"]),
        istilah=_berbobot(d["istilah"]),
        ada_istilah=re.compile(" (?:" + "|".join(_isi(p) for p in d["istilah"]) + ")"),
        promosi=_berbobot(d["promosi"]),
        penangkal=_berbobot(d["penangkal"]),
        pengecualian=re.compile(" (?:" + "|".join(_isi(p) for p in frasa) + ")") if frasa else None,
        merek=re.compile(d["merek"]["pola"]),
        merek_bobot=float(d["merek"]["bobot"]),
        merek_bukan=frozenset(d["merek"]["bukan"]),
        tepercaya=tuple(d["tautan"]["tepercaya"]),
        min_tautan=int(d["tautan"]["min_tautan"]),
        pendek=int(d["tautan"]["pendek"]),
        min_pendek=int(d["tautan"]["min_pendek"]),
        bobot_tautan_luar=float(d["tautan"]["bobot_tautan_luar"]),
        gaya_tersembunyi=re.compile("|".join(f"(?:{g})" for g in d["tersembunyi"]["gaya"]), re.I | re.S),
        kelas_tersembunyi=frozenset(d["tersembunyi"]["kelas"]),
        homoglif=str.maketrans({k: v for k, v in peta.items()}),
    )


# --- normalisation ------------------------------------------------------------------------------

_DROP = {"Mn", "Me", "Cf"}  # accents, enclosing marks, zero-width and other format characters
_NON_WORD = re.compile(r"[^\w@$!|]+|_+")
_SPELT = re.compile(r"(?<![^ ])[^ ](?: [^ ]){2,}(?![^ ])")  # "s l o t": three or more single characters
_TOKEN = re.compile(r"[a-z0-9]*(?:[a-z][0-9]|[0-9][a-z])[a-z0-9]*")  # words mixing letters and digits
# Amounts and codes keep their digits: "10rb", "5k", "rt01", "no1".
_NOT_LEET = re.compile(r"\d+(rb|rebu|ribu|k|jt|juta|an|nya|x|m|km|kg|ha|th|thn)|[a-z]{1,3}\d{1,3}")
_LEET_SYMBOL = re.compile(r"[@$!|](?=[a-z0-9])")
_LEET = str.maketrans(
    {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"}
)
_LEFT_SYMBOLS = re.compile(r"[@$!|]")


def _lipat(text):
    """Unicode folded: compatibility forms, no accents or zero-width characters, lower case,
    look-alike letters of other scripts as Latin."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if unicodedata.category(c) not in _DROP) if not text.isascii() else text
    return unicodedata.normalize("NFKC", text).lower().translate(aturan().homoglif)


def _leet_digits(m):
    """Digits standing for letters in a word ("t0g3l", "11nk", "11v3"), not in amounts or codes."""
    token = m.group(0)
    letters = sum(c.isalpha() for c in token)
    if letters == len(token) or (letters < 2 and len(token) < 4) or _NOT_LEET.fullmatch(token):
        return token
    return token.translate(_LEET)


@dataclass(frozen=True)
class Lapisan:
    """Aligned layers of one text (same length, same positions): `polos` before leetspeak is
    folded (brand names keep their 88), `tampil` for excerpts, `cocok` for matching (l and i
    as one letter, since 1 may stand for either)."""

    polos: str
    tampil: str
    cocok: str


def lapisan(text):
    dasar = _lipat(text)
    dasar = " " + " ".join(_NON_WORD.sub(" ", dasar).split()) + " "
    dasar = _SPELT.sub(lambda m: m.group(0).replace(" ", "") + " " * m.group(0).count(" "), dasar)
    polos = _LEFT_SYMBOLS.sub(" ", dasar)
    tampil = _LEET_SYMBOL.sub(lambda m: m.group(0).translate(_LEET), dasar)
    tampil = _TOKEN.sub(_leet_digits, tampil)
    tampil = _LEFT_SYMBOLS.sub(" ", tampil)
    return Lapisan(polos, tampil, tampil.replace("l", "i"))


def kata_tempat(names):
    """The words of place names (of four letters or more) as the brand rule reads them."""
    return frozenset(w for name in names for w in lapisan(name).polos.split() if len(w) >= 4 and w.isalpha())


def normalkan(text):
    """The text as the rules read it (for allow-list phrases and tests)."""
    return " ".join(lapisan(text).tampil.split())


# --- reading the HTML ---------------------------------------------------------------------------

_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,30})((?:[^>\"']|\"[^\"]{0,2000}\"|'[^']{0,2000}'){0,2000})>|<!--",
)
_ATTR = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]{0,40})\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_VOID = frozenset("br img hr input meta link wbr source area col embed param track base".split())
_INLINE = frozenset("a b i u s em strong span font small sub sup mark abbr code del ins q cite big tt".split())
_RAW_TEXT = frozenset("script style noscript template textarea title head svg".split())
_URL = re.compile(r"(?:https?:)?//([a-z0-9.-]{1,253})", re.I)
_HOST_IN_TEXT = re.compile(r"(?<![\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w-])")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']{2,300}", re.I)
_WHITE = ("#fff", "#ffffff", "white", "rgb(255,255,255)", "#fefefe", "transparent")


@dataclass
class Tautan:
    url: str
    host: str
    tersembunyi: bool
    teks: str = ""
    gambar: bool = False
    tag: str = "a"  # "a" for a link a visitor follows; script, iframe, img, ... load by themselves


@dataclass
class Bacaan:
    """What a visitor would see, what is hidden from them, and the links."""

    tampak: list = field(default_factory=list)
    tersembunyi: list = field(default_factory=list)
    tautan: list = field(default_factory=list)
    dipangkas: bool = False


def _attrs(text):
    found = {}
    for name, value in _ATTR.findall(text):
        if value[:1] in "\"'":
            value = value[1:-1]
        found[name.lower()] = html.unescape(value)
    return found


def _warna_sama(style):
    """Text coloured like its background (or white on the white page)."""
    colour = re.search(r"(?:^|[;\s\"])color\s*:\s*([^;!]+)", style)
    if not colour:
        return False
    colour = colour.group(1).replace(" ", "").lower()
    background = re.search(r"background(?:-color)?\s*:\s*([^;!]+)", style)
    if background:
        return background.group(1).replace(" ", "").lower().startswith(colour)
    return colour in _WHITE


def _tersembunyi(name, attrs):
    rules = aturan()
    style = attrs.get("style", "").lower()
    if style and (rules.gaya_tersembunyi.search(style) or _warna_sama(style)):
        return True
    if "hidden" in attrs or attrs.get("aria-hidden") == "true" and name == "a":
        return True
    if name == "font" and (attrs.get("color", "").lower() in _WHITE or attrs.get("size") == "0"):
        return True
    classes = set(attrs.get("class", "").lower().split())
    return bool(classes & rules.kelas_tersembunyi)


def _host(url):
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".")


def baca_html(raw):
    """Walk `raw` once: shown text, hidden text and links. Bounded work whatever the input."""
    hasil = Bacaan()
    stack = []  # (tag name, hidden)
    hidden_depth = 0
    overflow = 0  # elements opened past MAKS_KEDALAMAN
    anchor = None
    pos, tags = 0, 0
    n = len(raw)

    def text(chunk):
        if not chunk:
            return
        (hasil.tersembunyi if hidden_depth else hasil.tampak).append(chunk)
        if anchor is not None:
            anchor.teks += chunk

    while pos < n:
        m = _TAG.search(raw, pos)
        if m is None or tags >= MAKS_TAG:
            rest = raw[pos:]
            if m is not None:
                hasil.dipangkas = True
                rest = re.sub(r"<[^>]{0,2000}>", " ", rest)
            text(rest)
            break
        tags += 1
        text(raw[pos : m.start()])
        if m.group(0) == "<!--":
            end = raw.find("-->", m.end())
            pos = n if end < 0 else end + 3
            continue
        closing, name, attr_text = m.group(1), m.group(2).lower(), m.group(3)
        pos = m.end()
        if name not in _INLINE:
            text("\n")  # a block ends a word (and a paragraph); inline tags may split one ("s<b>l</b>ot")
        if closing:
            if name == "a" and anchor is not None:
                hasil.tautan.append(anchor)
                anchor = None
            if overflow:
                overflow -= 1
                continue
            for i in range(len(stack) - 1, max(-1, len(stack) - 30), -1):
                if stack[i][0] == name:
                    hidden_depth -= sum(1 for _, h in stack[i:] if h)
                    del stack[i:]
                    break
            continue
        attrs = _attrs(attr_text) if attr_text.strip() else {}
        hidden = _tersembunyi(name, attrs)
        for key in ("href", "src", "action", "data-href", "data-url"):
            if attrs.get(key):
                link = Tautan(attrs[key], _host(attrs[key]), bool(hidden_depth or hidden), tag=name)
                if name == "a" and key == "href":
                    if anchor is not None:
                        hasil.tautan.append(anchor)
                    anchor = link
                else:
                    hasil.tautan.append(link)
                break
        if name == "img" and anchor is not None:
            anchor.gambar = True
        if name in _RAW_TEXT and not attr_text.endswith("/"):
            end = re.compile(rf"</{name}\s*>", re.I).search(raw, pos)
            pos = n if end is None else end.end()
            continue
        if name in _VOID or attr_text.endswith("/"):
            continue
        if len(stack) >= MAKS_KEDALAMAN:
            overflow += 1
            continue
        stack.append((name, hidden))
        hidden_depth += hidden
    if anchor is not None:
        hasil.tautan.append(anchor)
    for m in _BARE_URL.finditer(html.unescape(" ".join(hasil.tampak))[: 2 * MAKS_TEKS]):
        url = m.group(0) if m.group(0).startswith("http") else "https://" + m.group(0)
        hasil.tautan.append(Tautan(url, _host(url), False, m.group(0)))
    return hasil


# --- scoring ------------------------------------------------------------------------------------


def _kutip(layer, start, end):
    a = max(0, start - 50)
    b = min(len(layer), end + 50)
    return " ".join(layer[a:b].split())[:MAKS_KUTIPAN]


def _batasi(text):
    if len(text) <= MAKS_TEKS:
        return text, False
    head = MAKS_TEKS * 3 // 4
    return text[:head] + " " + text[-(MAKS_TEKS - head) :], True


def _tutup(cocok, rules, daftar):
    """Mask ordinary phrases and allow-listed ones (spaces of the same length keep layers aligned)."""
    patterns = [rules.pengecualian] if rules.pengecualian else []
    patterns += [_frasa_izin(tuple(daftar.izin_frasa))] if daftar.izin_frasa else []
    for pattern in patterns:
        if pattern is not None:
            cocok = pattern.sub(lambda m: " " * len(m.group(0)), cocok)  # the leading space too: still a boundary
    return cocok


@cache
def _frasa_izin(frasa):
    parts = [re.escape(" ".join(lapisan(f).cocok.split())).replace(r"\ ", " *") for f in frasa]
    parts = [p for p in parts if p]
    return re.compile(" (?:" + "|".join(parts) + r")\b") if parts else None


def _jumlah(table, text):
    """(score, [(weight, match, source)]) of the patterns in `table` found in `text`: each
    pattern counts its weight once, and half a point more per repeat, at most two more."""
    total, hits = 0.0, []
    for pattern, weight, src in table:
        found = pattern.finditer(text)
        first = next(found, None)
        if first is None:
            continue
        repeats = sum(1 for _ in zip(range(4), found, strict=False))
        total += weight + 0.5 * min(repeats, 2)
        hits.append((weight, first, src))
    return total, hits


def _merek(layers, rules, daftar):
    """Brand names, read before leetspeak is folded ("mahkota88") and after ("5ult4ng4c0r")."""
    brands = {}
    for m in (*rules.merek.finditer(layers.polos), *rules.merek.finditer(layers.tampil)):
        word = m.group(0)
        if word in brands or word in rules.merek_bukan or _istilah_saja(word) or _izin_domain_kata(word, daftar):
            continue
        if any(word.endswith(place) for place in daftar.nama_tempat):  # "mrebet", "pemdesamrebet"
            continue
        brands[word] = m
        if len(brands) >= 3:
            break
    return brands


@cache
def _istilah_saja(word):
    """Whether `word` is a gambling term itself ("maxwin", "slotgacor"), not a site's name."""
    word = " " + word.replace("l", "i")
    return any(p.fullmatch(word) for p, w, _ in aturan().istilah if w >= 3)


def _izin_domain_kata(word, daftar):
    return any(d.split(".")[0] == word for d in daftar.izin_domain)


def _cocok_domain(host, domains):
    return any(host == d or host.endswith("." + d) for d in domains)


def _luar(link, daftar):
    return bool(link.host) and not _cocok_domain(link.host, daftar.rumah)


def skor_teks(text, daftar=Daftar(), *, ada_tautan_luar=False):
    """(score, [Temuan]) of plain text: terms, promotion, brands, damped by campaign words."""
    rules = aturan()
    layers = lapisan(text)
    cocok = _tutup(layers.cocok, rules, daftar)
    term, term_hits = _jumlah(rules.istilah, cocok) if rules.ada_istilah.search(cocok) else (0.0, [])
    brands = _merek(layers, rules, daftar)
    strongest = max((w for w, _, _ in term_hits), default=0)
    promo, _ = _jumlah(rules.promosi, cocok) if brands or strongest >= rules.promosi_mulai else (0.0, [])
    lawan, _ = _jumlah(rules.penangkal, cocok) if term_hits else (0.0, [])
    factor = max(0.0, 1 - lawan / rules.redam)
    score = (term + promo) * factor + rules.merek_bobot * len(brands)
    if brands and term_hits:  # a brand next to gambling words is an advertisement, whatever else the text says
        score += rules.merek_bobot
    if ada_tautan_luar and (brands or term * factor >= rules.promosi_mulai):
        score += rules.bobot_tautan_luar
    findings = []
    if term_hits:
        weight, m, src = max(term_hits, key=lambda h: h[0])
        findings.append(
            Temuan(
                "istilah",
                f"istilah judi online \u201c{layers.tampil[m.start() : m.end()].strip()}\u201d",
                _kutip(layers.tampil, m.start(), m.end()),
                layers.tampil[m.start() : m.end()].strip(),
            )
        )
    for word, m in brands.items():
        findings.append(
            Temuan("merek", f"nama situs judi \u201c{word}\u201d", _kutip(layers.tampil, m.start(), m.end()), word)
        )
    return score, findings


def _struktur(bacaan, daftar, rules):
    """Findings that hold a text on their own: hidden content, empty links, blocklisted
    domains, link farms."""
    findings = []
    outbound = [
        t for t in bacaan.tautan if t.tag == "a" and _luar(t, daftar) and not _cocok_domain(t.host, daftar.izin_domain)
    ]
    hidden_text = " ".join(bacaan.tersembunyi)
    hidden_links = [t for t in outbound if t.tersembunyi]
    if hidden_links or hidden_text.strip():
        score, _ = skor_teks(hidden_text[:MAKS_TEKS], daftar) if hidden_text.strip() else (0.0, [])
        if hidden_links or score >= rules.promosi_mulai:
            evidence = hidden_links[0].url if hidden_links else " ".join(hidden_text.split())[:MAKS_KUTIPAN]
            findings.append(
                Temuan("tersembunyi", "teks atau tautan yang disembunyikan dari pengunjung", evidence[:MAKS_KUTIPAN])
            )
    for link in outbound:
        if not link.tersembunyi and not link.gambar and len(link.teks.strip()) <= 1 and link.url[:4].lower() == "http":
            findings.append(
                Temuan("tautan_kosong", "tautan ke situs luar tanpa teks", link.url[:MAKS_KUTIPAN], link.host)
            )
            break
    counted = {t.url for t in outbound if not _cocok_domain(t.host, rules.tepercaya)}
    shown = sum(len(p) for p in bacaan.tampak)
    if len(counted) >= rules.min_tautan or (len(counted) >= rules.min_pendek and shown < rules.pendek):
        hosts = sorted({_host(u) for u in counted})
        findings.append(
            Temuan("ladang_tautan", f"{len(counted)} tautan ke situs luar", ", ".join(hosts[:5])[:MAKS_KUTIPAN])
        )
    return findings, outbound


def _diblokir(raw, bacaan, daftar):
    """The first blocklisted domain anywhere in the text: links, scripts, written-out addresses."""
    if not daftar.blokir:
        return None
    hosts = {t.host for t in bacaan.tautan if t.host}
    folded = _lipat(raw[: 2 * MAKS_TEKS] if len(raw) > 2 * MAKS_TEKS else raw)
    hosts.update(m.group(1) for m in _URL.finditer(folded))
    hosts.update(m.group(1) for m in _HOST_IN_TEXT.finditer(folded))
    for host in sorted(hosts):
        host = host.lower().rstrip(".")
        if _cocok_domain(host, daftar.blokir) and not _cocok_domain(host, daftar.izin_domain):
            return Temuan("domain_diblokir", f"tautan ke domain yang diblokir kabupaten ({host})", host, host)
    return None


MAKS_BLOK = 300  # paragraphs read one by one for an advertisement slipped into news


def _iklan_sisipan(shown, daftar, rules):
    """A paragraph that reads as an advertisement on its own (gambling terms and calls to
    action) inside a text whose campaign words damp the whole: spam slipped into real news
    about the campaign against gambling. Returns (score, findings) of that paragraph, or None."""
    for block in shown.split("\n")[:MAKS_BLOK]:
        if len(block) < 20:
            continue
        cocok = _tutup(lapisan(block).cocok, rules, daftar)
        if not rules.ada_istilah.search(cocok):
            continue
        term, _ = _jumlah(rules.istilah, cocok)
        promo, _ = _jumlah(rules.promosi, cocok)
        if term >= rules.ambang and promo >= rules.promosi_sisipan:
            return skor_teks(block, daftar)[1]
    return None


def periksa(teks, daftar=Daftar()):
    """Check `teks` (a string, or {field: raw value} of one object) before it is published."""
    if isinstance(teks, dict):
        raw = "\n".join(str(v) for v in teks.values() if v)
    else:
        raw = str(teks or "")
    rules = aturan()
    bacaan = baca_html(raw)
    findings, outbound = _struktur(bacaan, daftar, rules)
    blocked = _diblokir(raw, bacaan, daftar)
    if blocked:
        findings.insert(0, blocked)
    shown, cut = _batasi(html.unescape("".join(bacaan.tampak + [" "] + bacaan.tersembunyi)))
    score, text_findings = skor_teks(shown, daftar, ada_tautan_luar=bool(outbound))
    if text_findings and score < rules.ambang:
        sisipan = _iklan_sisipan(shown, daftar, rules)
        if sisipan:
            score, text_findings = rules.ambang, sisipan
    held = bool(findings) or score >= rules.ambang
    if score >= rules.ambang:
        findings = text_findings + findings
    return Putusan(held, round(score, 1), tuple(findings), cut or bacaan.dipangkas)
