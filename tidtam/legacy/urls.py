app_name = "legacy"
urlpatterns: list = []
