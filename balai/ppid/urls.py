app_name = "ppid"
urlpatterns = []
