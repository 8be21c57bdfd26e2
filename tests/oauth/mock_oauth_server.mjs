// mock_oauth_server.mjs — runs the third-party oauth2-mock-server (npm, 7.2.1) for the oauth suite.
//
// Starts it on 127.0.0.1 with an ephemeral port and one fresh RS256 key, prints its base URL as ONE line on stdout,
// and exits when stdin closes (the test holds the other end of the pipe, so the server never outlives it).
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
await server.start(0, '127.0.0.1');
// The library names the issuer "http://localhost:<port>", which may resolve to ::1 where nothing listens: use the
// address it really bound (tokens issued from now on carry this `iss`).
server.issuer.url = `http://127.0.0.1:${server.address().port}`;
process.stdout.write(`${server.issuer.url}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
