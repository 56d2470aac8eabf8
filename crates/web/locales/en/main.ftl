# Samvirke – English.

skip-to-content = Skip to content
login = Log in
logout = Log out
nav-label = Staff menu
footer-tagline = The library and the citizen service centre – apart and together.
footer-phone = Call us:
footer-accessibility = Accessibility statement
footer-privacy = How we protect your data
choose-language = Choose language
error-prefix = Error:
back-to-front = Go to the front page
save = Save
edit = Edit
form-has-errors = The form has errors. Correct the marked fields and try again.

front-title = Front page
front-heading = Get help with your digital life
front-lead = The library and the citizen service centre work together, so you can get help where it suits you.
front-seniors-heading = 010101 Your digital life
front-seniors-text = Events for seniors about digital security, digital traces, Skat.dk and borger.dk – with coffee, talks at the tables and a quiz at the end.
front-pupils-heading = Digital baptism and formation
front-pupils-text = Teaching for every 9th-grade class about MitID, Digital Post and protecting your digital identity.
front-help-heading = Where can you get help?
front-help-library = At the library you can get help with self-service, the MitID app, Filmstriben and eReolen.
front-help-citizen = At the citizen service centre in the town hall you can get help with matters that need an authority, such as getting MitID.
front-call = Would you rather call? Call

a11y-heading = Accessibility statement
a11y-lead = Everyone must be able to use Samvirke. The pages must meet WCAG 2.1 level A and AA, as the accessibility act requires.
a11y-status-heading = How do the pages meet the requirements?
a11y-status-text = We test every page automatically in a real browser with the axe tool. The pages work with a keyboard and a screen reader, and without JavaScript. If you know of a page that does not work for you, please tell us.
a11y-how-heading = What do we do?
a11y-how-text = We use the Danish common design system, which borger.dk uses too. Text and buttons are large, and each page has one task.
a11y-contact-heading = Contact us
a11y-contact-text = Write to or call the municipality if you cannot use a page, or if you need the information in another form.
a11y-complaint-heading = Complain about accessibility
a11y-complaint-text = If you are not satisfied with our answer, you can complain to the Danish Agency for Digital Government, which supervises public authorities' websites.

privacy-heading = How we protect your data
privacy-lead = We keep as little data about you as possible, and only for as long as we need it.
privacy-least = We only ask for what we need, such as your name and a way to contact you.
privacy-cpr = We never store your CPR number.
privacy-log = Every time a member of staff looks at your data, it is written in a log. You can ask when your data was looked at.
privacy-delete = We delete your data when we no longer need it.
privacy-apart = The library and the citizen service centre each keep their own data. They only share what is needed to help you.

login-heading = Log in as staff
login-lead = Log in with your email and password. This page is for staff. Citizens do not need to log in.
field-email = Email
field-password = Password
login-failed = The email or password is wrong. Try again.
login-throttled = There have been too many attempts to log in. Wait { $minutes } minutes and try again.

nav-dashboard = Overview
nav-staff = Staff
nav-organisations = Organisations
nav-outbox = Outgoing mail
nav-audit = Access log
nav-tokens = API keys

dash-greeting = Welcome, { $name }.
dash-staff-text = See and edit your organisation's staff and their competences.
dash-orgs-text = The organisations in the partnership.
dash-outbox-text = Emails that have been sent or are waiting to be sent.
dash-audit-text = Who has looked at personal data, and when.
dash-tokens-text = Keys for using Samvirke from other programs.
dash-roles-heading = Your roles

staff-heading = Staff
staff-new = Add staff member
staff-edit-heading = Edit staff member
back-to-staff = Back to staff
field-name = Name
field-phone = Phone (optional)
field-phone-short = Phone
field-phone-hint = A Danish number with 8 digits or a foreign number starting with +.
field-role = Role
field-competences = Competences
field-competences-hint = Choose what the person can do. Some competences belong to one kind of organisation only.
field-status = Status
field-active = Active – the person can log in
field-first-password = Password for the first login
field-first-password-hint = At least 12 characters. Give the password to the person in a safe way. It is not sent by email.
status-active = Active
status-inactive = Not active

role-coordinator = Coordinator
role-staff = Staff member
role-school-contact = School contact
role-municipality-admin = Municipality administrator

