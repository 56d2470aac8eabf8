# Passwords, login limits and API-key lifetimes.

login-busy = Many people are logging in right now. Wait a moment and try again.
nav-account = Your account

account-heading = Your account
account-password-heading = Change password
account-password-lead = Type your current password and the new one twice. Once you have changed it, you are logged out everywhere else.
field-current-password = Current password
field-new-password = New password
field-new-password-hint = At least 12 characters. A few words you can remember work well.
field-new-password-repeat = Repeat the new password
account-password-submit = Change password
account-tokens-heading = API keys and calendar
account-tokens-text = Keys for other programs and a link to your own calendar.
account-tokens-link = Go to API keys and calendar

notice-password-changed = Your password has been changed. You are logged out everywhere else.
notice-password-set = Your password has been saved. Log in with the new password.
notice-password-link-sent = An e-mail with a link to choose a password has been sent.

problem-wrong-password = The password is wrong. Type the password you use now.
problem-password-mismatch = The two passwords differ. Type the same in both fields.
problem-invalid-lifetime = Choose a lifetime of 1 to 365 days.

set-password-heading = Choose a password
set-password-lead = Choose a new password for Samvirke, { $name }.
set-password-submit = Save password
set-password-gone-heading = The link no longer works
set-password-gone-text = The link has been used already, or more than 24 hours have passed. Ask your coordinator to send a new one.

password-link-heading = Password
password-link-text = Send the staff member an e-mail with a link so they can choose a new password themselves. The link works once, for 24 hours. The current password works until the new one is chosen.
password-link-send = Send a link to choose a password
password-link-mail-subject = Choose your Samvirke password
password-link-mail-body =
    Hello { $name }

    You can now choose a new password for Samvirke at { $org }.
    Use the link below. It works once, for { $hours } hours:

    { $url }

    If you did not expect this e-mail, you can ignore it. Your current password works until you choose a new one.

    Kind regards
    Samvirke

field-token-lifetime = How long should the key work?
field-token-lifetime-hint = When the time is up, the key stops working and you can make a new one.
tokens-lifetime-days = { $days } days
tokens-expires = Expires
tokens-expired = Expired
tokens-expires-on = The key expires on { $date }.
