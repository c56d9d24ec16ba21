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
        get=" L    200  200  200  200  200  200  200  200",
        post="L    L    L    L    L    L    L    L    L",
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
]
