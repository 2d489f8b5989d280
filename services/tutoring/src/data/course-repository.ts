// tutoring.courses: the course and subject catalog.
import type pg from 'pg';
import { isUniqueViolation } from '@tutoring-platform/postgres';
import { AppError } from '@tutoring-platform/shared';

export interface Course {
  id: string;
  code: string;
  title: string;
  subject: string;
  description: string;
}

export type CourseFields = Omit<Course, 'id'>;

const columns = 'id, code, title, subject, description';
const codeTaken = () => new AppError('course-code-taken', 409, 'A course with this code already exists');

export class CourseRepository {
  constructor(private readonly db: pg.Pool) {}

  async list(filter: { subject?: string | undefined; q?: string | undefined }): Promise<Course[]> {
    const { rows } = await this.db.query<Course>(
      `SELECT ${columns} FROM courses
       WHERE ($1::text IS NULL OR subject = $1)
         AND ($2::text IS NULL OR code ILIKE '%' || $2 || '%' OR title ILIKE '%' || $2 || '%')
       ORDER BY subject, code`,
      [filter.subject ?? null, filter.q?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? null],
    );
    return rows;
  }

  async findByIds(ids: string[]): Promise<Map<string, Course>> {
    const { rows } = await this.db.query<Course>(`SELECT ${columns} FROM courses WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((c) => [c.id, c]));
  }

  async findById(id: string): Promise<Course | undefined> {
    const { rows } = await this.db.query<Course>(`SELECT ${columns} FROM courses WHERE id = $1`, [id]);
    return rows[0];
  }

  async create(fields: CourseFields): Promise<Course> {
    try {
      const { rows } = await this.db.query<Course>(
        `INSERT INTO courses (code, title, subject, description) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
        [fields.code, fields.title, fields.subject, fields.description],
      );
      return rows[0]!;
    } catch (err) {
      if (isUniqueViolation(err)) throw codeTaken();
      throw err;
    }
  }

  async update(id: string, fields: Partial<CourseFields>): Promise<Course | undefined> {
    try {
      const { rows } = await this.db.query<Course>(
        `UPDATE courses SET code = COALESCE($2, code), title = COALESCE($3, title), subject = COALESCE($4, subject),
           description = COALESCE($5, description), updated_at = now()
         WHERE id = $1 RETURNING ${columns}`,
        [id, fields.code ?? null, fields.title ?? null, fields.subject ?? null, fields.description ?? null],
      );
      return rows[0];
    } catch (err) {
      if (isUniqueViolation(err)) throw codeTaken();
      throw err;
    }
  }
}
