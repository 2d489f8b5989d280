// Runs while the app's code is still on its way: the first date format a page builds makes the browser load its
// locale and time zone data, the longest single step of a first render on a phone. Done here, that step falls in
// time the page spends waiting for the network anyway. The data is kept for the whole page, so the app's own
// formatters find it ready.
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(0);
