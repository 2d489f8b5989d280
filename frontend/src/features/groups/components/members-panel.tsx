// Members, the waitlist and (for organizers) requests, roles, removals, bans and the invite link.
import Button from 'react-bootstrap/Button';
import ButtonGroup from 'react-bootstrap/ButtonGroup';
import Table from 'react-bootstrap/Table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, QueryState } from '../../../components/page-state';
import { ConfirmAction } from '../../../components/confirm-action';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { usePeople } from '../../../lib/people';
import {
  answerRequest,
  banUser,
  getInvite,
  listBans,
  listMembers,
  listRequests,
  removeMember,
  rotateInvite,
  setRole,
  transferOwnership,
  unbanUser,
  type Group,
  type Role,
} from '../api/groups';

export function MembersPanel({ group }: { group: Group }) {
  const { user } = useAuth();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const role = group.viewer?.role;
  const manager = role === 'owner' || role === 'moderator';
  const members = useQuery({ queryKey: ['group', group.id, 'members'], queryFn: () => listMembers(group.id) });
  const requests = useQuery({
    queryKey: ['group', group.id, 'requests'],
    queryFn: () => listRequests(group.id),
    enabled: manager && group.visibility === 'private',
  });
  const bans = useQuery({ queryKey: ['group', group.id, 'bans'], queryFn: () => listBans(group.id), enabled: manager });
  const invite = useQuery({
    queryKey: ['group', group.id, 'invite'],
    queryFn: () => getInvite(group.id),
    enabled: manager && group.visibility === 'unlisted',
  });
  const nameOf = usePeople([
    ...(members.data?.members.map((m) => m.userId) ?? []),
    ...(members.data?.waitlist.map((w) => w.userId) ?? []),
    ...(requests.data?.map((r) => r.userId) ?? []),
    ...(bans.data?.map((b) => b.userId) ?? []),
  ]);
  const act = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => {
      toasts.success('Done');
      void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
    },
    onError: (e) => toasts.failure(e),
  });
  const canActOn = (target: Role) => manager && target !== 'owner' && (role === 'owner' || target === 'member');
  return (
    <>
      {manager && group.visibility === 'unlisted' && invite.data && (
        <div className="mb-3">
          <p className="mb-1">Invite link (share it with the people you want):</p>
          <code className="user-select-all d-block mb-2">{`${window.location.origin}/groups/${group.id}?invite=${invite.data.inviteCode}`}</code>
          <Button size="sm" variant="outline-secondary" onClick={() => act.mutate(() => rotateInvite(group.id))}>
            Make a new link (the old one stops working)
          </Button>
        </div>
      )}
      {manager && group.visibility === 'private' && (
        <>
          <h2 className="h5">Requests to join</h2>
          <QueryState query={requests}>
            {(list) =>
              list.length === 0 ? (
                <Empty>No requests waiting.</Empty>
              ) : (
                <ul className="list-unstyled">
                  {list.map((r) => (
                    <li key={r.userId} className="d-flex gap-2 align-items-center mb-2">
                      <span>{nameOf(r.userId)}</span>
                      <Button size="sm" onClick={() => act.mutate(() => answerRequest(group.id, r.userId, 'approve'))}>
                        Approve {nameOf(r.userId)}
                      </Button>
                      <Button
                        size="sm"
                        variant="outline-secondary"
                        onClick={() => act.mutate(() => answerRequest(group.id, r.userId, 'decline'))}
                      >
                        Decline
                      </Button>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </>
      )}
      <QueryState query={members}>
        {({ members: list, waitlist }) => (
          <>
            <h2 className="h5">Members</h2>
            <Table responsive size="sm">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  {manager && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {list.map((m) => (
                  <tr key={m.userId}>
                    <td>{nameOf(m.userId)}</td>
                    <td>{m.role}</td>
                    {manager && (
                      <td>
                        {m.userId !== user?.id && canActOn(m.role) && (
                          <ButtonGroup size="sm" aria-label={`Manage ${nameOf(m.userId)}`}>
                            {role === 'owner' && (
                              <Button
                                variant="outline-secondary"
                                onClick={() =>
                                  act.mutate(() => setRole(group.id, m.userId, m.role === 'moderator' ? 'member' : 'moderator'))
                                }
                              >
                                {m.role === 'moderator' ? 'Make member' : 'Make moderator'}
                              </Button>
                            )}
                            {role === 'owner' && (
                              <ConfirmAction
                                variant="outline-secondary"
                                label="Make owner"
                                title={`Hand the group to ${nameOf(m.userId)}?`}
                                confirmLabel="Hand it over"
                                onConfirm={() => act.mutate(() => transferOwnership(group.id, m.userId))}
                              >
                                They become its owner. You stay on as a moderator.
                              </ConfirmAction>
                            )}
                            <Button variant="outline-danger" onClick={() => act.mutate(() => removeMember(group.id, m.userId))}>
                              Remove
                            </Button>
                            <Button variant="outline-danger" onClick={() => act.mutate(() => banUser(group.id, m.userId))}>
                              Ban
                            </Button>
                          </ButtonGroup>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </Table>
            <h2 className="h5">Waitlist</h2>
            {waitlist.length === 0 ? (
              <Empty>Nobody is waiting.</Empty>
            ) : (
              <ol>
                {waitlist.map((w) => (
                  <li key={w.userId}>{nameOf(w.userId)}</li>
                ))}
              </ol>
            )}
          </>
        )}
      </QueryState>
      {manager && (bans.data?.length ?? 0) > 0 && (
        <>
          <h2 className="h5">Banned</h2>
          <ul className="list-unstyled">
            {bans.data!.map((b) => (
              <li key={b.userId} className="d-flex gap-2 align-items-center mb-1">
                {nameOf(b.userId)}
                <Button size="sm" variant="outline-secondary" onClick={() => act.mutate(() => unbanUser(group.id, b.userId))}>
                  Lift ban
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
