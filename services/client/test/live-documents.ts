// Each service's OpenAPI document as its route declarations produce it. Only the declarations are read: no
// handler runs, so the services need none of their dependencies.
import { createApi as groupsApi } from '@tutoring-platform/groups/app';
import { createApi as notificationsApi } from '@tutoring-platform/notifications/app';
import { createApi as tutoringApi } from '@tutoring-platform/tutoring/app';
import { createApi as usersApi } from '@tutoring-platform/users/app';

export const liveDocuments = (): Record<'users' | 'tutoring' | 'groups' | 'notifications', object> => ({
  users: usersApi({} as never).openApiDocument(),
  tutoring: tutoringApi({} as never).openApiDocument(),
  groups: groupsApi({} as never).openApiDocument(),
  notifications: notificationsApi({} as never).openApiDocument(),
});
