// Helpers the workspace's tests share. Plain JavaScript with a declaration file, so that every
// package's tests and child processes can import it without a build step.
import { connect, createServer } from 'node:net';

/**
 * A loopback port on which a connection is refused (ECONNREFUSED) for as long as it is held.
 *
 * A port that was bound and released can be taken by any other test before it is used. This one
 * stays bound: it is the local end of an open connection, which nothing can listen on, and which
 * the kernel gives to no other socket.
 */
export async function closedPort() {
  const accepted = [];
  const listener = createServer((socket) => accepted.push(socket));
  await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const client = connect(listener.address().port, '127.0.0.1');
  await Promise.all([
    new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject)),
    new Promise((resolve) => listener.once('connection', resolve)),
  ]);
  // Listening stops at once (close's callback would wait for the connection we keep).
  listener.close();
  const port = client.localPort;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    release() {
      client.destroy();
      for (const socket of accepted) socket.destroy();
    },
  };
}

export { recordingServer, json } from './http.js';
export { copiedProject, packedProject } from './packed.js';
export { runCommand, spawnUntilLine } from './processes.js';
export { chromiumLaunchOptions } from './chromium.js';
export { scratchFolder, typeCheck } from './folders.js';
