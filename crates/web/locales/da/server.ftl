# The HTTP server's own answers (timeouts).

error-timeout-title = Det tog for lang tid at modtage det, du sendte
error-timeout-text = Forbindelsen var for langsom. Prøv igen, eventuelt et sted med bedre forbindelse.
