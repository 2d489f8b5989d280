// Outcome messages ("Booked", "Could not cancel: …") in a corner, announced to screen readers.
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import Toast from 'react-bootstrap/Toast';
import ToastContainer from 'react-bootstrap/ToastContainer';
import { errorMessage } from '../lib/api-client';

interface Message {
  id: number;
  text: string;
  variant: 'success' | 'danger';
}

interface Toasts {
  success(text: string): void;
  failure(error: unknown, prefix?: string): void;
}

const ToastContext = createContext<Toasts | null>(null);

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const push = useCallback((text: string, variant: Message['variant']) => {
    setMessages((current) => [...current.slice(-3), { id: Date.now() + Math.random(), text, variant }]);
  }, []);
  const toasts = useMemo<Toasts>(
    () => ({
      success: (text) => push(text, 'success'),
      failure: (error, prefix) => push(prefix ? `${prefix}: ${errorMessage(error)}` : errorMessage(error), 'danger'),
    }),
    [push],
  );
  return (
    <ToastContext.Provider value={toasts}>
      {children}
      <ToastContainer position="bottom-end" className="p-3 position-fixed" role="status" aria-live="polite">
        {messages.map((m) => (
          <Toast
            key={m.id}
            bg={m.variant}
            autohide
            delay={5000}
            animation={false}
            onClose={() => setMessages((current) => current.filter((x) => x.id !== m.id))}
          >
            <Toast.Header closeLabel="Dismiss">
              <strong className="me-auto">{m.variant === 'success' ? 'Done' : 'Problem'}</strong>
            </Toast.Header>
            <Toast.Body className="text-white">{m.text}</Toast.Body>
          </Toast>
        ))}
      </ToastContainer>
    </ToastContext.Provider>
  );
}

export function useToasts(): Toasts {
  const toasts = useContext(ToastContext);
  if (!toasts) throw new Error('useToasts needs a ToastProvider');
  return toasts;
}
