// Brings the as-of line into view: the chart opens at today rather than at the plan's first year.
export function scrollToX(element, x) {
    if (!element) {
        return;
    }
    const labels = element.querySelector('.gantt-labels');
    const visible = element.clientWidth - (labels ? labels.offsetWidth : 0);
    element.scrollLeft = Math.max(0, x - visible / 2);
}
