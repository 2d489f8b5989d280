import Alert from 'react-bootstrap/Alert';
import { useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useToasts } from '../../../components/toasts';
import { errorMessage } from '../../../lib/api-client';
import { createGroup } from '../api/groups';
import { GroupForm } from './group-form';

export default function NewGroupPage() {
  const navigate = useNavigate();
  const toasts = useToasts();
  const create = useMutation({
    mutationFn: createGroup,
    onSuccess: (group) => {
      toasts.success('Group created');
      void navigate(`/groups/${group.id}`);
    },
  });
  return (
    <section className="my-3">
      <h1 className="h3 mb-3">Start a study group</h1>
      {create.error && <Alert variant="danger">{errorMessage(create.error)}</Alert>}
      <GroupForm submitLabel="Create group" busy={create.isPending} onSubmit={(fields) => create.mutate(fields)} />
    </section>
  );
}
