package academy.minicluster.web.accessibility;

import com.microsoft.playwright.Page;
import java.util.List;

/**
 * What a keyboard or screen-reader user needs from every page, checked in the browser's DOM (axe-core is not
 * available offline here): a language and a title, one main landmark with the banner, navigation and footer around
 * it, a skip link to it, one h1, an accessible name on every control and link, and a text alternative for every
 * image and drawing.
 */
final class PageAudit {

    static final String SCRIPT = """
            () => {
              const problems = [];
              const text = s => (s || '').replace(/\\s+/g, ' ').trim();
              const shown = el => !(el.hidden || el.closest('[hidden]') || el.type === 'hidden'
                  || el.closest('[aria-hidden=true]'));
              const name = el => {
                const label = text(el.getAttribute('aria-label'));
                if (label) return label;
                const by = el.getAttribute('aria-labelledby');
                if (by) {
                  const n = text(by.split(/\\s+/).map(id => (document.getElementById(id) || {}).textContent).join(' '));
                  if (n) return n;
                }
                if (el.labels && el.labels.length) {
                  const n = text([...el.labels].map(l => l.textContent).join(' '));
                  if (n) return n;
                }
                if (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) && text(el.textContent)) return text(el.textContent);
                if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type) && text(el.value)) {
                  return text(el.value);
                }
                return text(el.getAttribute('title'));
              };
              const describe = el => el.outerHTML.slice(0, 160);
              if (!document.documentElement.lang) problems.push('the page has no lang');
              if (!text(document.title)) problems.push('the page has no title');
              const mains = document.querySelectorAll('main, [role=main]');
              if (mains.length !== 1) problems.push(mains.length + ' main landmarks, not 1');
              if (!document.querySelector('body > header')) problems.push('no banner (header)');
              if (!document.querySelector('nav[aria-label]')) problems.push('no labelled navigation');
              if (!document.querySelector('body > footer')) problems.push('no contentinfo (footer)');
              const first = document.querySelector('a[href]');
              if (!first || first.getAttribute('href') !== '#main' || !document.getElementById('main')) {
                problems.push('the first link is not a skip link to #main');
              }
              if (document.querySelectorAll('h1').length !== 1) {
                problems.push(document.querySelectorAll('h1').length + ' h1 headings, not 1');
              }
              document.querySelectorAll('input, select, textarea, button, a[href], summary, [contenteditable=true]')
                  .forEach(el => { if (shown(el) && !name(el)) problems.push('no accessible name: ' + describe(el)); });
              document.querySelectorAll('svg').forEach(svg => {
                if ((svg.parentElement && svg.parentElement.closest('svg')) || svg.getAttribute('aria-hidden') === 'true') {
                  return;
                }
                const title = svg.querySelector(':scope > title');
                if (svg.getAttribute('role') !== 'img' || !(name(svg) || (title && text(title.textContent)))) {
                  problems.push('a drawing without role=img and a text alternative: ' + describe(svg));
                }
              });
              document.querySelectorAll('img').forEach(img => {
                if (!img.hasAttribute('alt')) problems.push('an image without alt: ' + describe(img));
              });
              const ids = {};
              document.querySelectorAll('[id]').forEach(el => { ids[el.id] = (ids[el.id] || 0) + 1; });
              Object.keys(ids).filter(id => ids[id] > 1).forEach(id => problems.push('the id ' + id + ' is used '
                  + ids[id] + ' times'));
              return problems;
            }
            """;

    private PageAudit() {
    }

    @SuppressWarnings("unchecked")
    static List<String> problems(Page page) {
        return (List<String>) page.evaluate(SCRIPT);
    }
}
