// The workspace's terminal (issue 15): xterm.js (served from /vendor/xterm, fetched by the Maven build from the npm
// registry, see web-app/pom.xml) in front of the same console form the screen-reader mode uses, so both modes run
// commands through one round trip (htmx posts #console-form; the answer is appended to #console-log, the cluster map
// redrawn) and show one history. Line editing, ↑/↓ history, Ctrl+C, Ctrl+L, copy and paste, Tab completion from the
// learner's cluster (/workspaces/{id}/completions), tables at their natural width (the terminal scrolls sideways
// rather than wrapping), and "kubectl exec -it POD -- sh" opening a prompt in the pod until "exit".

const MIN_COLUMNS = 120;
const MODE_KEY = 'minicluster.console-mode';
const TERMINAL = 'terminal';
const SCREEN_READER = 'screen-reader';

// xterm.js writes its styles into <style> elements it creates; the Content-Security-Policy admits a <style> only
// with the page's nonce (layout.html), so every <style> the page's scripts create carries it, as CodeMirror's do
// (EditorView.cspNonce).
function styleElementsCarryTheNonce() {
  const meta = document.querySelector('meta[name="csp-nonce"]');
  const nonce = meta ? meta.getAttribute('content') : '';
  if (!nonce || Document.prototype.createElement.carriesNonce) {
    return;
  }
  const create = Document.prototype.createElement;
  const patched = function createElement(name, options) {
    const element = create.call(this, name, options);
    if (String(name).toLowerCase() === 'style') {
      element.setAttribute('nonce', nonce);
    }
    return element;
  };
  patched.carriesNonce = true;
  Document.prototype.createElement = patched;
}

function preferredMode() {
  try {
    return localStorage.getItem(MODE_KEY) === SCREEN_READER ? SCREEN_READER : TERMINAL;
  } catch (e) {
    return TERMINAL;
  }
}

