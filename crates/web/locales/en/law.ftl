## Privacy notice (GDPR article 13)
privacy-controller-heading = Who is responsible for your data?
privacy-controller-text = { $municipality } is the data controller for the information you give here.
privacy-controller-address = Address:
privacy-controller-phone = Phone:
privacy-dpo-heading = Data protection officer
privacy-dpo-text = If you have questions about how we use your data, write to the municipality's data protection officer:
privacy-purpose-heading = What do we use the data for?
privacy-purpose-signup = When you sign up for an event, we use your name and your email or phone number to keep track of the seats, send you a confirmation and a reminder, and tell you if something changes.
privacy-purpose-needs = If you tell us that you need, for example, a hearing loop or room for a wheelchair, we use it only to prepare the event.
privacy-purpose-staff = For staff we keep name, email, phone and competences, so the work can be planned.
privacy-basis-heading = What gives us the right to use the data?
privacy-basis-text = We use the data to carry out the municipality's tasks of helping citizens, under article 6(1)(e) of the General Data Protection Regulation. Information about your needs is given voluntarily, and we use it with your consent, under article 9(2)(a). You can withdraw your consent at any time.
privacy-recipients-heading = Who sees your data?
privacy-recipients-text = Only staff of the organisation that holds the event, and of the partners that help hold it, can see the list of participants. Other organisations only see that the event exists. Emails are sent through the municipality's mail server. We do not pass your data on to anyone else.
privacy-retention-heading = How long do we keep the data?
privacy-retention-participants = Your name, email, phone number and needs are deleted { $days } days after the event. All that remains is a number showing there was a participant.
privacy-retention-mail = The text of the emails we send you is deleted on our side once the email is sent.
privacy-retention-eml = If emails are kept as files instead of being sent, the files are deleted after { $days } days.
privacy-retention-audit = The log of who has seen personal data is kept for { $days } days.
privacy-retention-logins = Staff logins expire after 10 hours.
privacy-rights-heading = Your rights
privacy-rights-text = You have the right to see the data we hold about you and to learn when it was looked at. You can have wrong data corrected, have data deleted, restrict its use and object to its use. Contact the municipality to use your rights.
privacy-complaint-heading = Complain to the Danish Data Protection Agency
privacy-complaint-text = If you are not satisfied with how we use your data, you can complain to Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, phone +45 33 19 32 00, email dt@datatilsynet.dk.
privacy-complaint-link = Datatilsynet's website

## Accessibility statement
a11y-date = This statement was prepared on 30 November 2026 and is reviewed at least once a year.
a11y-known-heading = Known problems
a11y-known-print = Automated tests do not find every problem. The pages have not yet been tested by screen reader users.
a11y-known-ics = Calendar files (.ics) are shown by your own calendar program. How accessible they are depends on that program.
a11y-report-heading = Tell us about a problem
a11y-report-text = If you run into an accessibility problem, call or write to the municipality. Tell us which page it is and what does not work. We answer within 14 days.
a11y-report-email = Email:
a11y-published = The official accessibility statement is published on the Danish Agency for Digital Government's site
a11y-published-link = was.digst.dk
