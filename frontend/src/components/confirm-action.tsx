// An action that asks first, in the page's own dialog: never the browser's confirm or prompt, which cannot be
// styled, read the page's language or ask for a reason properly.
import { useId, useState } from 'react';
import Button, { type ButtonProps } from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import Modal from 'react-bootstrap/Modal';

export function ConfirmAction({
  label,
  title,
  children,
  confirmLabel,
  reasonLabel,
  onConfirm,
  variant = 'outline-danger',
  size,
  className,
  disabled,
}: {
  /** The button that opens the dialog. */
  label: string;
  title: string;
  /** What will happen, in a sentence or two. */
  children: React.ReactNode;
  confirmLabel: string;
  /** Asks for a reason in a field with this label; the action waits until one is written. */
  reasonLabel?: string;
  onConfirm: (reason: string) => void;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  className?: string;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const close = () => {
    setOpen(false);
    setReason('');
  };
  return (
    <>
      <Button variant={variant} size={size} className={className} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal show={open} onHide={close} centered aria-labelledby={`${reasonId}-title`}>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm(reason.trim());
            close();
          }}
        >
          <Modal.Header closeButton>
            <Modal.Title id={`${reasonId}-title`} as="h2" className="h5">
              {title}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <p className={reasonLabel ? 'mb-3' : 'mb-0'}>{children}</p>
            {reasonLabel && (
              <Form.Group controlId={reasonId}>
                <Form.Label>{reasonLabel}</Form.Label>
                <Form.Control as="textarea" rows={2} maxLength={500} value={reason} required onChange={(e) => setReason(e.target.value)} />
              </Form.Group>
            )}
          </Modal.Body>
          <Modal.Footer>
            <Button variant="outline-secondary" onClick={close}>
              Keep it
            </Button>
            <Button type="submit" variant="danger" disabled={Boolean(reasonLabel) && reason.trim() === ''}>
              {confirmLabel}
            </Button>
          </Modal.Footer>
        </Form>
      </Modal>
    </>
  );
}
