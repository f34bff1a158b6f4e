from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_two_factor

urlpatterns = [
    path("sign-in/", views.LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/complete/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("two-factor/set-up/", views_two_factor.setup, name="two_factor_setup"),
    path("two-factor/", views_two_factor.verify, name="two_factor_verify"),
    path("two-factor/recovery-codes/", views_two_factor.recovery_codes, name="two_factor_recovery_codes"),
    path("account/two-factor/recovery-codes/new/", views_two_factor.regenerate_recovery_codes, name="two_factor_new_recovery_codes"),
    path("account/two-factor/", views_two_factor.settings_page, name="two_factor_settings"),
    path("session/keepalive/", views_two_factor.keepalive, name="session_keepalive"),
]
