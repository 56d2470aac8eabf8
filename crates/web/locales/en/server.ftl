# The HTTP server's own answers (timeouts).

error-timeout-title = What you sent took too long to arrive
error-timeout-text = The connection was too slow. Try again, perhaps somewhere with a better connection.
