import { addArticlesToNav } from './app/site-nav';
import { startRouter } from './app/router';

/** Bootstraps the single-page app; the script is a module, so the DOM is parsed by now. */
const main = document.getElementById('main');
if (main) {
  addArticlesToNav();
  startRouter(main);
}
