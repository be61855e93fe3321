from django.urls import path

from scriptorium.accounts.views import ao3_compat, auth, profiles, username

app_name = "accounts"
urlpatterns = [
    path("signup", auth.signup, name="signup"),
    path("login", auth.login, name="login"),
    path("logout", auth.logout, name="logout"),
    path("account/preferences", auth.preferences, name="preferences"),
    path("account/username", username.username_change, name="username"),
    path("account/pseuds", auth.pseud_manage, name="pseuds"),
    path("account/pseuds/new", auth.pseud_new, name="pseud_new"),
    path("account/pseuds/<int:pseud_id>/edit", auth.pseud_edit, name="pseud_edit"),
    path("account/pseuds/<int:pseud_id>/delete", auth.pseud_delete, name="pseud_delete"),
    path("adult-content", auth.adult_consent, name="adult_consent"),
    # AO3's addresses, for the tools written for it (views/ao3_compat.py); before users/<username>/.
    path("token_dispenser.json", ao3_compat.token_dispenser, name="token_dispenser"),
    path("users/login", ao3_compat.login, name="ao3_login"),
    path("users/logout", ao3_compat.logout, name="ao3_logout"),
    path("users/<str:username>/pseuds/<str:pseud>", ao3_compat.pseud_redirect, name="pseud_ao3"),
    path("users/<str:username>/", profiles.user_detail, name="user"),
    path("users/<str:username>/pseuds/<str:pseud>/", profiles.pseud_detail, name="pseud"),
]
