from django.apps import AppConfig


class KeuanganConfig(AppConfig):
    name = "balai.keuangan"
    verbose_name = "Keuangan desa (APBDes)"
    extensions = []
