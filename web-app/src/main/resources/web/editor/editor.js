// Pages with a YAML editor include this bundle ({#bundle key="editor" /}). Progressive enhancement: the page
// ships a plain <textarea data-editor="yaml">, which works without JavaScript; here CodeMirror takes its place
// and keeps the textarea's value in step, so the form posts what the learner typed.
import { EditorView, basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { Compartment, Prec } from '@codemirror/state';
import { keymap, lineNumbers, highlightSpecialChars, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, insertNewline } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching } from '@codemirror/language';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';

// The screen-reader mode (chosen above the console, remembered as terminal.js remembers it) edits without anything
// the learner did not type: no indentation added on Enter or while typing, no closing bracket inserted, no completion
// popup. A screen reader reads a line as typed; spaces added by the editor go unheard and misplace YAML's nesting.
const MODE_KEY = 'minicluster.console-mode';
const SCREEN_READER = 'screen-reader';

function screenReaderMode() {
  try {
    return localStorage.getItem(MODE_KEY) === SCREEN_READER;
  } catch (e) {
    return false;
  }
}

function setupFor(screenReader) {
  if (!screenReader) {
    return basicSetup;
  }
  return [
    lineNumbers(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    bracketMatching(),
    highlightSelectionMatches(),
    Prec.highest(keymap.of([{ key: 'Enter', run: insertNewline }])),
    keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap]),
  ];
}

const mounted = [];

// CodeMirror writes its styles into a <style> element; the Content-Security-Policy admits it only with the page's
// nonce (layout.html).
const nonceMeta = document.querySelector('meta[name="csp-nonce"]');
const nonce = nonceMeta ? nonceMeta.getAttribute('content') : '';

export function mountYamlEditor(textarea) {
  const setup = new Compartment();
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      EditorView.cspNonce.of(nonce),
      setup.of(setupFor(screenReaderMode())),
      yaml(),
      // tabindex: the editing surface is what Tab reaches, and axe (scrollable-region-focusable) counts the
      // scrolling box's content as keyboard-reachable only with it.
      EditorView.contentAttributes.of({
        'aria-label': textarea.getAttribute('aria-label') || 'YAML editor',
        tabindex: '0',
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          textarea.value = update.state.doc.toString();
          textarea.dispatchEvent(new Event('input', { bubbles: true }));
        }
      }),
    ],
  });
  textarea.insertAdjacentElement('afterend', view.dom);
  textarea.hidden = true;
  view.dom.dataset.indent = screenReaderMode() ? 'off' : 'auto';
  mounted.push({ view, setup });
  return view;
}

function mountAll(root) {
  root.querySelectorAll('textarea[data-editor="yaml"]:not([data-editor-mounted])').forEach((textarea) => {
    textarea.setAttribute('data-editor-mounted', '');
    mountYamlEditor(textarea);
  });
}

document.addEventListener('DOMContentLoaded', () => mountAll(document));
// Content swapped in by htmx gets its editors too.
document.addEventListener('htmx:afterSettle', (event) => mountAll(event.target));

// The learner switched between the terminal and the screen-reader console (terminal.js): the editors follow.
document.addEventListener('minicluster:console-mode', (event) => {
  const screenReader = event.detail === SCREEN_READER;
  mounted.forEach(({ view, setup }) => {
    view.dispatch({ effects: setup.reconfigure(setupFor(screenReader)) });
    view.dom.dataset.indent = screenReader ? 'off' : 'auto';
  });
});
