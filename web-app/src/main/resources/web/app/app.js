// Every page: htmx for the round trips (console, apply, check, lint) and the site's styles.
import htmx from 'htmx.org';
import './app.css';
import './workspace.js';
import './local-time.js';
import './catalog.css';
import './terminal.js';

window.htmx = htmx;
// The Content-Security-Policy (security.SecurityHeaders) allows no inline style or script: htmx must not add its
// indicator <style> (app.css has the same rules), evaluate hx-on/js: attributes, or run scripts in swapped content.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
htmx.config.allowScriptTags = false;

// A round trip that fails (409: the cluster changed in another tab; 413: too much to send; 5xx; no network) would
// otherwise leave the page silent: htmx swaps nothing for an error. Say what happened where the answer would have
// gone, as an alert, in the server's words when it sent some.
function explainFailure(target, text) {
  const message = document.createElement('p');
  message.className = 'request-error';
  message.setAttribute('role', 'alert');
  message.textContent = text;
  if (target) {
    target.appendChild(message);
  }
}

document.addEventListener('htmx:responseError', (event) => {
  const xhr = event.detail.xhr;
  const type = xhr.getResponseHeader('Content-Type') || '';
  let text = '';
  if (type.includes('text/html')) {
    const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
    const said = page.querySelector('[role=alert]') || page.querySelector('main h1');
    text = said ? said.textContent.trim() : '';
  } else if (type.includes('text/plain')) {
    text = xhr.responseText.trim();
  }
  explainFailure(event.detail.target, text || `The server answered ${xhr.status}: nothing was changed. Try again, or reload the page.`);
});

document.addEventListener('htmx:sendError', (event) => {
  explainFailure(event.detail.target, 'The server could not be reached: nothing was changed. Check your connection and try again.');
});

// A code block wider (or taller) than its box scrolls inside it; a keyboard user can scroll it only once it can take
// focus (WCAG 2.1.1, axe's scrollable-region-focusable). Those that scroll get tabindex=0; those that no longer do
// (the window widened) lose the one given here. The terminal's rows are xterm.js's own.
function reachableScrollingBlocks(root) {
  root.querySelectorAll('pre').forEach((pre) => {
    if (pre.closest('.xterm')) {
      return;
    }
    const scrolls = pre.scrollWidth > pre.clientWidth + 1 || pre.scrollHeight > pre.clientHeight + 1;
    if (scrolls && !pre.hasAttribute('tabindex')) {
      pre.setAttribute('tabindex', '0');
      pre.dataset.scrollFocus = '';
    } else if (!scrolls && pre.dataset.scrollFocus !== undefined) {
      pre.removeAttribute('tabindex');
      delete pre.dataset.scrollFocus;
    }
  });
}

let reachableQueued = false;
function queueReachable() {
  if (!reachableQueued) {
    reachableQueued = true;
    requestAnimationFrame(() => {
      reachableQueued = false;
      reachableScrollingBlocks(document);
    });
  }
}
document.addEventListener('DOMContentLoaded', () => reachableScrollingBlocks(document));
window.addEventListener('load', queueReachable);
window.addEventListener('resize', queueReachable);
document.addEventListener('htmx:afterSettle', (event) => reachableScrollingBlocks(event.target));

// Anything still pending after 300 ms shows progress: a bar moving along the top of the window (app.css draws it,
// and only after 300 ms, so quick answers do not flicker) and aria-busy on what will change. For htmx's round trips
// (console, apply, check) and for forms that load a new page (a fresh cluster, setting up a lesson's example).
function busy(on, target) {
  document.documentElement.classList.toggle('busy', on);
  if (target) {
    if (on) {
      target.setAttribute('aria-busy', 'true');
    } else {
      target.removeAttribute('aria-busy');
    }
  }
}
document.addEventListener('htmx:beforeRequest', (event) => busy(true, event.detail.target));
document.addEventListener('htmx:afterRequest', (event) => busy(false, event.detail.target));
document.addEventListener('submit', (event) => {
  // After the other submit handlers: a form whose confirmation was declined loads nothing.
  setTimeout(() => {
    if (!event.defaultPrevented && !event.target.hasAttribute('hx-post')) {
      busy(true, null);
    }
  }, 0);
});
// Back to a page from the browser's cache: nothing is pending any more.
window.addEventListener('pageshow', () => busy(false, null));

// The playground's starting page (the platform warming its mini-clusters after a start): ask the server, which
// answers when the warm-up ends (or after a few seconds, to be asked again), then open the playground. Without
// JavaScript the page refreshes itself (<noscript> meta refresh).
async function openWhenWarm(starting) {
  for (;;) {
    try {
      const answer = await fetch(starting.dataset.starting, { headers: { Accept: 'application/json' } });
      // 204: ready. 401: signed out meanwhile; opening the page itself leads through the sign-in back to it.
      if (answer.status === 204 || answer.status === 401) {
        window.location.replace(starting.dataset.reload);
        return;
      }
    } catch (offline) {
      // The server restarting again, or the network: wait a moment and ask again.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
document.addEventListener('DOMContentLoaded', () => {
  const starting = document.querySelector('[data-starting]');
  if (starting) {
    openWhenWarm(starting);
  }
});
