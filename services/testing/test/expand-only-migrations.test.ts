// Green's migrations run while blue still serves: CI fails on a migration that would break the running release.
import path from 'node:path';
import { postgresServices } from '@tutoring-platform/shared/catalog';
import { breakingChanges, breakingChangesIn } from '../src/expand-only-migrations';

const repoRoot = path.join(__dirname, '..', '..', '..');
const migration = (up: string, down = '') => `-- Up Migration\n${up}\n-- Down Migration\n${down}\n`;

describe('expand-only migrations', () => {
  it.each(postgresServices.map((s) => [s.name, s.workspace]))(
    "when %s's migrations are read, then none drops, renames or retypes a table or column",
    async (_name, workspace) => {
      expect(await breakingChangesIn(path.join(repoRoot, workspace, 'migrations'))).toEqual([]);
    },
  );

  it.each([
    ['ALTER TABLE tutors DROP COLUMN headline;', 'drops column headline'],
    ['ALTER TABLE tutors RENAME COLUMN headline TO tagline;', 'renames a column'],
    ['ALTER TABLE tutors RENAME TO mentors;', 'renames a table'],
    ['DROP TABLE reviews;', 'drops a table'],
    ['ALTER TABLE bookings ALTER COLUMN note TYPE varchar(50);', 'changes the type of column note'],
    ['ALTER TABLE bookings ALTER COLUMN note SET NOT NULL;', 'makes column note NOT NULL'],
  ])('when a migration says %s, then the check names it', async (sql, reason) => {
    const found = await breakingChanges('1800000000000_change.sql', migration(`CREATE INDEX a_idx ON a (b);\n${sql}`));
    expect(found).toEqual([{ file: '1800000000000_change.sql', statement: `${reason}: ${sql.replace(/;$/, '')}` }]);
  });

  it('when a migration only adds, or drops in its down part, then nothing is named', async () => {
    const sql = migration(
      'ALTER TABLE tutors ADD COLUMN pronouns text;\nCREATE TABLE badges (id uuid PRIMARY KEY);\nDROP INDEX old_idx;',
      'DROP TABLE badges;\nALTER TABLE tutors DROP COLUMN pronouns;',
    );
    expect(await breakingChanges('1800000000001_add.sql', sql)).toEqual([]);
  });

  it('when a drop is marked as a contract step with its reason, then it passes', async () => {
    const sql = migration('-- contract: release 41 stopped reading tutors.headline\nALTER TABLE tutors DROP COLUMN headline;');
    expect(await breakingChanges('1800000000002_contract.sql', sql)).toEqual([]);
    expect(
      await breakingChanges('1800000000003_bare.sql', migration('-- contract:\nALTER TABLE tutors DROP COLUMN headline;')),
    ).toHaveLength(1);
  });

  it('when a migration is not valid SQL, then the check fails loudly instead of passing it', async () => {
    await expect(breakingChanges('1800000000004_typo.sql', migration('ALTER TABEL tutors DROP COLUMN x;'))).rejects.toThrow(/syntax error/);
  });
});
