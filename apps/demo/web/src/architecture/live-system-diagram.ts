import { ApiError } from '../api/http-client';
import { el } from '../dom/element';
import { pollWhileVisible } from '../dom/poll-while-visible';
import { formatClock } from '../format/time';
import { systemDiagram } from './system-diagram';
import { getTopology } from './topology.api';

/** Prometheus evaluates the rates every 15 s, and the edge shares one look for 2 s. */
const REFRESH_MS = 15_000;

/**
 * The system diagram with its live figures, refreshed every 15 s while the tab is visible. When
 * the figures cannot be read, the diagram keeps the last ones and the note says why.
 */
export function mountLiveSystemDiagram(root: HTMLElement): () => void {
  const diagram = systemDiagram();
  const note = el('p', { class: 'live-figures-note muted', role: 'status' }, 'Asking the cluster…');
  root.append(diagram.element, note);
  const controller = new AbortController();

  const refresh = async (): Promise<void> => {
    try {
      const view = await getTopology(controller.signal);
      diagram.show(view);
      const at = formatClock(Date.parse(view.at));
      note.textContent = view.metrics
        ? `Live at ${at}: readiness from bff-web's probes; replicas and rates (last 20 s) from Prometheus.`
        : `Live at ${at}: readiness from bff-web's probes. Replicas and rates need Prometheus, which is not answering (npm run infra:up starts it).`;
      note.classList.toggle('is-stale', !view.metrics);
    } catch (error: unknown) {
      if (controller.signal.aborted) return;
      note.textContent = `Live figures not updated: ${error instanceof ApiError ? error.message : 'no answer from the server'}.`;
      note.classList.add('is-stale');
    }
  };
  const stop = pollWhileVisible(refresh, REFRESH_MS, controller.signal);
  return () => {
    controller.abort();
    stop();
  };
}
