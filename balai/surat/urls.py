app_name = "surat"
urlpatterns = []
