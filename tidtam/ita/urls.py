app_name = "ita"
urlpatterns: list = []
