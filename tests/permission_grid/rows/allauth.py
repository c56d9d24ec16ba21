"""allauth's account and MFA pages: the same for every portal role, by design.

Written out one by one (not generated) so that a new allauth URL — an upgrade, a newly
enabled feature such as user sessions — fails the grid until someone states who may
use it.
"""

from django.urls import reverse

from tests.permission_grid.notation import row

ROWS = [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "account_login",
        get=" 200  302  302  302  302  302  302  302  302",
        post="200  302  302  302  302  302  302  302  302",
    ),
    row(
        "account_logout",
        why="signing out writes its sign-in record (#17)",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    L+   L+   L+   L+   L+   L+   L+   L+",
    ),
    row(
        "account_inactive",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "account_signup",
        get=" 200  302  302  302  302  302  302  302  302",
        post="200  302  302  302  302  302  302  302  302",
    ),
    row(
        "account_reauthenticate",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    200  200  200  200  200  200  200  200",
    ),
    row(
        "account_email",
        get=" L    200  200+ 200+ 200+ 200+ 200+ 200+ 200+",
        post="L    302  302+ 302+ 302+ 302+ 302+ 302+ 302+",
    ),
    row(
        "account_email_verification_sent",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "account_change_password",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    200  200  200  200  200  200  200  200",
    ),
    row(
        "account_set_password",
        get=" L    302  302  302  302  302  302  302  302",
        post="L    302  302  302  302  302  302  302  302",
    ),
    row(
        "account_reset_password",
        get=" 200  200  200  200  200  200  200  200  200",
        post="200  200  200  200  200  200  200  200  200",
    ),
    row(
        "account_reset_password_done",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "account_confirm_login_code",
        get=" L    302  302  302  302  302  302  302  302",
        post="L    302  302  302  302  302  302  302  302",
    ),
    row(
        "account_confirm_email",
        lambda s: ["not-a-key"],
        get=" 200  200  200  200  200  200  200  200  200",
        post="404  404  404  404  404  404  404  404  404",
    ),
    row(
        "account_reset_password_from_key",
        path=lambda s: reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "1", "key": "not-a-key"}
        ),
        get=" 200  200  200  200  200  200  200  200  200",
        post="200  200  200  200  200  200  200  200  200",
    ),
    row(
        "account_reset_password_from_key_done",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "mfa_index",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "mfa_authenticate",
        get=" L    302  302  302  302  302  302  302  302",
        post="L    302  302  302  302  302  302  302  302",
    ),
    row(
        "mfa_reauthenticate",
        get=" L    302  302  302  302  302  302  302  302",
        post="L    302  302  302  302  302  302  302  302",
    ),
    row(
        "mfa_activate_totp",
        get=" L    302  302  302  302  302  302  302  302",
        post="L    302  302  302  302  302  302  302  302",
    ),
    row(
        "mfa_deactivate_totp",
        get=" L    404  404  404  404  404  404  404  404",
        post="L    404  404  404  404  404  404  404  404",
    ),
    row(
        "mfa_view_recovery_codes",
        get=" L    404  404  404  404  404  404  404  404",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "mfa_generate_recovery_codes",
        get=" L    302  302  302  302  302  302  302  302",
        post="L    302  302  302  302  302  302  302  302",
    ),
    row(
        "mfa_download_recovery_codes",
        get=" L    404  404  404  404  404  404  404  404",
        post="L    404  404  404  404  404  404  404  404",
    ),
    row(
        "usersessions_list",
        why="everyone signed in sees and ends their own sessions (#10 point 4)",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    302  302  302  302  302  302  302  302",
    ),
    # Single sign-on for staff (#17): allauth's socialaccount with the openid_connect
    # provider. No provider is configured in the grid, so its login and callback are 404.
    row(
        "openid_connect_login",
        lambda s: ["no-such-provider"],
        get=" 404  404  404  404  404  404  404  404  404",
        post="404  404  404  404  404  404  404  404  404",
    ),
    row(
        "openid_connect_callback",
        lambda s: ["no-such-provider"],
        get=" 404  404  404  404  404  404  404  404  404",
        post="404  404  404  404  404  404  404  404  404",
    ),
    row(
        "socialaccount_login_cancelled",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "socialaccount_login_error",
        why="allauth's page for a failed provider round trip answers 401",
        get=" L    401  401  401  401  401  401  401  401",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "socialaccount_signup",
        why="nobody signs up through SSO: without a pending sign-in it sends to the login",
        get=" L    L    L    L    L    L    L    L    L",
        post="L    L    L    L    L    L    L    L    L",
    ),
    row(
        "socialaccount_connections",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    200  200  200  200  200  200  200  200",
    ),
    row(
        "accounts/social/login/cancelled/",
        path=lambda s: "/accounts/social/login/cancelled/",
        get=" L    301  301  301  301  301  301  301  301",
        post="L    301  301  301  301  301  301  301  301",
    ),
    row(
        "accounts/social/login/error/",
        path=lambda s: "/accounts/social/login/error/",
        get=" L    301  301  301  301  301  301  301  301",
        post="L    301  301  301  301  301  301  301  301",
    ),
    row(
        "accounts/social/signup/",
        path=lambda s: "/accounts/social/signup/",
        get=" L    301  301  301  301  301  301  301  301",
        post="L    301  301  301  301  301  301  301  301",
    ),
    row(
        "accounts/social/connections/",
        path=lambda s: "/accounts/social/connections/",
        get=" L    301  301  301  301  301  301  301  301",
        post="L    301  301  301  301  301  301  301  301",
    ),
]
