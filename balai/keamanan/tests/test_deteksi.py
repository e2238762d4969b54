"""The content check on its own: the labelled set, each kind of disguise, and bad input."""

import json
import time
from pathlib import Path

import pytest

from balai.keamanan import deteksi
from balai.keamanan.deteksi import Daftar, periksa

DATA = Path(__file__).parent / "data"
BLOKIR = frozenset({"judiku.example", "gacorhub.example", "pusatmaxwin.example", "slot-resmi.example"})


def _set(name):
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_labelled_set_holds_spam_and_lets_village_news_pass():
    normal, spam = _set("normal.jsonl"), _set("spam.jsonl")
    assert len(normal) >= 300 and len(spam) >= 300
    daftar = Daftar(blokir=BLOKIR)
    held_normal = [r for r in normal if periksa(r["text"], daftar).tahan]
    held_spam = [r for r in spam if periksa(r["text"], daftar).tahan]
    recall = len(held_spam) / len(spam)
    false_positive_rate = len(held_normal) / len(normal)
    assert recall >= 0.95, [r["text"][:80] for r in spam if r not in held_spam][:5]
    assert false_positive_rate < 0.01, [r["text"][:80] for r in held_normal][:5]


def test_hand_written_samples():
    """Thirty ordinary texts and thirty advertisements written by hand, in forms the generated
    set does not use (small capitals, a spelt-out RTP, casino games, "akun pro Kamboja")."""
    normal = (DATA / "tangan_normal.txt").read_text(encoding="utf-8").splitlines()
    spam = (DATA / "tangan_spam.txt").read_text(encoding="utf-8").splitlines()
    assert len(normal) == len(spam) == 30
    assert [t for t in normal if periksa(t).tahan] == []
    assert [t for t in spam if not periksa(t).tahan] == []


def test_every_kind_of_the_set_is_represented():
    kinds = {r["jenis"] for r in _set("spam.jsonl")}
    assert {"leetspeak", "dieja", "homoglif", "lebar_nol", "emoji", "tersembunyi", "ladang_tautan"} <= kinds
    assert {"anti_judi", "warga_toto", "bandara", "olahraga", "jadwal"} <= {r["jenis"] for r in _set("normal.jsonl")}


@pytest.mark.parametrize(
    "text",
    [
        "Slot gacor hari ini, maxwin dijamin",
        "s1ot g4c0r m4xw1n hari ini",  # leetspeak
        "s l o t   g a c o r   m a x w i n",  # spelt out
        "ѕlоt gасоr mахwіn",  # Cyrillic look-alikes
        "ｓｌｏｔ ｇａｃｏｒ ｍａｘｗｉｎ",  # fullwidth
        "s\u200bl\u200bo\u200bt g\u200ba\u200bc\u200bo\u200br maxwin",  # zero-width
        "s🎰l🎰o🎰t 🎰 g🎰a🎰c🎰o🎰r",  # emoji spacing
        "𝐬𝐥𝐨𝐭 𝐠𝐚𝐜𝐨𝐫 𝐦𝐚𝐱𝐰𝐢𝐧",  # mathematical letters
        "MAHKOTA88 login gampang menang",  # brand pattern
        "t0g3l 0nl1n3 t3rp3rc4y4, d3p0 v1a d4n4",
    ],
)
def test_disguised_promotion_is_held(text):
    putusan = periksa(text)
    assert putusan.tahan, putusan
    assert putusan.temuan and putusan.temuan[0].kutipan


@pytest.mark.parametrize(
    "text",
    [
        "Slot waktu konsultasi kependudukan dibatasi 20 orang per hari.",
        "Slot pendaftaran posyandu masih tersedia untuk 10 balita.",
        "Pak Toto Sugiarto terpilih menjadi ketua kelompok tani.",
        "Jamaah umrah berangkat dari Bandara Jenderal Besar Soedirman.",
        "Final turnamen bola voli antar-RT digelar Minggu pagi.",
        "Lomba burung berkicau: burung gacor milik Pak Slamet juara pertama.",
        "Polsek Kaligondang menggelar sosialisasi bahaya judi online dan togel; Kapolsek mengimbau warga tidak tergiur"
        " iklan slot gacor yang menjanjikan maxwin.",
        "Razia togel: polisi mengamankan tersangka dan barang bukti, pelaku dijerat pasal 303 KUHP.",
        "Erwin dan Edwin belajar alfabet di PAUD.",
        "BUMDes membuka deposit tabungan, bonus 2% untuk penabung rutin. Daftar sekarang!",
        'Lihat <a href="https://purbalinggakab.go.id">situs kabupaten</a>.',
    ],
)
def test_ordinary_village_text_passes(text):
    putusan = periksa(text)
    assert not putusan.tahan, putusan


@pytest.mark.parametrize(
    "style",
    [
        "display:none",
        "visibility: hidden",
        "font-size:0",
        "font-size: 1px",
        "position:absolute; left:-9999px",
        "color:#ffffff; background-color:#ffffff",
        "opacity:0",
    ],
)
def test_hidden_links_are_held_even_where_the_sanitiser_would_strip_them(style):
    raw = f'<p>Kerja bakti warga.</p><div style="{style}"><a href="https://mahkota88.example/">info</a></div>'
    putusan = periksa(raw)
    assert putusan.tahan and "tersembunyi" in putusan.aturan


