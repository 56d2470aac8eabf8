# Digital dåbsattest: a certificate per pupil after the class visit (issue 9).
certificates-link = Digital certificates
certificates-heading = Digital certificates
certificates-back = Back to the class
certificates-attended = There is a certificate for each pupil marked as present on the visit day.
certificates-in-advance = No pupils are marked as present yet. So there is a certificate for every pupil in the class, and the school can print them in advance.
certificates-count = { $count ->
    [one] 1 certificate.
   *[other] { $count } certificates.
}
certificates-no-pupils = The class has no pupils yet, so there are no certificates. Import the class list first.
certificates-none-attended = No pupils are marked as present, so there are no certificates.
certificates-download = Download all certificates as PDF
certificates-download-hint = One page per pupil, ready to print or pass on.
certificates-print-hint = When you print this page, each certificate comes on a page of its own.
certificates-list-label = The certificates
certificates-pdf-title = Digital certificates, { $class }, { $school }
certificates-file-name = digital-certificates
certificate-title = Digital certificate
certificate-given-to = This certificate is given to
certificate-took-part = for taking part in
certificate-with-class = with { $class } at { $school }.
certificate-learned = You have learnt about MitID, Digital Post and how to look after yourself and your information online.
certificate-date = Date: { $date }
certificate-date-blank = Date: ______________
certificate-regards = Kind regards
certificate-programme = Digital dåb og dannelse (digital life skills)
api-no-certificates = The class has no pupils to give a certificate: either the class list is not imported, or nobody is marked as present.
