package academy.minicluster.web.layout;

import com.microsoft.playwright.Page;
import java.util.List;

/**
 * Every box of a page measured in the browser: the page must not scroll sideways, no box may reach past the
 * window's edges unless a box that scrolls or clips holds it (a console's wide table scrolls inside the console),
 * and no two visible sibling boxes in the normal flow may overlap (the lab page's columns painted over each other).
 * Inline boxes (they wrap across lines), positioned ones (taken out of the flow on purpose) and an SVG drawing's
 * inside are not compared.
 */
final class BoxAudit {

    static final String SCRIPT = """
            () => {
              const problems = [];
              const vw = document.documentElement.clientWidth;
              const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                  + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
              const path = el => { const p = []; for (let e = el; e && e !== document.body && p.length < 4; e = e.parentElement) p.unshift(describe(e)); return p.join(' > '); };
              const shown = el => {
                const cs = getComputedStyle(el);
                if (cs.display === 'none' || cs.visibility === 'hidden' || cs.display === 'contents') return false;
                const r = el.getBoundingClientRect();
                return r.width > 0 && r.height > 0;
              };
              const inFlow = el => {
                const cs = getComputedStyle(el);
                return cs.position !== 'absolute' && cs.position !== 'fixed' && !cs.display.startsWith('inline')
                    && !(el.parentElement && el.parentElement.closest('svg'));
              };
              const heldByScroller = el => {
                for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                  if (getComputedStyle(a).overflowX !== 'visible') return true;
                }
                return false;
              };
              if (document.documentElement.scrollWidth > vw) {
                problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide in ' + vw);
              }
              for (const el of document.body.querySelectorAll('*')) {
                if (!shown(el) || !inFlow(el)) continue;
                const r = el.getBoundingClientRect();
                if ((r.right > vw + 0.5 || r.left < -0.5) && !heldByScroller(el)) {
                  problems.push('past the window (' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + vw + '): ' + path(el));
                }
                const kids = [...el.children].filter(c => shown(c) && inFlow(c));
                for (let i = 0; i < kids.length; i++) {
                  const a = kids[i].getBoundingClientRect();
                  for (let j = i + 1; j < kids.length; j++) {
                    const b = kids[j].getBoundingClientRect();
                    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                    if (w > 1 && h > 1) {
                      problems.push('overlap ' + Math.round(w) + 'x' + Math.round(h) + ': ' + path(kids[i]) + ' and ' + describe(kids[j]));
                    }
                  }
                }
              }
              return problems;
            }
            """;

    private BoxAudit() {
    }

    @SuppressWarnings("unchecked")
    static List<String> problems(Page page) {
        return (List<String>) page.evaluate(SCRIPT);
    }
}