def test_hidden_harmless_text_is_not_held_but_hidden_terms_are():
    assert not periksa('<p>Rapat RT.</p><span style="display:none">catatan panitia</span>').tahan
    assert periksa('<p>Rapat RT.</p><span style="display:none">situs judi togel</span>').tahan


def test_a_link_without_text_is_held():
    putusan = periksa('<p>Berita desa.</p><a href="https://x.example/">.</a>')
    assert putusan.tahan and putusan.aturan == "tautan_kosong"
    assert not periksa('<p>Foto <a href="https://x.example/"><img src="/a.jpg"></a></p>').tahan


def test_blocklisted_domain_anywhere_and_allow_list():
    raw = '<p>Info</p><script src="https://cdn.judiku.example/a.js"></script>'
    assert periksa(raw, Daftar(blokir=BLOKIR)).aturan == "domain_diblokir"
    assert periksa("Baca juga www.judiku.example hari ini", Daftar(blokir=BLOKIR)).tahan
    assert not periksa(raw, Daftar(blokir=BLOKIR, izin_domain=frozenset({"judiku.example"}))).tahan


def test_link_farm():
    links = "".join(f'<a href="https://toko{i}.example/">toko {i}</a> ' for i in range(12))
    assert periksa(f"<p>Daftar toko mitra kami.</p><p>{links}</p>").aturan == "ladang_tautan"
    gov = "".join(f'<a href="https://dinas{i}.purbalinggakab.go.id/">dinas {i}</a> ' for i in range(12))
    assert not periksa(f"<p>Tautan dinas kabupaten.</p><p>{gov}</p>").tahan


def test_allow_listed_phrase_is_masked():
    text = "Kedai Slot Gacor milik warga buka sampai malam"
    assert periksa(text).tahan
    assert not periksa(text, Daftar(izin_frasa=("Slot Gacor",))).tahan


def test_normalisation_folds_disguises():
    assert deteksi.normalkan("Ｓ１ｏｔ  G@c0r") == "slot gacor"
    assert deteksi.normalkan("ѕ l о t") == "slot"
    assert deteksi.normalkan("RT 01 RW 02 Rp 10rb tahun 2024") == "rt 01 rw 02 rp 10rb tahun 2024"


def test_five_megabyte_body_is_bounded_and_still_finds_spam_at_the_end():
    body = "<p>Warga bergotong royong membersihkan saluran air di dusun.</p>" * 80_000  # ~5 MB
    raw = body + '<div style="display:none"><a href="https://mahkota88.example/">slot gacor</a></div>'
    assert len(raw) > 5_000_000
    start = time.perf_counter()
    putusan = periksa(raw)
    assert time.perf_counter() - start < 5
    assert putusan.tahan and putusan.dipangkas


def test_deep_nesting_does_not_recurse_or_lose_hidden_state():
    raw = (
        "<div>" * 50_000
        + '<span style="display:none"><a href="https://x.example/">slot gacor</a></span>'
        + "</div>" * 50_000
    )
    start = time.perf_counter()
    putusan = periksa(raw)
    assert time.perf_counter() - start < 5
    assert putusan.tahan


def test_mixed_scripts_are_read_without_error():
    text = "Pengajian بسم الله الرحمن الرحيم di masjid, ꦧꦭꦻ ꦢꦺꦱ, 中文, Ελληνικά, русский текст."
    assert not periksa(text).tahan
    assert periksa("Ѕlot gасоr Ελληνικά maxwin").tahan


def test_broken_html_is_read():
    for raw in [
        "<p",
        "<<<>>>",
        '<a href="https://x.example/',
        "<div style='display:none'",
        "</div></div>text",
        "&#xZZ;",
    ]:
        assert periksa(raw).label in {"TAHAN", "LOLOS"}


def test_a_normal_article_is_checked_in_under_20_ms():
    article = "<p>" + "Musyawarah desa membahas RKPDes dan rabat beton di Dusun Krajan. " * 120 + "</p>"
    times = []
    for _ in range(10):
        start = time.perf_counter()
        periksa(article)
        times.append(time.perf_counter() - start)
    assert min(times) < 0.020  # the fastest run: other work on a shared machine only slows the rest


def test_place_names_of_the_region_are_not_brands():
    text = "Desa Sindang, Kecamatan Mrebet. Daftar sekarang di kantor desa, email pemdesamrebet@desa.id"
    assert periksa(text).tahan  # "mrebet" reads like "jayabet" to the brand rule alone
    assert not periksa(text, Daftar(nama_tempat=deteksi.kata_tempat(["Mrebet", "Sindang"]))).tahan
    assert periksa("JAYABET daftar gampang menang", Daftar(nama_tempat=deteksi.kata_tempat(["Mrebet"]))).tahan


def test_an_advertisement_slipped_into_news_of_a_razia_is_held():
    berita = (
        "<p>Polsek Kaligondang menggelar razia dan sosialisasi bahaya judi online. Kapolsek mengimbau warga"
        " menjauhi togel; pelaku dijerat pasal 303 KUHP.</p>"
    )
    assert not periksa(berita).tahan
    putusan = periksa(berita + "<p>Slot gacor hari ini, daftar sekarang, bonus new member 100%!</p>")
    assert putusan.tahan and "slot gacor" in putusan.temuan[0].kutipan
    # a paragraph quoting terms without calls to action stays part of the news
    assert not periksa(berita + "<p>Situs semacam itu menjanjikan slot gacor dan maxwin.</p>").tahan
