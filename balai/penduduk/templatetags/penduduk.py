from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from balai.penduduk import kode, privasi

register = template.Library()


@register.simple_tag(takes_context=True)
def nomor(context, value):
    """A NIK or KK number, masked unless the signed-in role needs it in full."""
    return privasi.tampil_nomor(value, context["request"].user)


@register.filter
def kode_nama(value, jenis):
    return kode.nama(jenis, value, default="—")


@register.simple_tag(takes_context=True)
def baris_penduduk(context, rows, tempat):
    """The <tr> rows of the resident list (dicts of selectors.KOLOM_DAFTAR; `tempat`: the
    village's selectors.pilihan_tempat), written in Python: the list is opened all day, and eight
    cells of fifty rows through the template engine cost more than the rest of the page. Same
    markup as a template loop would give; every value is escaped (the standard library's escape:
    Django's, the same, first checks for lazy text)."""
    user = context["request"].user
    lihat = privasi.boleh_lihat_nik(user)
    detail = reverse("penduduk:detail", args=[0]).removesuffix("0/")
    out = []
    for p in rows:
        nik = p["nik"] if lihat else privasi.samarkan(p["nik"])
        tanggal = p["tanggal_lahir"].strftime("%d-%m-%Y") if p["tanggal_lahir"] else ""
        if p["status_dasar"] == kode.HIDUP:
            status = '<span class="badge">Hidup</span>'
        else:
            status = f'<span class="badge off">{escape(kode.nama("status_dasar", p["status_dasar"], "—"))}</span>'
        dusun = escape(tempat["nama_dusun"].get(p["dusun_id"], "—"))
        out.append(
            f"<tr>\n  <td><code>{escape(nik)}</code></td>"
            f'\n  <td><a href="{detail}{p["id"]}/">{escape(p["nama"])}</a></td>'
            f"\n  <td>{'L' if p['jenis_kelamin'] == 1 else 'P'}</td>\n  <td>{tanggal}</td>"
            f"\n  <td>{escape(kode.nama('shdk', p['shdk'], '—'))}</td>"
            f"\n  <td>{dusun}</td>\n  <td>{tempat['rt_rw'].get(p['rt_id'], '—')}</td>"
            f"\n  <td>{status}</td>\n</tr>\n"
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def baris_keluarga(context, rows, tempat):
    """The <tr> rows of the KK list ((dict of selectors.daftar_keluarga, head's name, living
    members) per family), written in Python as `baris_penduduk` is, for the same reason."""
    lihat = privasi.boleh_lihat_nik(context["request"].user)
    detail = reverse("penduduk:keluarga_detail", args=[0]).removesuffix("0/")
    out = []
    for k, kepala, jumlah in rows:
        no_kk = k["no_kk"] if lihat else privasi.samarkan(k["no_kk"])
        dusun = tempat["nama_dusun"].get(k["dusun_id"])
        out.append(
            f'<tr><td><a href="{detail}{k["id"]}/"><code>{escape(no_kk)}</code></a></td>'
            f"<td>{escape(kepala) if kepala else '(belum ada)'}</td><td>{jumlah}</td>"
            f"<td>{escape(k['alamat']) if k['alamat'] else '—'}</td>"
            f"<td>{escape(dusun) if dusun else '—'}</td><td>{tempat['rt_rw'].get(k['rt_id'], '—')}</td></tr>\n"
        )
    return mark_safe("".join(out))
