// The discussion board in the group's partition: posts newest first, each post's replies oldest first. Ids are
// UUIDv7, so sort keys order by time and a page continues after the last id it showed.
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { v7 as uuidv7 } from 'uuid';
import { threadReplied, type GroupRef } from '../clients/group-notices';
import type { DynamoOutbox } from './outbox';
import { item } from './table-definition';
import { cancellationReasons, updateIf } from './table-operations';

export interface PostRecord {
  id: string;
  /** The post a reply answers; null for a post. */
  parentId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  replyCount: number;
}

const toPost = (i: Record<string, unknown>): PostRecord => ({
  id: i.id as string,
  parentId: (i.parentId as string | null) ?? null,
  authorId: i.authorId as string,
  authorName: i.authorName as string,
  body: i.body as string,
  createdAt: i.createdAt as string,
  editedAt: (i.editedAt as string | null) ?? null,
  deleted: i.deleted === true,
  replyCount: (i.replyCount as number | undefined) ?? 0,
});

/** Where a post or reply lives. */
const sortKey = (postId: string, replyId?: string) => (replyId ? item.reply(postId, replyId) : item.post(postId));

export class PostRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly outbox: DynamoOutbox,
  ) {}

  private newPost(parentId: string | null, author: { id: string; name: string }, body: string): PostRecord {
    return {
      id: uuidv7(),
      parentId,
      authorId: author.id,
      authorName: author.name,
      body,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
      replyCount: 0,
    };
  }

  async create(groupId: string, author: { id: string; name: string }, body: string): Promise<PostRecord> {
    const post = this.newPost(null, author, body);
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: item.group(groupId), sk: item.post(post.id), ...post } }));
    return post;
  }

  /**
   * Adds a reply and counts it on its post, together, and tells the post's author when someone else replied;
   * undefined when the post is gone or deleted.
   */
  async reply(
    group: GroupRef,
    post: { id: string; authorId: string },
    author: { id: string; name: string },
    body: string,
  ): Promise<PostRecord | undefined> {
    const groupId = group.id;
    const postId = post.id;
    const reply = this.newPost(postId, author, body);
    const notice = post.authorId === author.id ? [] : [await this.outbox.put(threadReplied(group, post, author))];
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: { pk: item.group(groupId), sk: item.post(postId) },
                UpdateExpression: 'SET replyCount = replyCount + :one',
                ConditionExpression: 'attribute_exists(pk) AND deleted = :false',
                ExpressionAttributeValues: { ':one': 1, ':false': false },
              },
            },
            { Put: { TableName: this.table, Item: { pk: item.group(groupId), sk: item.reply(postId, reply.id), ...reply } } },
            ...notice,
          ],
        }),
      );
      return reply;
    } catch (err) {
      if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') return undefined;
      throw err;
    }
  }

  async find(groupId: string, postId: string, replyId?: string): Promise<PostRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: item.group(groupId), sk: sortKey(postId, replyId) }, ConsistentRead: true }),
    );
    return Item && toPost(Item);
  }

  /** A page of posts (newest first) or of one post's replies (oldest first), continuing after the id `after`. */
  async page(groupId: string, options: { postId?: string; limit: number; after?: string }) {
    const prefix = options.postId ? `REPLY#${options.postId}#` : 'POST#';
    const { Items, LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': item.group(groupId), ':prefix': prefix },
        ScanIndexForward: options.postId !== undefined,
        Limit: options.limit,
        ...(options.after ? { ExclusiveStartKey: { pk: item.group(groupId), sk: `${prefix}${options.after}` } } : {}),
      }),
    );
    const items = (Items ?? []).map(toPost);
    return { items, next: LastEvaluatedKey ? items.at(-1)?.id : undefined };
  }

  /** Changes the text of the author's own, undeleted post or reply; false otherwise. */
  async edit(groupId: string, authorId: string, body: string, postId: string, replyId?: string): Promise<PostRecord | undefined> {
    const updated = await updateIf(this.db, {
      TableName: this.table,
      Key: { pk: item.group(groupId), sk: sortKey(postId, replyId) },
      UpdateExpression: 'SET body = :body, editedAt = :now',
      ConditionExpression: 'authorId = :me AND deleted = :false',
      ExpressionAttributeValues: { ':body': body, ':now': new Date().toISOString(), ':me': authorId, ':false': false },
      ReturnValues: 'ALL_NEW',
    });
    return updated ? toPost(updated) : undefined;
  }

  /** Deletes a post or reply, leaving a marker so a thread keeps its shape; its text is gone. */
  async remove(groupId: string, postId: string, replyId?: string): Promise<boolean> {
    const changed = await updateIf(this.db, {
      TableName: this.table,
      Key: { pk: item.group(groupId), sk: sortKey(postId, replyId) },
      UpdateExpression: 'SET deleted = :true, body = :empty',
      ConditionExpression: 'attribute_exists(pk) AND deleted = :false',
      ExpressionAttributeValues: { ':true': true, ':false': false, ':empty': '' },
    });
    return changed !== false;
  }
}
