"""allauth's own words that the portal shows, listed so that makemessages keeps them in the
portal's Danish catalogue (locale/da/LC_MESSAGES/django.po).

Django looks in LOCALE_PATHS before an app's catalogue, so the portal's Danish for these
replaces allauth's, which is stiff where it is not wrong ("Loggede succesfuldt ind med …",
"Password ændret med success."). The msgids must stay exactly allauth's; nothing imports
this module and it runs nothing.
"""

from django.utils.translation import gettext_noop

ALLAUTH_MESSAGES = [
    # Messages after signing in and out, and after a password change.
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    # The login and password forms.
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("Incorrect code."),
    gettext_noop("Incorrect password."),
    gettext_noop("Please type your current password."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Email address"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Password (again)"),
    gettext_noop("Remember Me"),
    # Resetting and changing the password.
    gettext_noop("Password Reset"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an "
        "email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop("Bad Token"),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  "
        'Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("Your password is now changed."),
    gettext_noop("Change Password"),
    gettext_noop("Set Password"),
    gettext_noop("Forgot Password?"),
    gettext_noop("Your password has been reset."),
    gettext_noop("Your password has been changed."),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    # Two-step login (allauth.mfa) and the list of sessions (allauth.usersessions).
    gettext_noop("Two-Factor Authentication"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an "
        "authenticator code:"
    ),
    gettext_noop("Authenticator App"),
    gettext_noop("Authenticator code"),
    gettext_noop("Authenticator secret"),
    gettext_noop("Authentication using an authenticator app is active."),
    gettext_noop("An authenticator app is not active."),
    gettext_noop("Authenticator app activated."),
    gettext_noop("Authenticator app deactivated."),
    gettext_noop("Activate Authenticator App"),
    gettext_noop("Deactivate Authenticator App"),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
    gettext_noop("A new set of recovery codes has been generated."),
    gettext_noop("This action will invalidate your existing codes."),
    gettext_noop("Started At"),
    gettext_noop("Last seen at"),
    gettext_noop("Sign Out Other Sessions"),
    gettext_noop("Signed out of all other sessions."),
]
