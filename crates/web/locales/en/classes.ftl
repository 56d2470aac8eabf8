api-unreadable-file = The file cannot be read as a class list. Nothing was saved.
class-file-too-large = The file is larger than 2 MB. A class list is much smaller: check that it is the right file.
class-file-binary = The file is not a text file. Save the class list as CSV (semicolon separated) or as Unicode text, and try again.
class-file-no-header = The file has no header line. The first line must name the columns, e.g. Name;Birth date.
class-file-no-name-column = The file has no column with the pupils' names. Call it Name, or First name and Last name.
class-file-no-birth-date-column = The file has no column with a birth date or CPR number. Call it Birth date or CPR.
class-line-field-count = The line does not have as many fields as the header.
class-line-unclosed-quote = A quoted field never ends.
class-line-name-missing = The name is missing.
class-line-name-too-long = The name is too long.
class-line-name-invalid = The name contains digits or characters that do not belong in a name.
class-line-birth-date-missing = The birth date is missing.
class-line-birth-date-invalid = The birth date cannot be read. Write it as 14.3.2011.
class-line-birth-date-out-of-range = The birth date is not between the years 2000 and 2100.
class-line-cpr-invalid = The CPR number does not have 10 digits.
class-line-cpr-date-invalid = The first six digits of the CPR number are not a date.
class-line-duplicate = The pupil is already on an earlier line of the file.
nav-classes = Classes
classes-heading = 9th-grade classes
classes-school-year = School year
classes-other-years = Other school years
classes-none = There are no classes you can see in this school year.
classes-school = School
classes-class = Class
classes-pupils = Pupils
classes-visit = Visit
classes-back = Back to the classes
class-no-visit = Not planned yet
class-no-pupils = The class list has not been imported yet.
class-ages-on = Ages and groups are counted on the day of the visit, { $day }.
class-ages-today = The visit is not planned yet, so ages and groups are counted today, { $day }.
class-birth-date = Birth date
class-age = Age
class-digital-post = Digital Post
class-group = Group on the day
digital-post-active = Has Digital Post (15)
digital-post-turns-15-this-year = Turns 15 this school year
digital-post-later = Later
mitid-unknown = Unknown
mitid-has = Has MitID
mitid-wants-at-visit = Wants MitID on the day
mitid-not-now = Not now
visit-group-mitid-now = MitID with the citizen service
visit-group-security-practice = Security and practice with the library
visit-group-turning-15 = When you turn 15, with the citizen service
class-import-link = Import class list
class-import-heading = Import class list
class-back = Back to the class
class-file = The class list (CSV or text file)
class-file-hint = One pupil per line with a name and a birth date or CPR number. Of a CPR number only the birth date is kept. You see the list before anything is saved.
class-file-missing = Choose the file with the class list.
class-replace = Replace the class's pupils (otherwise they are added)
class-preview = Show the list
class-preview-heading = This is the list
class-preview-errors = Lines with errors
class-preview-accepted = Pupils to be saved
class-line = Line
class-problem = Problem
class-confirm-add-note = The pupils are added to the class's list.
class-confirm-replace-note = The pupils replace the class's current list.
class-import-another = Import another file
notice-pupils-saved = The class list is saved.
class-preview-accepted-count = { $count ->
    [one] 1 pupil can be saved.
   *[other] { $count } pupils can be saved.
}
class-preview-error-count = { $count ->
    [0] No line has errors.
    [one] 1 line has errors and is not saved.
   *[other] { $count } lines have errors and are not saved.
}
class-confirm = { $count ->
    [one] Save 1 pupil
   *[other] Save { $count } pupils
}
letter-link = Parent letter
letter-heading = Parent letter
letter-other-language = Læs brevet på dansk
letter-print-hint = Print the letter, or copy the text for Aula below.
letter-aula = The text for Aula
letter-title = Digital baptism and education in { $class }
letter-greeting = Dear parents of { $class } at { $school }
letter-visit = { $library } and { $citizen } visit the class { $when }. The pupils learn about their digital life: MitID, Digital Post and staying safe online.
letter-visit-unplanned = { $library } and { $citizen } visit the class during the school year. The school will tell you when the date is set. The pupils learn about their digital life: MitID, Digital Post and staying safe online.
letter-fifteen = At 15, young people automatically get Digital Post from the public sector. From then on, letters from the municipality, the school and other authorities go to the young person, no longer to the parents. About three weeks before the birthday the state writes to both the young person and the parents.
letter-mitid = Pupils aged 13 or more can get MitID on the day. MitID is personal: nobody can get or use it on someone else's behalf, and you never approve anything you did not start yourself.
letter-bring-heading = What the pupil must bring to get MitID
letter-bring-default = A valid Danish passport or driving licence. A pupil with neither brings two other documents, at least one showing the CPR number, e.g. a birth or name certificate and the health card.
letter-questions = If you have questions, contact { $citizen }.
letter-questions-phone = If you have questions, contact { $citizen } on { $phone }.
letter-regards = Kind regards
guidance-link = Text on what pupils must bring for MitID
guidance-heading = What must pupils bring for MitID?
guidance-intro = The text is printed in the parent letter of every class. Keep it up to date when the rules change.
guidance-da = Text in Danish
guidance-en = Text in English
notice-guidance-saved = The text is saved. Every parent letter now shows it.
