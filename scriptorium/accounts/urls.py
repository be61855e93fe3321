from django.urls import path

from scriptorium.accounts.views import auth, profiles, username

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
    path("users/<str:username>/", profiles.user_detail, name="user"),
    path("users/<str:username>/pseuds/<str:pseud>/", profiles.pseud_detail, name="pseud"),
]
