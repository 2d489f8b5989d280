// The discussion board: posts newest first, replies under each, editing and deleting.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Form from 'react-bootstrap/Form';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, QueryState } from '../../../components/page-state';
import { ConfirmAction } from '../../../components/confirm-action';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/time';
import { deletePost, editPost, listPosts, listReplies, writePost, writeReply, type Group, type Post } from '../api/groups';

function Composer({ label, id, onSend, busy }: { label: string; id: string; onSend: (text: string) => Promise<unknown>; busy: boolean }) {
  const [text, setText] = useState('');
  return (
    <Form
      className="mb-3"
      onSubmit={(e) => {
        e.preventDefault();
        void onSend(text).then(() => setText(''));
      }}
    >
      <Form.Group className="mb-2" controlId={id}>
        <Form.Label>{label}</Form.Label>
        <Form.Control as="textarea" rows={2} maxLength={5000} required value={text} onChange={(e) => setText(e.target.value)} />
      </Form.Group>
      <Button type="submit" size="sm" disabled={busy || !text.trim()}>
        Send
      </Button>
    </Form>
  );
}

function PostView({ group, post, onChanged }: { group: Group; post: Post; onChanged: () => void }) {
  const { user, timeZone } = useAuth();
  const toasts = useToasts();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(post.body);
  const [showReplies, setShowReplies] = useState(false);
  const manager = group.viewer?.role === 'owner' || group.viewer?.role === 'moderator';
  // a reply is addressed through its post
  const [postId, replyId] = post.parentId ? [post.parentId, post.id] : [post.id, undefined];
  const save = useMutation({
    mutationFn: () => editPost(group.id, text, postId, replyId),
    onSuccess: () => (setEditing(false), onChanged()),
    onError: (e) => toasts.failure(e, 'Not saved'),
  });
  const remove = useMutation({
    mutationFn: () => deletePost(group.id, postId, replyId),
    onSuccess: onChanged,
    onError: (e) => toasts.failure(e, 'Not deleted'),
  });
  const replies = useQuery({
    queryKey: ['group', group.id, 'replies', post.id],
    queryFn: () => listReplies(group.id, post.id),
    enabled: showReplies,
  });
  const reply = useMutation({
    mutationFn: (body: string) => writeReply(group.id, post.id, body),
    onSuccess: () => (void replies.refetch(), onChanged()),
    onError: (e) => toasts.failure(e, 'Not sent'),
  });
  if (post.deleted) return <p className="text-secondary small fst-italic">Deleted {post.parentId ? 'reply' : 'post'}</p>;
  return (
    <div>
      <p className="small text-secondary mb-1">
        <strong className="text-body">{post.authorName}</strong> · {formatDateTime(post.createdAt, timeZone)}
        {post.editedAt && ' · edited'}
      </p>
      {editing ? (
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Form.Label htmlFor={`edit-${post.id}`} visuallyHidden>
            Edit
          </Form.Label>
          <Form.Control
            id={`edit-${post.id}`}
            as="textarea"
            rows={2}
            maxLength={5000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit" size="sm" className="mt-1">
            Save
          </Button>
        </Form>
      ) : (
        <p style={{ whiteSpace: 'pre-line' }} className="mb-1">
          {post.body}
        </p>
      )}
      <div className="d-flex gap-2">
        {!post.parentId && (
          <Button size="sm" variant="link" className="p-0" aria-expanded={showReplies} onClick={() => setShowReplies(!showReplies)}>
            {post.replyCount} {post.replyCount === 1 ? 'reply' : 'replies'}
          </Button>
        )}
        {post.authorId === user?.id && !editing && (
          <Button size="sm" variant="link" className="p-0" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )}
        {(post.authorId === user?.id || manager) && (
          <ConfirmAction
            size="sm"
            variant="link"
            className="p-0 text-danger"
            label="Delete"
            title="Delete this post?"
            confirmLabel="Delete"
            onConfirm={() => remove.mutate()}
          >
            It is removed for everyone. This cannot be undone.
          </ConfirmAction>
        )}
      </div>
      {showReplies && (
        <div className="ms-4 mt-2 border-start ps-3">
          <QueryState query={replies}>
            {({ posts }) => (
              <>
                {posts.map((r) => (
                  <PostView key={r.id} group={group} post={r} onChanged={() => void replies.refetch()} />
                ))}
              </>
            )}
          </QueryState>
          {group.viewer?.role && group.status === 'active' && (
            <Composer label="Reply" id={`reply-${post.id}`} busy={reply.isPending} onSend={(body) => reply.mutateAsync(body)} />
          )}
        </div>
      )}
    </div>
  );
}

export function DiscussionPanel({ group }: { group: Group }) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const posts = useInfiniteQuery({
    queryKey: ['group', group.id, 'posts'],
    queryFn: ({ pageParam }) => listPosts(group.id, pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['group', group.id, 'posts'] });
  const write = useMutation({
    mutationFn: (body: string) => writePost(group.id, body),
    onSuccess: refresh,
    onError: (e) => toasts.failure(e, 'Not posted'),
  });
  const list = posts.data?.pages.flatMap((p) => p.posts);
  return (
    <>
      {group.viewer?.role && group.status === 'active' && (
        <Composer label="Write to the group" id="new-post" busy={write.isPending} onSend={(body) => write.mutateAsync(body)} />
      )}
      <QueryState query={{ ...posts, data: list }} loadingLabel="Loading the discussion…">
        {(found) =>
          found.length === 0 ? (
            <Empty>No posts yet.</Empty>
          ) : (
            <>
              {found.map((p) => (
                <Card key={p.id} className="mb-2">
                  <Card.Body>
                    <PostView group={group} post={p} onChanged={refresh} />
                  </Card.Body>
                </Card>
              ))}
              {posts.hasNextPage && (
                <Button variant="outline-primary" size="sm" onClick={() => void posts.fetchNextPage()}>
                  Older posts
                </Button>
              )}
            </>
          )
        }
      </QueryState>
    </>
  );
}
