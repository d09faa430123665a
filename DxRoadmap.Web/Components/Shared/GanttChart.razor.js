// Brings the as-of line into view: the chart opens at today rather than at the plan's first year.
export function scrollToX(element, x) {
    if (!element) {
        return;
    }
    const labels = element.querySelector('.gantt-labels');
    const visible = element.clientWidth - (labels ? labels.offsetWidth : 0);
    element.scrollLeft = Math.max(0, x - visible / 2);
}

// The label column as a WAI-ARIA tree (a flat list of rows carrying aria-level): one tab stop, the row last
// focused; Up/Down move between rows, Home/End to the first and last; Right opens a closed group or moves into an
// open one, Left closes an open group or moves to the parent; Enter toggles a group, and on a milestone follows its
// link to the editor (the browser's own behaviour). Groups open and close through their toggle button, so the
// component's click handler stays the only place that changes what is shown.
export function attachTree(tree) {
    if (!tree || tree.dataset.keyboard) {
        return;
    }
    tree.dataset.keyboard = 'on';
    const rows = () => Array.from(tree.querySelectorAll('[role=treeitem]'));
    const level = row => Number(row.getAttribute('aria-level')) || 1;
    const isGroup = row => row.hasAttribute('aria-expanded');
    const isOpen = row => row.getAttribute('aria-expanded') === 'true';
    const toggle = row => row.querySelector('button.toggle')?.click();

    const makeCurrent = row => {
        for (const other of tree.querySelectorAll('[role=treeitem][tabindex="0"]')) {
            if (other !== row) {
                other.tabIndex = -1;
            }
        }
        row.tabIndex = 0;
    };
    const moveTo = row => {
        if (row) {
            makeCurrent(row);
            row.focus();
        }
    };
    // Rows come and go with filters and folding: keep exactly one of them reachable by Tab.
    const keepOneTabStop = () => {
        const current = tree.querySelector('[role=treeitem][tabindex="0"]') ?? tree.querySelector('[role=treeitem]');
        if (current) {
            makeCurrent(current);
        }
    };

    tree.addEventListener('focusin', event => {
        const row = event.target instanceof Element ? event.target.closest('[role=treeitem]') : null;
        if (row && tree.contains(row)) {
            makeCurrent(row);
        }
    });

    tree.addEventListener('keydown', event => {
        if (event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        const row = event.target instanceof Element ? event.target.closest('[role=treeitem]') : null;
        if (!row) {
            return;
        }
        const all = rows();
        const at = all.indexOf(row);
        let handled = true;
        switch (event.key) {
            case 'ArrowDown':
                moveTo(all[at + 1]);
                break;
            case 'ArrowUp':
                moveTo(all[at - 1]);
                break;
            case 'Home':
                moveTo(all[0]);
                break;
            case 'End':
                moveTo(all[all.length - 1]);
                break;
            case 'ArrowRight':
                if (isGroup(row) && !isOpen(row)) {
                    toggle(row);
                } else if (isGroup(row) && all[at + 1] && level(all[at + 1]) > level(row)) {
                    moveTo(all[at + 1]);
                }
                break;
            case 'ArrowLeft':
                if (isGroup(row) && isOpen(row)) {
                    toggle(row);
                } else {
                    moveTo(all.slice(0, at).reverse().find(r => level(r) < level(row)));
                }
                break;
            case 'Enter':
                if (isGroup(row)) {
                    toggle(row);
                } else {
                    handled = false; // a milestone row is a link: the browser follows it
                }
                break;
            default:
                handled = false;
        }
        if (handled) {
            event.preventDefault();
        }
    });

    new MutationObserver(keepOneTabStop).observe(tree, { childList: true });
    keepOneTabStop();
}
