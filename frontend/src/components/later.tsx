// Drawing the heavy part of a page after the rest of it.
import { useDeferredValue } from 'react';

/**
 * Renders its children after what surrounds them, as background work that React splits into short steps: a phone
 * shows the page and keeps answering taps instead of freezing while all of it renders in one piece.
 */
export function Later({ children }: { children: React.ReactNode }) {
  const now = useDeferredValue(true, false);
  return now ? children : null;
}
