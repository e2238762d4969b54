app_name = "pembangunan"
urlpatterns = []
