// Baseline for join throughput: bare node:http writing one DynamoDB item per request, no auth, no conditions.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: 'eu-west-1',
    endpoint: process.env.DYNAMODB_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

const server = http.createServer((req, res) => {
  if (req.url === '/ready') {
    res.end('ok');
    return;
  }
  req.resume();
  db.send(
    new PutCommand({ TableName: process.env.TABLE, Item: { pk: `BASELINE#${randomUUID()}`, sk: 'X', at: new Date().toISOString() } }),
  ).then(
    () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"member"}');
    },
    () => {
      res.writeHead(500);
      res.end();
    },
  );
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
