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
      document.dispatchEvent(new CustomEvent('minicluster:put-command', { detail: input.value }));
      if (!input.closest('[hidden]')) {
        input.focus();
      }
    });
  });
}

// Tabs ([data-tabs]: the lab's Results and Cluster map). Without this script both panes are shown, one under the
// other; with it, one at a time, chosen by the tab bar (arrow keys move between tabs, as WAI-ARIA's tabs pattern).
function selectTab(tab, focus) {
  const list = tab.closest('[role=tablist]');
  list.querySelectorAll('[role=tab]').forEach((t) => {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    const pane = document.getElementById(t.getAttribute('aria-controls'));
    if (pane) {
      pane.hidden = !selected;
    }
  });
  if (focus) {
    tab.focus();
  }
}

function setUpTabs() {
  document.querySelectorAll('[data-tabs] [role=tablist]').forEach((list) => {
    list.hidden = false;
    const tabs = [...list.querySelectorAll('[role=tab]')];
    selectTab(tabs.find((t) => t.getAttribute('aria-selected') === 'true') || tabs[0], false);
    tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => selectTab(tab, false));
      tab.addEventListener('keydown', (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (step) {
          selectTab(tabs[(i + step + tabs.length) % tabs.length], true);
          event.preventDefault();
        }
      });
    });
  });
}

// Results shown: their tab selected, focus on them (screen readers read the score), the first hop where a probe
// stopped scrolled into view inside its pane.
function showResults() {
  const results = document.getElementById('results');
  if (!results) {
    return;
  }
  const tab = document.getElementById('tab-results');
  if (tab && !tab.closest('[role=tablist]').hidden) {
    selectTab(tab, false);
  }
  const score = results.querySelector('.score');
  const tabScore = tab && tab.querySelector('.tab-score');
  if (tab && score) {
    const shown = score.textContent.match(/\d+\/\d+/);
    if (shown) {
      if (tabScore) {
        tabScore.textContent = shown[0];
      } else {
        tab.insertAdjacentHTML('beforeend', ' <span class="tab-score"></span>');
        tab.querySelector('.tab-score').textContent = shown[0];
      }
    }
  }
  results.focus({ preventScroll: true });
  const stopped = results.querySelector('.hop-fail');
  (stopped || results).scrollIntoView({ block: stopped ? 'center' : 'start' });
}

// Forms that throw work away ask first (Reset my cluster, Start a fresh cluster).
function setUpConfirmations() {
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    });
  });
}

// The editor's draft: kept on the server a moment after each change (and when the page is left), so a reload or
// another browser opens the editor as it was typed.
function setUpDraft() {
  const form = document.querySelector('form[data-draft]');
  const status = document.getElementById('draft-status');
  if (!form) {
    return;
  }
  let timer = null;
  let unsaved = false;
  const save = (leaving) => {
    if (!unsaved) {
      return;
    }
    unsaved = false;
    clearTimeout(timer);
    const body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute('data-draft'), { method: 'POST', body, keepalive: leaving && body.toString().length < 60000,
      credentials: 'same-origin' })
      .then((response) => {
        // Not kept (signed out, too long): the next change, or leaving the page, tries again.
        unsaved = unsaved || !response.ok;
        if (status && !leaving) {
          status.textContent = response.ok ? 'Draft saved'
            : response.status === 401 ? 'Draft not saved: you are signed out. Sign in again in another tab; what you typed is still here.'
              : 'Draft not saved: ' + response.status;
        }
      })
      .catch(() => {
        unsaved = true;
        if (status && !leaving) {
          status.textContent = 'Draft not saved: the server could not be reached';
        }
      });
  };
  form.addEventListener('input', () => {
    unsaved = true;
    if (status) {
      status.textContent = '';
    }
    clearTimeout(timer);
    timer = setTimeout(() => save(false), 700);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      save(true);
    }
  });
  window.addEventListener('pagehide', () => save(true));
}

// After a swap: the console log shows its newest entry; "Check my work" shows the results.
document.addEventListener('htmx:afterSwap', (event) => {
  const log = document.getElementById('console-log');
  if (log && event.detail.target === log) {
    log.scrollTop = log.scrollHeight;
  }
  if (event.detail.target && event.detail.target.id === 'results') {
    showResults();
  }
});

function setUp() {
  setUpConsole();
  setUpSnippetButtons();
  setUpTabs();
  setUpConfirmations();
  setUpDraft();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', setUp);
} else {
  setUp();
}
