// MSW: the one place tests fake the network. Each test adds the handlers it needs.
import { setupServer } from 'msw/node';

export const server = setupServer();
