// Baseline for booking throughput: bare node:http + pg doing only the INSERT a booking ends with (the exclusion
// constraints still apply), without auth, validation, rule checks, the tutor lock or idempotency.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const courseId = process.env.COURSE_ID;

const server = http.createServer((req, res) => {
  if (req.url === '/ready') {
    res.end('ok');
    return;
  }
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const { tutorId, studentId, start } = JSON.parse(body) as { tutorId: string; studentId: string; start: string };
    pool
      .query(
        `INSERT INTO bookings (tutor_id, student_id, course_id, status, starts_at, ends_at, blocked, mode)
         VALUES ($1, $2, $3, 'confirmed', $4, $4::timestamptz + interval '1 hour', tstzrange($4, $4::timestamptz + interval '1 hour'), 'online') RETURNING id`,
        [tutorId, studentId, courseId, start],
      )
      .then(({ rows }) => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify(rows[0]));
      })
      .catch(() => {
        res.writeHead(409);
        res.end();
      });
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
