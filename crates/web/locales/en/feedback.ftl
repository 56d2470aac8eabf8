# Feedback after a session.
feedback-score-1 = 1 – Very poor
feedback-score-2 = 2 – Poor
feedback-score-3 = 3 – Fair
feedback-score-4 = 4 – Good
feedback-score-5 = 5 – Very good

# The thank-you e-mail the day after a session.
notice-feedback-subject = Thank you for coming: { $title }
notice-feedback-body =
    Hello { $name }

    Thank you for coming to { $title } on { $date }.

    Would you tell us how it was? It takes half a minute:
    { $link }

    The link works once. Your answer is kept without your name.

feedback-heading = How was it?
feedback-question = How was the session?
feedback-score-required = Choose how it was, from 1 to 5.
feedback-text = Would you like to tell us more? (optional)
feedback-text-hint = At most { $max } characters. Don't write other people's names.
feedback-send = Send
feedback-thanks-heading = Thank you for your feedback
feedback-thanks = We use it to make our sessions better.
feedback-already-heading = We already have your feedback
feedback-already = Thank you, we already have your feedback from this link.
feedback-see-events = See our coming sessions
feedback-results-heading = Feedback
feedback-answers = Answers
feedback-distribution = Answers per score
feedback-texts = What participants wrote
feedback-no-texts = Nobody has written anything yet.
feedback-print-sheet = Print a QR sheet for the room
feedback-sheet-heading = QR sheet for feedback
feedback-sheet-title = How was it?
feedback-sheet-scan = Scan the code with your phone and give us a score from 1 to 5.
feedback-qr-alt = QR code for the form about how the session was
feedback-sheet-or = Or type the address:
feedback-sheet-anonymous = You don't write your name. The form is open from the start of the session and a week after.
feedback-sheet-print = Print the page on A4 and put it up in the room.
