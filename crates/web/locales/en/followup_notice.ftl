# The message to a parent who gave their e-mail and consent on the visit day. Never to the pupil.

notice-turning-15-subject = { $pupil } turns 15 on { $birthday }
notice-turning-15-body =
    Dear parent

    You gave us your e-mail when we visited the class for Digital dåb og dannelse. { $pupil } now turns 15 on { $birthday }.

    What happens on the day:
    - { $pupil } gets Digital Post from the public sector. Letters from the municipality, the school and other authorities then go to { $pupil } and no longer to you.
    - If { $pupil } has no MitID yet, this is a good time to get one. MitID is personal: one shows one's own photo ID, such as a passport or a driving licence.

    If you have questions, please contact { $citizen }.

    Kind regards
    { $citizen }
