app_name = "kehadiran"
urlpatterns = []
