// What the local stack reuses: the gateway and the web app's static server.
export * from './gateway';
export * from './static-site';
