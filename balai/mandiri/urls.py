app_name = "mandiri"
urlpatterns = []
