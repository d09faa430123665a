// 本文へ移動: moves keyboard focus into the page's main content. The link's own "#main" would resolve against
// <base href="/"> and leave the page, so the click is handled here instead (a script file: the CSP refuses inline code).
document.addEventListener('click', event => {
    const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
    const main = document.getElementById('main');
    if (!link || !main) {
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    main.focus();
    main.scrollIntoView();
}, true);
