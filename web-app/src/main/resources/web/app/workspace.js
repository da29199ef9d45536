// Lab and playground pages (templates/WorkspaceViews/panels.html, PlaygroundResource/playground.html). Here, not in
// the templates: the Content-Security-Policy runs no inline script. Every page loads this bundle; on pages without a
// console nothing below finds its elements.

// The console: ↑ and ↓ walk the commands already run (the page lists them in #console-history), the log scrolls to
// its end, and the prompt is cleared once a command has run.
function setUpConsole() {
  const input = document.getElementById('console-input');
  const form = document.getElementById('console-form');
  const consoleLog = document.getElementById('console-log');
  if (!input || !form || !consoleLog) {
    return;
  }
  const history = [];
  document.querySelectorAll('#console-history li').forEach((li) => history.push(li.textContent));
  let position = history.length;
  consoleLog.scrollTop = consoleLog.scrollHeight;
  form.addEventListener('submit', () => {
    if (input.value.trim() !== '') {
      history.push(input.value);
    }
    position = history.length;
  });
  form.addEventListener('htmx:afterRequest', (event) => {
    if (event.detail.successful) {
      input.value = '';
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowUp' && position > 0) {
      position--;
      input.value = history[position];
      event.preventDefault();
    } else if (event.key === 'ArrowDown') {
      if (position < history.length - 1) {
        position++;
        input.value = history[position];
      } else {
        position = history.length;
        input.value = '';
      }
      event.preventDefault();
    }
  });
}

// A lesson's commands tried in the playground: "Put in the console" copies one to the prompt.
function setUpSnippetButtons() {
  document.querySelectorAll('.use-command').forEach((button) => {
    button.addEventListener('click', () => {
      const input = document.getElementById('console-input');
      input.value = button.getAttribute('data-command');
      input.focus();
    });
  });
}

// After a swap: the console log shows its newest entry; "Check my work" moves focus to the results.
document.addEventListener('htmx:afterSwap', (event) => {
  const log = document.getElementById('console-log');
  if (log && event.detail.target === log) {
    log.scrollTop = log.scrollHeight;
  }
  if (event.detail.target && event.detail.target.id === 'results') {
    const heading = document.getElementById('results');
    if (heading) {
      heading.focus();
    }
  }
});

function setUp() {
  setUpConsole();
  setUpSnippetButtons();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', setUp);
} else {
  setUp();
}
