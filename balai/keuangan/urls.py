app_name = "keuangan"
urlpatterns = []
