export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * A minimal Server-Sent Events reader over fetch: collects events until `until` says stop or
 * the time runs out, then closes the connection.
 */
export async function readEvents(url: string, until: (events: SseEvent[]) => boolean, timeoutMs = 20_000): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        events.push(parse(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
      if (until(events)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

function parse(block: string): SseEvent {
  const event: SseEvent = { event: 'message', data: '' };
  for (const line of block.split('\n')) {
    const [field, ...rest] = line.split(':');
    const value = rest.join(':').replace(/^ /, '');
    if (field === 'event') event.event = value;
    else if (field === 'data') event.data += value;
    else if (field === 'id') event.id = value;
  }
  return event;
}
