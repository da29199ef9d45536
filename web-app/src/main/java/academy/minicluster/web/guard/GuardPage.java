package academy.minicluster.web.guard;

/**
 * The short page a guard answers a browser with before any resource runs (a refused sign-in or cross-site post, a
 * throttled sign-in, a session that ended): a heading, what happened as an alert (which app.js shows in place when a
 * page's script sent the request), and what to do next. Only the platform's own wording goes in: it is HTML as given.
 */
final class GuardPage {

    private GuardPage() {
    }

    static String of(String heading, String alertHtml, String nextHtml) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%1$s · Minicluster Academy</title></head>
                <body>
                <main id="main">
                <h1>%1$s</h1>
                <p role="alert">%2$s</p>
                <p>%3$s</p>
                </main>
                </body>
                </html>
                """.formatted(heading, alertHtml, nextHtml);
    }
}
