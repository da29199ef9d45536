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
