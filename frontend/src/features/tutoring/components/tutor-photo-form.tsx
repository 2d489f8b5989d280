// A tutor's photo: choose a file and it is uploaded at once, or remove it. Students see initials until there is one.
import { useRef, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Avatar } from '../../../components/avatar';
import { useToasts } from '../../../components/toasts';
import { errorMessage } from '../../../lib/api-client';
import { photoUpload, removeTutorPhoto, uploadTutorPhoto, type OwnTutorProfile } from '../api/tutor-profile';

/** Why a file will not do, before it is sent; undefined when it may go. */
function problemWith(file: File): string | undefined {
  if (!(photoUpload.types as readonly string[]).includes(file.type)) return 'Choose a JPEG, PNG or WebP image.';
  if (file.size > photoUpload.maxBytes) return `That file is ${(file.size / 1024 / 1024).toFixed(1)} MB; choose one up to 8 MB.`;
  return undefined;
}

export function TutorPhotoForm({ profile }: { profile: OwnTutorProfile }) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  const done = (text: string) => (saved?: OwnTutorProfile) => {
    queryClient.setQueryData(['my-tutor-profile'], saved ?? { ...profile, photoUrl: null });
    void queryClient.invalidateQueries({ queryKey: ['tutor', profile.id] });
    if (input.current) input.current.value = '';
    toasts.success(text);
  };
  const upload = useMutation({ mutationFn: uploadTutorPhoto, onSuccess: done('Photo saved') });
  const remove = useMutation({ mutationFn: removeTutorPhoto, onSuccess: () => done('Photo removed')() });
  const failure = problem ?? (upload.error ? errorMessage(upload.error) : remove.error ? errorMessage(remove.error) : undefined);
  const busy = upload.isPending || remove.isPending;

  return (
    <section className="mb-4" aria-labelledby="tutor-photo-heading">
      <h2 id="tutor-photo-heading" className="h5">
        Photo
      </h2>
      <div className="d-flex align-items-center gap-3">
        <Avatar name={profile.displayName} photoUrl={profile.photoUrl} size="lg" />
        <Form.Group controlId="tutor-photo" className="flex-grow-1">
          <Form.Label>{profile.photoUrl ? 'Choose another photo' : 'Choose a photo'}</Form.Label>
          <Form.Control
            ref={input}
            type="file"
            accept={photoUpload.types.join(',')}
            disabled={busy}
            aria-describedby="tutor-photo-help"
            onChange={(e) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (!file) return;
              const why = problemWith(file);
              setProblem(why);
              if (!why) upload.mutate(file);
            }}
          />
          <Form.Text id="tutor-photo-help">
            A clear photo of your face helps students choose you. JPEG, PNG or WebP up to 8 MB; it is cropped to a square and its location
            data is removed.
          </Form.Text>
        </Form.Group>
        {profile.photoUrl && (
          <Button variant="outline-secondary" disabled={busy} onClick={() => remove.mutate()}>
            Remove photo
          </Button>
        )}
      </div>
      {upload.isPending && (
        <p role="status" className="mt-2 mb-0">
          Uploading…
        </p>
      )}
      {failure && (
        <Alert variant="danger" className="mt-2 mb-0">
          {failure}
        </Alert>
      )}
    </section>
  );
}
