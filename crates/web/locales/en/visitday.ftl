# The visit day: the class sheet, the run sheet and the follow-up when pupils turn 15.

sheet-link = Class sheet
sheet-heading = Class sheet
sheet-intro = Tick the boxes for each pupil and save at the bottom. The page works on a tablet and with the keyboard alone.
sheet-mitid-note = The MitID field can only be changed for pupils aged 13 or over.
sheet-years = years
sheet-attended = Attended
sheet-asked = Asked questions
sheet-mitid-created = MitID created
sheet-mitid-too-young = The pupil is under 13 and cannot get MitID yet.
sheet-parent-email = Parent's e-mail
sheet-parent-email-hint = Only if the parent wants a message before the pupil turns 15. We never write to the pupil.
sheet-consent = The parent has given consent
sheet-save = Save the class sheet
notice-sheet-saved = The class sheet is saved.
problem-consent-required = Tick that the parent has given consent, or delete the e-mail.
problem-mitid-too-young = The pupil is under 13. Choose Unknown: MitID can only be had from 13.
runsheet-link = Run sheet
runsheet-heading = Run sheet
runsheet-print-hint = Print the page from the browser. The menu and buttons are left out.
runsheet-when = When
runsheet-where = Where
runsheet-staff = Staff
runsheet-unknown = Not given
runsheet-unstaffed = Nobody assigned yet
runsheet-agenda = Programme
runsheet-groups = The three groups at the end
runsheet-group-empty = No pupils in this group.
runsheet-no-mitid = The groups follow from the pupils' age and MitID. Only Borgercentret sees the MitID details.
runsheet-group-mitid-now = MitID with Borgercentret
runsheet-group-security-practice = Security questions and practice with the library
runsheet-group-turning-15 = When you turn 15 — with Borgercentret
followup-link = Turning 15 soon
followup-heading = Turning 15 soon
followup-intro = { $weeks ->
    [one] Pupils in the municipality who turn 15 within the next week.
   *[other] Pupils in the municipality who turn 15 within the next { $weeks } weeks.
}
followup-parents-note = We only write to a parent who gave their e-mail and consent on the visit day, a week before the birthday. We never write to the pupil.
followup-none = No pupils turn 15 in that period.
followup-birthday = Turns 15
followup-todo = On the day
followup-todo-digital-post = Digital Post opens. The pupil has MitID.
followup-todo-digital-post-and-mitid = Digital Post opens. The pupil has no MitID: offer to create it.
followup-mitid-created = MitID created on the visit day
followup-parent = Message to parent
followup-parent-none = None: the parent has not given consent.
followup-parent-planned = Sent on { $day }.
followup-parent-sent = Sent.
