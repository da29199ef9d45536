// Lesson pages include this bundle ({#bundle key="course" /}). Progressive enhancement: code blocks read fine
// without JavaScript; here each gets a "Copy" button that puts the block's text on the clipboard and says so.
import './course.css';

function addCopyButton(pre) {
  const code = pre.querySelector('code');
  if (!code || pre.parentElement.classList.contains('code-block')) {
    return;
  }
  const wrapper = document.createElement('div');
  wrapper.className = 'code-block';
  pre.replaceWith(wrapper);
  wrapper.appendChild(pre);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy this code to the clipboard');
  const status = document.createElement('span');
  status.className = 'copy-status';
  status.setAttribute('role', 'status');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.textContent);
      status.textContent = 'Copied';
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(code);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = 'Selected: press Ctrl+C to copy';
    }
    setTimeout(() => { status.textContent = ''; }, 2500);
  });
  wrapper.appendChild(button);
  wrapper.appendChild(status);
}

function enhance() {
  document.querySelectorAll('.lesson-body pre').forEach(addCopyButton);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', enhance);
} else {
  enhance();
}
