app_name = "keamanan"
urlpatterns = []
