// Every page: htmx for the round trips (console, apply, check, lint) and the site's styles.
import htmx from 'htmx.org';
import './app.css';

window.htmx = htmx;
