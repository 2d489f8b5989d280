// Baselines for the GET /me benchmark, running the same SELECT with no auth, logging or security middleware:
// bare node:http + pg (the baseline), or with FRAMEWORK=express a bare Express 5 app (the framework's ceiling).
import http from 'node:http';
import express from 'express';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const userId = process.env.USER_ID;
const sql = 'SELECT id, email, display_name, role, timezone, bio, school, courses_of_study, status, created_at FROM users WHERE id = $1';

function bare(_req: http.IncomingMessage, res: http.ServerResponse): void {
  pool
    .query(sql, [userId])
    .then(({ rows }) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(rows[0]));
    })
    .catch(() => {
      res.writeHead(500);
      res.end();
    });
}

function bareExpress(): express.Express {
  const app = express();
  app.get('/', async (_req, res) => {
    res.json((await pool.query(sql, [userId])).rows[0]);
  });
  return app;
}

const server = http.createServer(process.env.FRAMEWORK === 'express' ? bareExpress() : bare);
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write(`listening (${process.env.FRAMEWORK ?? 'node'})\n`));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
