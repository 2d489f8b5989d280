// One group: what it is, joining or leaving, and (as far as I may see) members, meetings and discussion.
import Alert from 'react-bootstrap/Alert';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Tab from 'react-bootstrap/Tab';
import Tabs from 'react-bootstrap/Tabs';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isId, NotFound, QueryState, type Missing } from '../../../components/page-state';
import { ConfirmAction } from '../../../components/confirm-action';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { archiveGroup, editGroup, getGroup, joinGroup, leaveGroup, type Group } from '../api/groups';
import { DiscussionPanel } from './discussion-panel';
import { GroupForm } from './group-form';
import { FindATimePanel } from './find-a-time-panel';
import { MeetingsPanel } from './meetings-panel';
import { MembersPanel } from './members-panel';

const weekdays = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

function Membership({ group }: { group: Group }) {
  const { user } = useAuth();
  const [params] = useSearchParams();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
  const join = useMutation({
    mutationFn: () => joinGroup(group.id, params.get('invite') ?? undefined),
    onSuccess: (r) => {
      toasts.success(
        r.status === 'member'
          ? 'You joined the group'
          : r.status === 'waitlisted'
            ? `The group is full: you are number ${r.position} on the waitlist`
            : 'Request sent to the organizers',
      );
      refresh();
    },
    onError: (e) => toasts.failure(e, 'Could not join'),
  });
  const leave = useMutation({
    mutationFn: () => leaveGroup(group.id),
    onSuccess: () => {
      toasts.success('Done');
      refresh();
    },
    onError: (e) => toasts.failure(e, 'Could not leave'),
  });
  if (!user)
    return (
      <Link
        className="btn btn-primary"
        to={`/login?next=${encodeURIComponent(`/groups/${group.id}${params.get('invite') ? `?invite=${params.get('invite')}` : ''}`)}`}
      >
        Log in to join
      </Link>
    );
  const viewer = group.viewer;
  if (group.status === 'archived') return <Badge bg="secondary">Archived</Badge>;
  if (viewer?.banned) return <span className="text-secondary">You cannot join this group.</span>;
  if (viewer?.role === 'owner')
    return (
      <Badge bg="info" text="dark">
        You own this group
      </Badge>
    );
  if (viewer?.role)
    return (
      <div className="d-flex gap-2 align-items-center">
        <Badge bg="info" text="dark">
          You are a {viewer.role}
        </Badge>
        <ConfirmAction
          size="sm"
          label="Leave group"
          title={`Leave ${group.name}?`}
          confirmLabel="Leave"
          disabled={leave.isPending}
          onConfirm={() => leave.mutate()}
        >
          You give up your place and your answers to its coming meetings. If the group is full, the first person on the waitlist takes your
          place.
        </ConfirmAction>
      </div>
    );
  if (viewer?.waitlistPosition)
    return (
      <div className="d-flex gap-2 align-items-center">
        <span>
          You are <strong>number {viewer.waitlistPosition}</strong> on the waitlist.
        </span>
        <Button size="sm" variant="outline-secondary" onClick={() => leave.mutate()}>
          Leave the waitlist
        </Button>
      </div>
    );
  if (viewer?.requested)
    return (
      <div className="d-flex gap-2 align-items-center">
        <span>Your request is waiting for the organizers.</span>
        <Button size="sm" variant="outline-secondary" onClick={() => leave.mutate()}>
          Withdraw request
        </Button>
      </div>
    );
  const label = group.visibility === 'private' ? 'Ask to join' : group.memberCount >= group.capacity ? 'Join the waitlist' : 'Join group';
  return (
    <Button onClick={() => join.mutate()} disabled={join.isPending}>
      {label}
    </Button>
  );
}

