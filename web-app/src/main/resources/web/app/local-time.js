// Dates in the reader's time zone: the server writes <time datetime="2026-12-07T03:15:45Z" data-local>7 Dec 2026,
// 03:15 UTC</time> (display.Times); this rewrites the text with the browser's zone and language, and keeps the UTC
// form as the tooltip. Also runs on content htmx swaps in.
const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function localize(root) {
  root.querySelectorAll('time[data-local]').forEach((el) => {
    const at = new Date(el.getAttribute('datetime'));
    if (Number.isNaN(at.getTime()) || el.dataset.localized === 'true') {
      return;
    }
    el.title = el.textContent;
    el.textContent = format.format(at);
    el.dataset.localized = 'true';
  });
  // Forms that take a date and time: say which zone the typed times are in, and send it.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  root.querySelectorAll('input[data-time-zone]').forEach((input) => {
    if (zone) {
      input.value = zone;
    }
  });
  root.querySelectorAll('[data-time-zone-name]').forEach((el) => {
    if (zone) {
      el.textContent = zone;
    }
  });
}

document.addEventListener('DOMContentLoaded', () => localize(document));
document.addEventListener('htmx:load', (event) => localize(event.detail.elt));