function remember(mode) {
  try {
    localStorage.setItem(MODE_KEY, mode);
  } catch (e) {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

// In-pod sessions: "kubectl exec -it POD -- sh" and "kubectl run -it --rm" attach the learner's shell to a shell in
// the pod on the server (core-net's Shell), which runs the next lines there until "exit". The terminal shows the
// prompt the server sends after each command (#console-prompt, swapped out of band): the image's own in a pod.
const inPod = (prompt) => prompt !== '$ ';

function setUpTerminal() {
  const host = document.getElementById('terminal');
  const form = document.getElementById('console-form');
  const input = document.getElementById('console-input');
  const log = document.getElementById('console-log');
  const modeButton = document.getElementById('console-mode');
  const workspace = document.querySelector('[data-workspace]');
  if (!host || !form || !input || !log || !modeButton || !window.Terminal || !window.FitAddon) {
    return;
  }
  styleElementsCarryTheNonce();
  const css = getComputedStyle(document.documentElement);
  const term = new window.Terminal({
    cursorBlink: true,
    convertEol: true,
    fontFamily: css.getPropertyValue('--mono') || 'monospace',
    fontSize: 13,
    scrollback: 5000,
    // Standard error (kubectl's and curl's errors) is written in red, the prompt in green or cyan, notes in grey:
    // these replace xterm.js's defaults, which are too dark on this background (its red #cd3131 is 3.7:1). Each is
    // at least 4.5:1 on the background (WCAG AA). xterm.js writes them as CSS classes into a <style> element, which
    // carries the page's nonce (styleElementsCarryTheNonce), so the Content-Security-Policy is unchanged.
    theme: {
      background: '#0d1117',
      foreground: '#e6edf3',
      cursor: '#7ee787',
      red: '#ff7b72',
      brightRed: '#ffa198',
      green: '#7ee787',
      cyan: '#79c0ff',
      brightBlack: '#8b949e',
    },
  });
  const fit = new window.FitAddon.FitAddon();
  term.loadAddon(fit);
  // kubectl's tables at their natural width: never fewer columns than a wide table needs; a narrower pane scrolls
  // sideways (the terminal's box is wider than the pane, inside it) instead of wrapping every row.
  const fitAtLeastWide = () => {
    const proposed = fit.proposeDimensions();
    if (proposed && proposed.rows > 0) {
      term.resize(Math.max(proposed.cols, MIN_COLUMNS), proposed.rows);
    }
  };
  term.open(host);
  term.textarea.setAttribute('aria-label', 'Terminal: type a command, Tab completes, Enter runs it');

  const history = [...document.querySelectorAll('#console-history li')].map((li) => li.textContent);
  let position = history.length;
  let line = '';
  let cursor = 0;
  let busy = false;
  const serverPrompt = () => {
    const label = document.getElementById('console-prompt');
    return label ? label.textContent : '$ ';
  };

  const promptText = () => {
    const prompt = serverPrompt();
    return inPod(prompt) ? `\x1b[36m${prompt}\x1b[0m` : '\x1b[32m$\x1b[0m ';
  };
  const redraw = () => {
    term.write('\r\x1b[2K' + promptText() + line);
    if (cursor < line.length) {
      term.write(`\x1b[${line.length - cursor}D`);
    }
  };
  const setLine = (text) => {
    line = text;
    cursor = text.length;
    redraw();
  };

  // What a command answered, from the entry the console appended: its output after the command line, standard
  // error in red.
  const writeEntry = (entry) => {
    const out = entry.querySelector('.console-out');
    if (!out) {
      return;
    }
    let text = '';
    let afterCommand = false;
    out.childNodes.forEach((node) => {
      if (node.nodeName === 'KBD') {
        afterCommand = true;
        return;
      }
      if (!afterCommand) {
        return;
      }
      const piece = node.textContent;
      text += node.nodeType === Node.ELEMENT_NODE && node.classList.contains('stderr') ? `\x1b[31m${piece}\x1b[0m` : piece;
    });
    text = text.replace(/^\n/, '');
    term.write(text.replace(/\n/g, '\r\n'));
    if (text && !text.endsWith('\n')) {
      term.write('\r\n');
    }
    const trace = entry.querySelector('.console-trace summary');
    if (trace) {
      term.write(`\x1b[90m(${trace.textContent.trim()}: in the screen-reader console's log)\x1b[0m\r\n`);
    }
  };

  const run = () => {
    const typed = line.trim();
    term.write('\r\n');
    line = '';
    cursor = 0;
    if (typed === '') {
      redraw();
      return;
    }
    if (history[history.length - 1] !== typed) {
      history.push(typed);
    }
    position = history.length;
    const command = typed;
    busy = true;
    input.value = command;
    form.requestSubmit();
  };

  form.addEventListener('htmx:afterRequest', (event) => {
    if (!busy) {
      return;
    }
    busy = false;
    if (event.detail.successful) {
      const entries = log.querySelectorAll('.console-entry');
      if (entries.length) {
        writeEntry(entries[entries.length - 1]);
      }
    } else {
      const errors = log.querySelectorAll('.request-error');
      const said = errors.length ? errors[errors.length - 1].textContent : 'The command could not be run.';
      term.write(`\x1b[31m${said}\x1b[0m\r\n`);
    }
    redraw();
  });

  const complete = async () => {
    if (inPod(serverPrompt()) || !workspace) {
      return; // completion knows kubectl at the workstation, not the pod's commands
    }
    const before = line.slice(0, cursor);
    let words;
    try {
      const response = await fetch(`/workspaces/${workspace.getAttribute('data-workspace')}/completions?line=`
        + encodeURIComponent(before), { credentials: 'same-origin' });
      words = response.ok ? await response.json() : [];
    } catch (e) {
      words = [];
    }
    if (!words.length) {
      term.write('\x07');
      return;
    }
    const typed = before.slice(before.search(/\S*$/));
    let common = words[0];
    words.forEach((w) => {
      while (!w.startsWith(common)) {
        common = common.slice(0, -1);
      }
    });
    const insert = (words.length === 1 ? words[0] + ' ' : common).slice(typed.length);
    if (insert) {
      line = before + insert + line.slice(cursor);
      cursor += insert.length;
      redraw();
    } else {
      term.write('\r\n' + words.join('  ') + '\r\n');
      redraw();
    }
  };

  term.onData((data) => {
    if (busy) {
      return;
    }
    switch (data) {
      case '\r':
        run();
        return;
      case '\x7f':
      case '\b':
        if (cursor > 0) {
          line = line.slice(0, cursor - 1) + line.slice(cursor);
          cursor--;
          redraw();
        }
        return;
      case '\x1b[3~':
        line = line.slice(0, cursor) + line.slice(cursor + 1);
        redraw();
        return;
      case '\x03':
        term.write('^C\r\n');
        line = '';
        cursor = 0;
        position = history.length;
        redraw();
        return;
      case '\x0c':
        term.clear();
        redraw();
        return;
      case '\x15':
        setLine('');
        return;
      case '\t':
        complete();
        return;
      case '\x1b[A':
        if (position > 0) {
          position--;
          setLine(history[position]);
        }
        return;
      case '\x1b[B':
        if (position < history.length - 1) {
          position++;
          setLine(history[position]);
        } else {
          position = history.length;
          setLine('');
        }
        return;
      case '\x1b[D':
        if (cursor > 0) {
          cursor--;
          term.write('\x1b[D');
        }
        return;
      case '\x1b[C':
        if (cursor < line.length) {
          cursor++;
          term.write('\x1b[C');
        }
        return;
      case '\x1b[H':
      case '\x01':
        cursor = 0;
        redraw();
        return;
      case '\x1b[F':
      case '\x05':
        cursor = line.length;
        redraw();
        return;
      default:
        break;
    }
    // Typed or pasted text: printable characters go into the line; a pasted line break runs what came before it.
    const parts = data.replace(/\r\n?/g, '\n').split('\n');
    parts.forEach((part, i) => {
      const printable = part.replace(/[\x00-\x1f\x7f]/g, '');
      line = line.slice(0, cursor) + printable + line.slice(cursor);
      cursor += printable.length;
      if (i < parts.length - 1) {
        redraw();
        run();
      }
    });
    redraw();
  });

  // Ctrl+C copies when text is selected (otherwise it interrupts the line, as in a shell); Ctrl+Shift+C and
  // Ctrl+Shift+V copy and paste as in a desktop terminal; Ctrl+V is the browser's own paste.
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') {
      return true;
    }
    const key = event.key.toLowerCase();
    if (event.ctrlKey && key === 'c' && (event.shiftKey || term.hasSelection())) {
      if (navigator.clipboard) {
        navigator.clipboard.writeText(term.getSelection()).catch(() => {});
      }
      return false;
    }
    if (event.ctrlKey && event.shiftKey && key === 'v') {
      if (navigator.clipboard && navigator.clipboard.readText) {
        navigator.clipboard.readText().then((text) => term.paste(text)).catch(() => {});
      }
      return false;
    }
    return true;
  });

  // The screen-reader console and the terminal, one at a time; the choice is remembered in this browser.
  const consoleParts = [log, form];
  const show = (mode) => {
    const terminal = mode === TERMINAL;
    host.hidden = !terminal;
    consoleParts.forEach((part) => { part.hidden = terminal; });
    modeButton.textContent = terminal ? 'Switch to the screen-reader console' : 'Switch to the terminal';
    modeButton.setAttribute('aria-pressed', String(!terminal));
    if (terminal) {
      requestAnimationFrame(() => fitAtLeastWide());
    }
    document.dispatchEvent(new CustomEvent('minicluster:console-mode', { detail: mode }));
  };
  modeButton.hidden = false;
  modeButton.addEventListener('click', () => {
    const next = host.hidden ? TERMINAL : SCREEN_READER;
    remember(next);
    show(next);
    (next === TERMINAL ? term : input).focus();
  });
  show(preferredMode());
  new ResizeObserver(() => {
    if (!host.hidden) {
      fitAtLeastWide();
    }
  }).observe(host);

  // Replay what the log shows, so a reload opens the terminal where the learner left it.
  log.querySelectorAll('.console-entry').forEach((entry) => {
    const command = entry.querySelector('.console-out kbd');
    term.write(promptText() + (command ? command.textContent : '') + '\r\n');
    writeEntry(entry);
  });
  setLine(input.value);
  // A lesson's command put in the console ("Put in the console") goes onto the terminal's line too.
  document.addEventListener('minicluster:put-command', (event) => {
    setLine(event.detail);
    if (!host.hidden) {
      term.focus();
    }
  });
}

if (document.readyState === 'complete') {
  setUpTerminal();
} else {
  window.addEventListener('load', setUpTerminal);
}
