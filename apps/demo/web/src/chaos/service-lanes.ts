import type { ChaosTimeline } from '../api/chaos-api.types';
import { el, fill } from '../dom/element';
import { laneSegments, servicesIn } from './timeline-series';

/**
 * Each service's readiness over the last minutes, one lane per service: green while ready,
 * red while not, faults shaded behind. Plain DOM: a handful of bars needs no chart library.
 */
export function renderServiceLanes(container: HTMLElement, timeline: ChaosTimeline): void {
  const { samples } = timeline;
  if (samples.length < 2) {
    fill(container, el('p', { class: 'muted' }, 'Waiting for samples…'));
    return;
  }
  const start = samples[0].at;
  const span = Math.max(1, samples[samples.length - 1].at - start + 1000);
  const percent = (at: number) => `${(((at - start) / span) * 100).toFixed(2)}%`;
  const width = (from: number, to: number) => `${(((to - from + 1000) / span) * 100).toFixed(2)}%`;
  const bands = timeline.faults.map((fault) => {
    const from = Math.max(start, Date.parse(fault.from));
    const to = fault.to ? Date.parse(fault.to) : samples[samples.length - 1].at;
    return placed(el('span', { class: 'lane-fault', title: `${fault.kind} ${fault.target}` }), percent(from), width(from, to));
  });
  fill(
    container,
    ...servicesIn(samples).map((service) => {
      const segments = laneSegments(samples, service);
      const current = segments[segments.length - 1];
      return el(
        'div',
        { class: 'service-lane', 'data-service': service, 'data-up': String(current?.up ?? false) },
        el('span', { class: 'lane-name' }, service),
        el(
          'span',
          { class: 'lane-track' },
          ...bands.map((band) => placed(band.cloneNode(true) as HTMLElement, band.style.left, band.style.width)),
          ...segments.map((segment) =>
            placed(
              el('span', { class: `lane-segment ${segment.up ? 'is-up' : 'is-down'}`, title: `${service} ${segment.up ? 'ready' : 'not ready'}` }),
              percent(segment.from),
              width(segment.from, segment.to),
            ),
          ),
        ),
      );
    }),
  );
}

/** Positions through the CSSOM: the CSP (style-src 'self') forbids style attributes, not this. */
function placed(element: HTMLElement, left: string, width: string): HTMLElement {
  element.style.left = left;
  element.style.width = width;
  return element;
}