function About({ group }: { group: Group }) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const manager = group.viewer?.role === 'owner' || group.viewer?.role === 'moderator';
  const save = useMutation({
    mutationFn: (fields: Parameters<typeof editGroup>[1]) => editGroup(group.id, fields),
    onSuccess: () => {
      toasts.success('Group saved');
      void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
    },
    onError: (e) => toasts.failure(e, 'Not saved'),
  });
  const archive = useMutation({
    mutationFn: () => archiveGroup(group.id),
    onSuccess: () => {
      toasts.success('Group archived');
      void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
    },
    onError: (e) => toasts.failure(e),
  });
  return (
    <>
      {group.description && <p style={{ whiteSpace: 'pre-line' }}>{group.description}</p>}
      <dl className="row">
        <dt className="col-sm-3">Meets</dt>
        <dd className="col-sm-9">
          {group.meetingStyle === 'in_person' ? 'In person' : group.meetingStyle === 'hybrid' ? 'Hybrid' : 'Online'}
          {group.location && ` · ${group.location}`}
          {group.meetingLink && (
            <>
              {' · '}
              <a href={group.meetingLink} rel="noreferrer noopener" target="_blank">
                meeting link
              </a>
            </>
          )}
        </dd>
        {group.schedule && (
          <>
            <dt className="col-sm-3">Every week</dt>
            <dd className="col-sm-9">
              {weekdays[group.schedule.weekday - 1]} at {group.schedule.start} for {group.schedule.durationMinutes} min (
              {group.schedule.timezone.replaceAll('_', ' ')})
            </dd>
          </>
        )}
        <dt className="col-sm-3">Places</dt>
        <dd className="col-sm-9">
          {group.memberCount} of {group.capacity} taken (the organizer has their own seat)
        </dd>
      </dl>
      {manager && group.status === 'active' && (
        <>
          <h2 className="h5 mt-4">Edit the group</h2>
          <GroupForm initial={group} submitLabel="Save changes" busy={save.isPending} onSubmit={(fields) => save.mutate(fields)} />
          {group.viewer?.role === 'owner' && (
            <ConfirmAction
              className="mt-3"
              label="Archive group"
              title="Archive this group?"
              confirmLabel="Archive"
              onConfirm={() => archive.mutate()}
            >
              It leaves browsing and takes no more joins, meetings or posts. Members can still read it.
            </ConfirmAction>
          )}
        </>
      )}
    </>
  );
}

const noSuchGroup: Missing = { title: 'No such group', back: { to: '/groups', label: 'Browse study groups' } };

export default function GroupPage() {
  const { groupId = '' } = useParams();
  const known = isId(groupId);
  const group = useQuery({ queryKey: ['group', groupId], queryFn: () => getGroup(groupId), enabled: known });
  if (!known) return <NotFound {...noSuchGroup} />;
  return (
    <QueryState query={group} loadingLabel="Loading the group…" missing={noSuchGroup}>
      {(g) => {
        const canRead = g.visibility === 'public' || Boolean(g.viewer?.role);
        return (
          <>
            <div className="d-flex justify-content-between align-items-start flex-wrap gap-2 mb-3">
              <div>
                <h1 className="h3 mb-1">{g.name}</h1>
                <p className="text-secondary mb-0">
                  {g.course} · {g.subject} ·{' '}
                  {g.visibility === 'public' ? 'public' : g.visibility === 'private' ? 'join on request' : 'invite only'}
                </p>
              </div>
              <Membership group={g} />
            </div>
            {g.status === 'archived' && (
              <Alert variant="secondary">This group is archived: it can be read but takes no joins, meetings or posts.</Alert>
            )}
            <Tabs defaultActiveKey="about" className="mb-3" mountOnEnter>
              <Tab eventKey="about" title="About">
                <About group={g} />
              </Tab>
              {canRead && (
                <Tab eventKey="meetings" title="Meetings">
                  <MeetingsPanel group={g} />
                </Tab>
              )}
              {canRead && (
                <Tab eventKey="discussion" title="Discussion">
                  <DiscussionPanel group={g} />
                </Tab>
              )}
              {g.viewer?.role && g.status !== 'archived' && (
                <Tab eventKey="find-a-time" title="Find a time">
                  <FindATimePanel group={g} />
                </Tab>
              )}
              {canRead && (
                <Tab eventKey="members" title="Members">
                  <MembersPanel group={g} />
                </Tab>
              )}
            </Tabs>
            {!canRead && <p className="text-secondary">Members see this group’s meetings, members and discussion.</p>}
          </>
        );
      }}
    </QueryState>
  );
}
