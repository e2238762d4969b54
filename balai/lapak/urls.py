app_name = "lapak"
urlpatterns = []
