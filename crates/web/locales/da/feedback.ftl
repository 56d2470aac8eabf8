# Feedback after a session.
feedback-score-1 = 1 – Meget dårligt
feedback-score-2 = 2 – Dårligt
feedback-score-3 = 3 – Middel
feedback-score-4 = 4 – Godt
feedback-score-5 = 5 – Rigtig godt
