// After each test file: every error an operation answered is one its OpenAPI contract lists.
import { undeclaredErrors } from '@tutoring-platform/shared';

afterAll(() => {
  expect(undeclaredErrors()).toEqual([]);
});
