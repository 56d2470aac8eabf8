# Feedback after a session.
feedback-score-1 = 1 – Very poor
feedback-score-2 = 2 – Poor
feedback-score-3 = 3 – Fair
feedback-score-4 = 4 – Good
feedback-score-5 = 5 – Very good
