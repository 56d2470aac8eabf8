// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  // A form sent with errors: its summary takes the focus (and the view),
  // also where the browser skipped the autofocus attribute.
  var summary = document.querySelector('[data-module="error-summary"]');
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
});
