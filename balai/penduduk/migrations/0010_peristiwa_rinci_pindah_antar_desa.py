"""Birth, death and move details (OpenSID's fields and codes); moves between villages of the
kabupaten; a newborn may wait for its NIK (empty)."""

import balai.penduduk.kode
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('penduduk', '0009_buku_bahasa_tanggal_kk'),
        ('wilayah', '0002_kabupaten_ambang_kesegaran_hari'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PindahAntarDesa',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nama', models.CharField(max_length=100, verbose_name='nama')),
                ('tanggal', models.DateField(verbose_name='tanggal pindah')),
                ('no_dokumen', models.CharField(blank=True, max_length=100, verbose_name='nomor surat pindah')),
                ('alasan_pindah', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Pekerjaan'), (2, 'Pendidikan'), (3, 'Keamanan'), (4, 'Kesehatan'), (5, 'Perumahan'), (6, 'Keluarga'), (7, 'Lainnya')], null=True, verbose_name='alasan pindah')),
                ('keterangan', models.TextField(blank=True, verbose_name='keterangan')),
                ('no_kk_baru', models.CharField(blank=True, max_length=16, validators=[django.core.validators.RegexValidator('^\\d{16}$', 'Harus 16 angka.', code='bukan_16_angka')], verbose_name='nomor KK baru')),
                ('shdk', models.PositiveSmallIntegerField(validators=[balai.penduduk.kode.KodeValidator('shdk')], verbose_name='hubungan dalam keluarga (SHDK)')),
                ('status', models.CharField(choices=[('menunggu', 'Menunggu konfirmasi desa asal'), ('selesai', 'Dikonfirmasi'), ('ditolak', 'Ditolak')], default='menunggu', max_length=10, verbose_name='status')),
                ('alasan_tolak', models.CharField(blank=True, max_length=255, verbose_name='alasan ditolak')),
                ('diajukan', models.DateTimeField(auto_now_add=True, verbose_name='diajukan')),
                ('diputus', models.DateTimeField(blank=True, null=True, verbose_name='diputus')),
                ('oleh_kecamatan', models.BooleanField(default=False, verbose_name='dikonfirmasi kecamatan')),
            ],
            options={
                'verbose_name': 'pindah antar desa',
                'verbose_name_plural': 'pindah antar desa',
                'ordering': ['-diajukan', '-id'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='penduduk',
            name='penduduk_nik_hidup_unik_per_desa',
        ),
        migrations.AddField(
            model_name='penduduk',
            name='berat_lahir',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='berat lahir (gram)'),
        ),
        migrations.AddField(
            model_name='penduduk',
            name='jenis_kelahiran',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Tunggal'), (2, 'Kembar 2'), (3, 'Kembar 3'), (4, 'Kembar 4')], null=True, verbose_name='jenis kelahiran'),
        ),
        migrations.AddField(
            model_name='penduduk',
            name='kelahiran_anak_ke',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='kelahiran anak ke-'),
        ),
        migrations.AddField(
            model_name='penduduk',
            name='panjang_lahir',
            field=models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='panjang lahir (cm)'),
        ),
        migrations.AddField(
            model_name='penduduk',
            name='penolong_kelahiran',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Dokter'), (2, 'Bidan/perawat'), (3, 'Dukun'), (4, 'Lainnya')], null=True, verbose_name='penolong kelahiran'),
        ),
        migrations.AddField(
            model_name='penduduk',
            name='tempat_dilahirkan',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'RS/RB'), (2, 'Puskesmas'), (3, 'Polindes'), (4, 'Rumah'), (5, 'Lainnya')], null=True, verbose_name='tempat dilahirkan'),
        ),
        migrations.AddField(
            model_name='penduduk',
            name='waktu_lahir',
            field=models.TimeField(blank=True, null=True, verbose_name='jam lahir'),
        ),
        migrations.AddField(
            model_name='peristiwa',
            name='alasan_pindah',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Pekerjaan'), (2, 'Pendidikan'), (3, 'Keamanan'), (4, 'Kesehatan'), (5, 'Perumahan'), (6, 'Keluarga'), (7, 'Lainnya')], null=True, verbose_name='alasan pindah'),
        ),
        migrations.AddField(
            model_name='peristiwa',
            name='hubungan_pelapor',
            field=models.CharField(blank=True, max_length=50, verbose_name='hubungan pelapor dengan yang meninggal'),
        ),
        migrations.AddField(
            model_name='peristiwa',
            name='jenis_pindah',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Pindah keluar desa/kelurahan (dalam kecamatan)'), (2, 'Pindah keluar kecamatan (dalam kabupaten)'), (3, 'Pindah keluar kabupaten/kota'), (4, 'Pindah keluar provinsi')], null=True, verbose_name='jenis kepindahan'),
        ),
        migrations.AddField(
            model_name='peristiwa',
            name='pelapor',
            field=models.CharField(blank=True, max_length=100, verbose_name='nama pelapor'),
        ),
        migrations.AddField(
            model_name='peristiwa',
            name='penolong_mati',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Dokter'), (2, 'Tenaga kesehatan'), (3, 'Kepolisian'), (4, 'Lainnya')], null=True, verbose_name='yang menerangkan kematian'),
        ),
        migrations.AddField(
            model_name='peristiwa',
            name='sebab_kematian',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Sakit biasa / tua'), (2, 'Wabah penyakit'), (3, 'Kecelakaan'), (4, 'Kriminalitas'), (5, 'Bunuh diri'), (6, 'Lainnya')], null=True, verbose_name='sebab kematian'),
        ),
        migrations.AddField(
            model_name='peristiwa',
            name='tempat',
            field=models.CharField(blank=True, max_length=100, verbose_name='tempat meninggal'),
        ),
        migrations.AddField(
            model_name='peristiwa',
            name='waktu',
            field=models.TimeField(blank=True, null=True, verbose_name='jam'),
        ),
        migrations.AlterField(
            model_name='penduduk',
            name='nik',
            field=models.CharField(blank=True, max_length=16, validators=[django.core.validators.RegexValidator('^\\d{16}$', 'Harus 16 angka.', code='bukan_16_angka')], verbose_name='NIK'),
        ),
        migrations.AddConstraint(
            model_name='penduduk',
            constraint=models.UniqueConstraint(condition=models.Q(('status_dasar', 1), models.Q(('nik', ''), _negated=True)), fields=('desa', 'nik'), name='penduduk_nik_hidup_unik_per_desa', violation_error_message='NIK ini sudah dipakai penduduk hidup lain di desa ini.'),
        ),
        migrations.AddField(
            model_name='pindahantardesa',
            name='desa',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.desa'),
        ),
        migrations.AddField(
            model_name='pindahantardesa',
            name='desa_asal',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.desa'),
        ),
        migrations.AddField(
            model_name='pindahantardesa',
            name='diajukan_oleh',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='pindahantardesa',
            name='diputus_oleh',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='pindahantardesa',
            name='keluarga',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='penduduk.keluarga'),
        ),
        migrations.AddField(
            model_name='pindahantardesa',
            name='penduduk_asal',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='penduduk.penduduk'),
        ),
        migrations.AddField(
            model_name='pindahantardesa',
            name='penduduk_baru',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='penduduk.penduduk'),
        ),
        migrations.AddField(
            model_name='pindahantardesa',
            name='rt',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.rt'),
        ),
        migrations.AddIndex(
            model_name='pindahantardesa',
            index=models.Index(fields=['desa_asal', 'status'], name='pindah_antar_desa_asal'),
        ),
        migrations.AddConstraint(
            model_name='pindahantardesa',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'menunggu')), fields=('desa', 'penduduk_asal'), name='pindah_antar_desa_satu_menunggu', violation_error_message='Kepindahan penduduk ini sudah diajukan dan menunggu konfirmasi.'),
        ),
    ]
