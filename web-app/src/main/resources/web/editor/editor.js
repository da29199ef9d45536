// Pages with a YAML editor include this bundle ({#bundle key="editor" /}). Progressive enhancement: the page
// ships a plain <textarea data-editor="yaml">, which works without JavaScript; here CodeMirror takes its place
// and keeps the textarea's value in step, so the form posts what the learner typed.
import { EditorView, basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';

// CodeMirror writes its styles into a <style> element; the Content-Security-Policy admits it only with the page's
// nonce (layout.html).
const nonceMeta = document.querySelector('meta[name="csp-nonce"]');
const nonce = nonceMeta ? nonceMeta.getAttribute('content') : '';

export function mountYamlEditor(textarea) {
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      EditorView.cspNonce.of(nonce),
      basicSetup,
      yaml(),
      EditorView.contentAttributes.of({ 'aria-label': textarea.getAttribute('aria-label') || 'YAML editor' }),
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