orgs-heading = Organisations
orgs-lead = The organisations in the municipality's partnership. Each organisation owns its own data.
orgs-new = Add organisation
orgs-create = Add organisation
orgs-first-coordinator = The organisation's first coordinator
back-to-orgs = Back to organisations
field-org-name = Name of the organisation
field-org-kind = Kind of organisation

kind-library = Library
kind-citizen-service = Citizen service
kind-school = School
kind-partner = Partner
kind-social-services = Social services
kind-administration = Municipal administration

tokens-heading = API keys
tokens-lead = With an API key another program can use Samvirke on your behalf. The key can do what you can.
tokens-created = Your new API key
tokens-copy-now = Copy the key now. It is shown only this once.
tokens-create-heading = Make a new key
tokens-create = Make key
field-token-name = What is the key for?
field-token-name-hint = For example "Reports in a spreadsheet".
tokens-list-heading = Your keys
tokens-none = You have no keys yet.
tokens-created-at = Made
tokens-last-used = Last used
tokens-never = Never
tokens-revoked = Turned off
tokens-revoke = Turn off

audit-heading = Access log
audit-lead = Here you can see when staff of your organisation looked at personal data.
audit-none = There are no look-ups yet.
audit-when = When
audit-who = Staff member
audit-purpose = Purpose
audit-whose = Whose data
purpose-staff-list = Viewed the staff list
purpose-staff-edit = Opened a staff member for editing
purpose-outbox-list = Viewed outgoing mail
subject-organisation = Organisation
subject-staff = Staff member

outbox-heading = Outgoing mail
outbox-lead = Emails from your organisation and whether they were sent.
outbox-none = There are no emails yet.
outbox-created = Created
outbox-to = To
outbox-subject = Subject
outbox-attempts = Attempts
outbox-state-pending = Waiting
outbox-state-sent = Sent
outbox-state-failed = Could not be sent

notice-staff-created = The staff member has been added.
notice-staff-saved = The changes have been saved.
notice-org-created = The organisation has been added.
notice-token-revoked = The key has been turned off.
notice-logged-out = You are logged out.

problem-required = This field is required.
problem-too-long = The text is too long. Make it shorter.
problem-control-characters = The text contains characters that cannot be used. Type it again.
problem-invalid-email = Enter an email like name@example.com.
problem-invalid-phone = Enter a Danish phone number with 8 digits or a foreign number starting with +.
problem-password-too-short = The password must be at least 12 characters.
problem-email-taken = A staff member with this email already exists.
problem-name-taken = The name is already in use. Choose another.
problem-invalid-choice = Choose one of the options.

error-not-found-title = Page not found
error-not-found-text = We cannot find the page you are looking for. It may have moved, or the address may be wrong.
error-forbidden-title = You do not have access
error-forbidden-text = You do not have access to what you tried. If you came from a form, go back, reload the page and try again.
error-too-large-title = What you sent is too large
error-too-large-text = Make the text or file smaller and try again.
error-too-many-title = Too many attempts
error-too-many-text = Wait a little and try again.
error-bad-request-title = Something went wrong
error-bad-request-text = We could not understand what you sent. Go back and try again.
error-internal-title = An error happened on our side
error-internal-text = It is not your fault. Try again in a moment. If that does not help, call us.

api-unauthorized = Authenticate with a valid API key.
api-forbidden = You do not have access to this.
api-not-found = Not found.
api-invalid = Some fields are invalid.
api-too-many-requests = Too many attempts. Wait and try again.
api-internal = An error happened on our side.
api-unsupported-media-type = Send JSON with Content-Type: application/json.
api-invalid-json = The JSON document does not have the right fields.
api-malformed-json = The JSON document cannot be read.
api-too-large = What you sent is too large.
error-conflict-title = That cannot be done right now
error-conflict-text = What you tried does not fit how things stand now. Go back, reload the page and try again.
error-gone-title = That has already happened
error-gone-text = The link has already been used or is no longer valid.
problem-contact-required = Enter your email or phone number, or tick that you have neither.
api-gone = No longer exists, or the link has already been used.
api-registration-not-open = Registration is not open.
api-already-registered = This person is already registered.
api-full = There are no more seats.
